// Helpers shared by the DKR rules.
import type { ReportInput, Rule, RuleContext } from '../../engine/kind';
import type { Fix, FixAvailability, RuleMeta, Severity } from '../../engine/types';
import { invocation, type Invocation } from './cli';
import type { DInstruction, DockerModel, Stage } from './model';
import type { Command, Script, Word } from './shell';

export type DRule = Rule<DockerModel>;
export type DContext = RuleContext<DockerModel>;

export function meta(
  id: string,
  title: string,
  severity: Severity,
  fix: FixAvailability,
  why: string,
  anchors: string | undefined,
  optIn = false,
): RuleMeta {
  return { id, kind: 'dockerfile', title, severity, fix, why, anchors, ...(optIn ? { optIn: true } : {}) };
}

/** Reports a finding at source offsets [start, end). */
export function reportAt(
  ctx: DContext,
  start: number,
  end: number,
  message: string,
  extra: Omit<ReportInput, 'file' | 'range' | 'message'> = {},
): void {
  const m = ctx.model;
  ctx.report({ file: m.file, range: m.range(start, Math.max(start, end)), message, ...extra });
}

export function related(model: DockerModel, start: number, end: number, message: string) {
  return { file: model.file, range: model.range(start, end), message };
}

/** Severity for rules that are errors in shipped stages and warnings in builder stages. */
export function stageSeverity(stage: Stage | undefined, shipped: Severity = 'error', builder: Severity = 'warning'): Severity {
  return stage?.shipped ? shipped : builder;
}

/** The stage chain whose layers make up a stage: its ancestors (via FROM <stage>) first, then itself. */
export function stageChain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent) out.unshift(s);
  return out;
}

/** Instructions of the shipped image, in order (ancestor stages first). */
export function shippedInstructions(model: DockerModel): DInstruction[] {
  if (!model.finalStage) return [];
  return stageChain(model.finalStage).flatMap((s) => s.instructions);
}

export interface RunCommand {
  instr: DInstruction;
  cmd: Command;
  inv: Invocation;
  script: Script;
}

/** Every shell command of every RUN (ONBUILD triggers included unless `triggers` is false). */
const runCache = new WeakMap<DockerModel, Map<string, RunCommand[]>>();

export function runCommands(model: DockerModel, options: { triggers?: boolean; shippedOnly?: boolean } = {}): RunCommand[] {
  const key = `${options.triggers !== false}|${!!options.shippedOnly}`;
  let perModel = runCache.get(model);
  if (!perModel) runCache.set(model, (perModel = new Map()));
  const cached = perModel.get(key);
  if (cached) return cached;
  const out: RunCommand[] = [];
  perModel.set(key, out);
  for (const instr of model.allInstructions) {
    if (instr.keyword !== 'RUN') continue;
    if (options.triggers === false && instr.onbuild) continue;
    if (options.shippedOnly && !instr.stage?.shipped) continue;
    const script = instr.command?.script;
    if (script) {
      for (const cmd of script.commands) {
        const inv = invocation(cmd);
        if (inv) out.push({ instr, cmd, inv, script });
      }
    } else if (instr.command?.exec && instr.command.exec.length > 0) {
      // Exec form without a shell: one command whose words are the array's strings.
      const words: Word[] = instr.command.exec.map((a) => ({ start: a.start, end: a.end, raw: a.raw, value: a.value, resolved: true, quoted: true, expansions: [] }));
      const empty: Script = { commands: [], pipelines: [], heredocs: [], errors: [] };
      const cmd: Command = {
        assignments: [],
        words,
        redirects: [],
        start: instr.command.start,
        end: instr.command.end,
        pipeline: { commands: [], negated: false, start: instr.command.start, end: instr.command.end, pipes: [], depth: 0 },
        depth: 0,
        compound: false,
      };
      cmd.pipeline.commands.push(cmd);
      const inv = invocation(cmd);
      if (inv) out.push({ instr, cmd, inv, script: empty });
    }
  }
  return out;
}

/** Is `word` one of these option spellings (exact, or `--name=…`)? */
export function isOptionWord(w: Word, names: string[]): boolean {
  return names.some((n) => w.value === n || (n.startsWith('--') && w.value.startsWith(n + '=')));
}

/** Source offset of `needle` inside a word, when the word is written literally (no quotes, no continuation). */
export function offsetInWord(w: Word, needle: string): number | undefined {
  if (w.end - w.start !== w.raw.length) return undefined;
  const k = w.raw.indexOf(needle);
  return k >= 0 ? w.start + k : undefined;
}

export function fix(title: string, edits: Fix['edits'], extra: Partial<Fix> = {}): Fix {
  return { title, edits, ...extra };
}

/** Is the URL's host local (no network path to intercept)? */
export function isLocalUrl(url: string): boolean {
  return /^[a-z+]+:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)([:/]|$)/i.test(url);
}

/** User names created in a stage chain by useradd/adduser, with their uid when given. */
export function createdUsers(model: DockerModel, stage: Stage): { name: string; uid?: string }[] {
  const chain = new Set(stageChain(stage));
  const out: { name: string; uid?: string }[] = [];
  for (const rc of runCommands(model, { triggers: false })) {
    if (!rc.instr.stage || !chain.has(rc.instr.stage)) continue;
    if (rc.inv.name !== 'useradd' && rc.inv.name !== 'adduser') continue;
    let uid: string | undefined;
    let name: string | undefined;
    const args = rc.inv.args;
    const withArg = new Set(['-u', '--uid', '-g', '--gid', '-G', '--groups', '-d', '--home-dir', '--home', '-s', '--shell', '-c', '--comment', '--gecos', '-k', '--skel', '-e', '--expiredate', '-f', '--inactive', '-K', '--key', '-p', '--password', '-h', '--ingroup', '-b', '--base-dir', '-Z', '-R', '--root']);
    for (let k = 0; k < args.length; k++) {
      const v = args[k].value;
      if (v === '-u' || v === '--uid') {
        uid = args[k + 1]?.value;
        k++;
      } else if (v.startsWith('--uid=')) uid = v.slice(6);
      else if (/^-u\d+$/.test(v)) uid = v.slice(2);
      else if (withArg.has(v)) k++;
      else if (v.startsWith('-')) continue;
      else name = v;
    }
    if (name && args.every((a) => a.resolved)) out.push({ name, uid: uid && /^\d+$/.test(uid) ? uid : undefined });
  }
  return out;
}

export type { Invocation };
