// The analysis unit of a requirements file: the file and everything it pulls in with `-r` / `-c`
// (followed relative to the including file, as pip does), in pip's reading order.
import * as path from 'node:path';
import type { AdvisorySource } from '../../advisories/source';
import type { ProjectConfig } from '../../engine/config';
import type { KindContext } from '../../engine/kind';
import { pathRole, relativeTo } from '../../engine/paths';
import type { Range, Severity } from '../../engine/types';
import type { WorkspaceView } from '../../engine/workspace';
import { parseRequirementsText, type Entry, type OptionEntry, type ParsedFile } from './parser';

export type Role = 'production' | 'development';

export interface ReqFile {
  file: string;
  /** Workspace-relative path (the base name for files outside the workspace). */
  rel: string;
  /** Catalog §0 path role. */
  role: Role;
  /** A pip-compile input (`*.in`): exempt from the pinning and hash rules. */
  input: boolean;
  parsed: ParsedFile;
  /** The files through which pip first reaches this one, from the unit's root (empty for the root). */
  includedVia: ReqFile[];
}

export interface IncludeProblem {
  file: string;
  range: Range;
  message: string;
  severity: Severity;
}

export interface OrderedRequirement {
  file: ReqFile;
  entry: Entry;
  /** Read through `-c`: a constraint, not something to install. */
  constraint: boolean;
}

export interface IncludeEdge {
  from: ReqFile;
  option: OptionEntry;
  target: string;
  constraint: boolean;
}

export interface UnitModel {
  root: string;
  /** Workspace root ('' for an untitled buffer). */
  wsRoot: string;
  config: ProjectConfig;
  ws: WorkspaceView;
  /** Every file of the unit, each once, in the order pip first reads it. */
  files: ReqFile[];
  byFile: Map<string, ReqFile>;
  /** Requirement lines in pip's reading order. */
  requirements: OrderedRequirement[];
  includes: IncludeEdge[];
  includeProblems: IncludeProblem[];
  /** undefined when no advisory source is configured. */
  advisories?: AdvisorySource;
}

const MAX_INCLUDE_DEPTH = 32;

export function roleOf(rel: string): Role {
  return pathRole(rel);
}

export function isInputFile(rel: string): boolean {
  return rel.toLowerCase().endsWith('.in');
}

/** The file a `-r`/`-c` value names, or why it is not followed. */
export function includeTarget(from: string, value: string): { target?: string; reason?: string } {
  if (/^(https?|file):/i.test(value)) return { reason: `${value} is a URL: pip downloads it at install time, DeployGuard does not follow it` };
  if (/\$\{[A-Z0-9_]+\}/.test(value)) return { reason: `${value} depends on an environment variable: not followed` };
  return { target: path.resolve(path.dirname(from), value) };
}

/** Cheap test: can this text hold an -r/-c include at all (any spelling pip accepts)? */
function mayInclude(text: string): boolean {
  return text.includes('-r') || text.includes('-c') || text.includes('--re') || text.includes('--co');
}

export function readParsed(ws: WorkspaceView, file: string, includesOnly = false): ParsedFile | string {
  const r = ws.read(file);
  return r.ok ? (includesOnly && !mayInclude(r.text) ? parseRequirementsText(file, '') : parseRequirementsText(file, r.text)) : r.reason === 'missing' ? 'missing' : r.message;
}

