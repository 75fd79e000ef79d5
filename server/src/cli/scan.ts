// `deployguard scan`: resolves the paths given, finds each one's project root, builds one engine
// over all roots and lints every file (named files directly, folders by discovery). I/O and
// configuration problems are CliErrors (exit code 2). Each file's findings go to the caller as soon
// as they are known (the reports are written file by file, so a scan's memory does not grow with
// its findings); the scan returns what the reports' ends need (totals, skipped files).
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  discoverFiles,
  Engine,
  META_RULES,
  parseConfig,
  SEVERITY_ORDER,
  type Finding,
  type Kind,
  type LoadedConfig,
  type RuleMeta,
  type Severity,
} from '../engine';
import { HeapPacer } from './heap';
import { ConfiguredWorkspace, projectRootOf, projectRootOfDir } from './host';

/** A usage or I/O problem: one line, exit code 2. */
export class CliError extends Error {}

export interface ScannedFile {
  /** Absolute path. */
  file: string;
  /** Project root it was analysed in. */
  root: string;
  kind?: string;
  findings: Finding[];
}

export interface ScanOutput {
  cwd: string;
  /** Totals over every file scanned. */
  counts: Record<Severity, number>;
  filesScanned: number;
  filesWithFindings: number;
  /** Rules that reported at least one finding. */
  usedRules: Set<string>;
  /** Files named on the command line that were not analysed, with the reason. */
  skipped: { file: string; reason: string }[];
  rules: RuleMeta[];
  engine: Engine;
  /** Lines the engine logged (rule failures…). */
  logs: string[];
}

export interface ScanOptions {
  cwd: string;
  paths: string[];
  /** --config FILE (instead of each root's .deployguard.json). */
  config?: string;
  kinds: Kind[];
}

function errnoMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? (e as Error)?.message ?? String(e);
}

/**
 * The first problem of a configuration as one line: `file:line:col: message`. The engine's
 * "the default applies" tails do not hold here: the CLI stops instead.
 */
function configError(file: string, problems: LoadedConfig['problems']): CliError {
  const p = problems[0];
  const message = p.message.replace(/; (the default applies|it is ignored|the default configuration applies)$/, '');
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new CliError(`${file}:${position(p.range)}: ${message}${more}`);
}

/** `line:col`, 1-based, of a range's start. */
function position(range: { start: { line: number; character: number } }): string {
  return `${range.start.line + 1}:${range.start.character + 1}`;
}

function loadConfigFile(file: string, cwd: string, knownIds: Set<string>): LoadedConfig {
  const abs = path.resolve(cwd, file);
  let text: string;
  try {
    if (!fs.statSync(abs).isFile()) throw new CliError(`--config ${file}: not a regular file`);
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`--config ${file}: ${errnoMessage(e)}`);
  }
  const loaded = parseConfig(text, path.dirname(abs), abs, knownIds);
  if (loaded.problems.length > 0) throw configError(file, loaded.problems);
  return loaded;
}

export function allRules(kinds: Kind[]): RuleMeta[] {
  return [...META_RULES, ...kinds.flatMap((k) => k.rules)];
}

/** A scan ready to run: the engine over every root, configurations checked, files found. */
export interface PreparedScan {
  cwd: string;
  rules: RuleMeta[];
  engine: Engine;
  /** Files to lint, in path order. */
  files: string[];
  /** Files named on the command line (reported as skipped when not analysed). */
  named: Set<string>;
  logs: string[];
}

/** Finds the files to scan. Throws CliError for usage, I/O and configuration problems. */
export function prepareScan(options: ScanOptions): PreparedScan {
  const { cwd, kinds } = options;
  const rules = allRules(kinds);
  const knownIds = new Set(rules.map((r) => r.id));
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  const targets: { arg: string; abs: string; dir: boolean; root: string }[] = [];
  for (const arg of paths) {
    const abs = path.resolve(cwd, arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      throw new CliError(`${arg}: ${errnoMessage(e)}`);
    }
    if (st.isDirectory()) {
      try {
        fs.readdirSync(abs);
      } catch (e) {
        throw new CliError(`${arg}: cannot list the folder: ${errnoMessage(e)}`);
      }
      targets.push({ arg, abs, dir: true, root: projectRootOfDir(abs) ?? abs });
    } else if (st.isFile()) {
      try {
        fs.closeSync(fs.openSync(abs, 'r'));
      } catch (e) {
        throw new CliError(`${arg}: cannot read the file: ${errnoMessage(e)}`);
      }
      targets.push({ arg, abs, dir: false, root: projectRootOf(abs) });
    } else {
      throw new CliError(`${arg}: not a regular file or folder`);
    }
  }

  const config = options.config !== undefined ? loadConfigFile(options.config, cwd, knownIds) : undefined;
  const roots = [...new Set(targets.map((t) => t.root))];
  const logs: string[] = [];
  const ws = new ConfiguredWorkspace(roots);
  const engine = new Engine(ws, ws.roots, kinds, { log: (m) => logs.push(m), config, trackDependents: false });
  ws.limitFor = (file) => (engine.rootOf(file) ? engine.configFor(file).maxFileSize : undefined);

  if (!config) {
    for (const root of ws.roots) {
      const loaded = engine.loadedConfig(root);
      if (loaded.problems.length === 0) continue;
      throw configError(path.relative(cwd, loaded.config.file ?? path.join(root, '.deployguard.json')) || '.deployguard.json', loaded.problems);
    }
  }

  const named = new Set<string>();
  const files = new Set<string>();
  for (const t of targets) {
    if (!t.dir) {
      named.add(t.abs);
      files.add(t.abs);
      continue;
    }
    // Ignore globs are relative to the root: they can prune the walk only when it starts there.
    const exclude = t.abs === t.root ? engine.loadedConfig(t.root).config.ignore : [];
    const found = discoverFiles(t.abs, { exclude, accept: (_rel, abs) => engine.supports(abs) });
    for (const f of found.files) files.add(f);
    if (found.truncated === 'limit') logs.push(`${t.arg}: too many entries; discovery stopped early`);
  }

  return { cwd, rules, engine, files: [...files].sort(), named, logs };
}

/**
 * Lints the prepared files; `onFile` gets each analysed file's findings, in path order, as they are
 * known. When `onFile` returns a promise (the report's reader is behind), the scan waits for it.
 */
export async function runScan(
  prepared: PreparedScan,
  onFile: (file: ScannedFile, scan: PreparedScan) => Promise<void> | void = () => {},
): Promise<ScanOutput> {
  const { cwd, rules, engine, named, logs } = prepared;
  const out: ScanOutput = {
    cwd,
    counts: { error: 0, warning: 0, info: 0 },
    filesScanned: 0,
    filesWithFindings: 0,
    usedRules: new Set(),
    skipped: [],
    rules,
    engine,
    logs,
  };
  const pacer = new HeapPacer();
  for (const file of prepared.files) {
    pacer.tick();
    const result = engine.lintFile(file);
    if (result.skipped && result.findings.length === 0) {
      if (named.has(file)) out.skipped.push({ file, reason: result.skipped });
      continue;
    }
    out.filesScanned++;
    if (result.findings.length > 0) out.filesWithFindings++;
    for (const f of result.findings) {
      out.counts[f.severity]++;
      out.usedRules.add(f.ruleId);
    }
    const wait = onFile({ file, root: engine.rootOf(file) ?? path.dirname(file), kind: result.kind, findings: result.findings }, prepared);
    if (wait) await wait;
  }
  return out;
}

/** Whether a finding reaches the --fail-on threshold. */
/** Whether a scan may query the OSV API (the --online-advisories flag, or a project's configuration). */
export function mayQueryOnline(prepared: PreparedScan, flag: boolean | undefined): boolean {
  return flag ?? prepared.engine.roots.some((r) => prepared.engine.loadedConfig(r).config.requirements.onlineAdvisories);
}

export function reaches(severity: Severity, threshold: Severity | 'none'): boolean {
  return threshold !== 'none' && SEVERITY_ORDER[severity] >= SEVERITY_ORDER[threshold];
}