export function buildUnit(root: string, ctx: KindContext, advisories?: AdvisorySource): UnitModel {
  const model: UnitModel = {
    root,
    wsRoot: ctx.root,
    config: ctx.config,
    ws: ctx.ws,
    files: [],
    byFile: new Map(),
    requirements: [],
    includes: [],
    includeProblems: [],
    advisories,
  };
  const node = (file: string, parsed: ParsedFile, includedVia: ReqFile[]): ReqFile => {
    const rel = (ctx.root ? relativeTo(ctx.root, file) : undefined) ?? path.basename(file);
    const f: ReqFile = { file, rel, role: roleOf(rel), input: isInputFile(rel), parsed, includedVia };
    model.files.push(f);
    model.byFile.set(file, f);
    return f;
  };

  const visit = (f: ReqFile, constraint: boolean, stack: string[]) => {
    for (const entry of f.parsed.entries) {
      if (entry.kind === 'requirement') {
        model.requirements.push({ file: f, entry, constraint });
        continue;
      }
      // pip follows the first -r of the line, else its first -c.
      const inc = entry.options.find((o) => o.name === '--requirement') ?? entry.options.find((o) => o.name === '--constraint');
      if (!inc || inc.value === undefined) continue;
      const nested = inc.name === '--constraint';
      const problem = (message: string, severity: Severity) => model.includeProblems.push({ file: f.file, range: inc.valueRange ?? inc.range, message, severity });
      const { target, reason } = includeTarget(f.file, inc.value);
      if (!target) {
        problem(reason!, 'info');
        continue;
      }
      model.includes.push({ from: f, option: inc, target, constraint: nested });
      if (stack.includes(target)) {
        const cycle = [...stack.slice(stack.indexOf(target)), target].map((p) => path.basename(p)).join(' → ');
        problem(`include cycle: ${cycle}; pip recurses until it fails`, 'warning');
        continue;
      }
      if (model.byFile.has(target)) continue; // read already (a diamond, not a cycle)
      if (stack.length >= MAX_INCLUDE_DEPTH) {
        problem(`includes nested more than ${MAX_INCLUDE_DEPTH} deep: not followed further`, 'info');
        continue;
      }
      const parsed = readParsed(ctx.ws, target);
      if (parsed === 'missing') {
        problem(`${inc.value} does not exist (resolved to ${target}); pip stops with "Could not open requirements file"`, 'warning');
        continue;
      }
      if (typeof parsed === 'string') {
        problem(`${inc.value} is not checked: ${parsed}`, 'info');
        continue;
      }
      visit(node(target, parsed, [...f.includedVia, f]), nested, [...stack, target]);
    }
  };

  const parsed = readParsed(ctx.ws, root);
  if (typeof parsed !== 'string') visit(node(root, parsed, []), false, [root]);
  return model;
}

/** The files a requirements file includes with -r / -c (the first of each line, as pip reads it). */
export function includeTargets(ws: WorkspaceView, file: string): string[] {
  const parsed = readParsed(ws, file, true);
  if (typeof parsed === 'string') return [];
  const out: string[] = [];
  for (const entry of parsed.entries) {
    if (entry.kind !== 'options') continue;
    const inc = entry.options.find((o) => o.name === '--requirement') ?? entry.options.find((o) => o.name === '--constraint');
    if (!inc?.value) continue;
    const { target } = includeTarget(file, inc.value);
    if (target) out.push(target);
  }
  return out;
}

/**
 * The file of the unit that reads both files (itself or through its includes) and is included the
 * deepest: the smallest install in which the two meet. It does not depend on the unit's root, so
 * units that share the two files name the same one.
 */
export function commonIncluder(a: ReqFile, b: ReqFile): ReqFile {
  const pa = [...a.includedVia, a];
  const pb = [...b.includedVia, b];
  let i = 0;
  while (i + 1 < pa.length && i + 1 < pb.length && pa[i + 1] === pb[i + 1]) i++;
  return pa[i];
}

/**
 * Files (among `candidates`) whose include graph reaches `file`, directly or through other files.
 * Used to analyse an included file in the context of the files that install it. `targetsOf` gives
 * a file's includes (includeTargets, usually memoised).
 */
export function includersOf(file: string, candidates: string[], targetsOf: (file: string) => string[]): string[] {
  const reaches = (start: string): boolean => {
    const seen = new Set<string>([start]);
    const queue = [start];
    for (let head = 0; head < queue.length && seen.size < 200; head++) {
      for (const target of targetsOf(queue[head])) {
        if (target === file) return true;
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    return false;
  };
  return candidates.filter((c) => c !== file && reaches(c));
}
