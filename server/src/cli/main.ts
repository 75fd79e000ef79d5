// The `deployguard` command line: scan, rules, explain, --version, --help.
// Exit codes: 0 nothing reaches the --fail-on threshold, 1 something does, 2 usage or I/O error
// (with a one-line message on stderr).
import * as fs from 'node:fs';
import * as path from 'node:path';
import pkg from '../../../package.json';
import { configureAdvisories, fetchPendingAdvisories, pendingAdvisoryQueries } from '../advisories';
import type { Kind, Severity } from '../engine';
import { normaliseRuleId, ruleDocMarkdown } from './docs';
import { displayPath, jsonReporter, textReporter } from './format';
import { sarifReporter } from './sarif';
import { allRules, CliError, mayQueryOnline, prepareScan, reaches, runScan, type ScanOutput } from './scan';

export const VERSION: string = pkg.version;

export interface CliIo {
  cwd: string;
  /** Writes to standard output; returns false when the reader is behind (then wait for `drained`). */
  stdout: (text: string) => boolean | void;
  /** Resolves when standard output can take more (after `stdout` returned false). */
  drained?: () => Promise<void>;
  stderr: (text: string) => void;
}

export const USAGE = `Usage: deployguard <command> [options]

Commands:
  scan [paths...]        Analyse files and folders (default: the current folder)
      --format, -f FMT     text (default), json or sarif
      --fail-on LEVEL      error (default), warning, info or none: exit 1 when a finding
                           reaches this severity
      --config FILE        use FILE instead of each project's .deployguard.json
      --output, -o FILE    write the report to FILE instead of standard output
      --advisories DIR     check pinned requirements (REQ001) against a folder of OSV JSON
                           advisories, e.g. an unzipped OSV PyPI/all.zip
      --online-advisories  query the OSV API for them (sends package names and versions;
                           answers cached in ~/.cache/deployguard; DEPLOYGUARD_OSV_API and
                           DEPLOYGUARD_CACHE_DIR name a mirror and another cache folder)
  rules [--format json]  List the rules (id, severity, enabled by default, title)
  explain RULE           Print the documentation page of a rule, e.g. deployguard explain SSH002

Options:
  --version, -V          Print the version
  --help, -h             Print this help

Exit codes: 0 no finding reaches the threshold, 1 some finding does, 2 usage or I/O error.
`;

interface Parsed {
  positional: string[];
  options: Map<string, string | true>;
}

const VALUE_OPTIONS = new Map([
  ['--format', '--format'],
  ['-f', '--format'],
  ['--fail-on', '--fail-on'],
  ['--config', '--config'],
  ['--output', '--output'],
  ['-o', '--output'],
  ['--advisories', '--advisories'],
]);
const FLAG_OPTIONS = new Map([
  ['--help', '--help'],
  ['-h', '--help'],
  ['--version', '--version'],
  ['-V', '--version'],
  ['--online-advisories', '--online-advisories'],
]);

function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      const value = VALUE_OPTIONS.get(name);
      if (value) {
        let v: string | undefined;
        if (eq > 0) v = arg.slice(eq + 1);
        else if (i + 1 < argv.length) v = argv[++i];
        if (v === undefined || v === '') throw new CliError(`${name} needs a value`);
        options.set(value, v);
        continue;
      }
      const flag = FLAG_OPTIONS.get(name);
      if (flag && eq < 0) {
        options.set(flag, true);
        continue;
      }
      throw new CliError(`unknown option ${name} (see deployguard --help)`);
    }
    positional.push(arg);
  }
  return { positional, options };
}

function allowOnly(parsed: Parsed, command: string, allowed: string[]): void {
  for (const name of parsed.options.keys()) {
    if (!allowed.includes(name)) throw new CliError(`${name} does not apply to "${command}"`);
  }
}

function choice<T extends string>(parsed: Parsed, name: string, values: readonly T[], fallback: T): T {
  const v = parsed.options.get(name);
  if (v === undefined) return fallback;
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  throw new CliError(`${name} must be one of ${values.join(', ')}`);
}

/**
 * Where the report goes: stdout, or the --output file (created at the first write, so a scan that
 * stops on a usage or configuration problem leaves no file). Writes are gathered into chunks.
 */
class ReportSink {
  private buffer = '';
  private fd: number | undefined;
  /** Standard output's reader is behind: the scan waits for `drained()`. */
  backedUp = false;

  constructor(
    private readonly io: CliIo,
    private readonly output: string | undefined,
  ) {}

  readonly write = (text: string): void => {
    this.buffer += text;
    if (this.buffer.length >= 64 * 1024) this.flush();
  };

  flush(): void {
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    if (this.output === undefined) {
      if (this.io.stdout(text) === false && this.io.drained) this.backedUp = true;
      return;
    }
    try {
      this.fd ??= fs.openSync(path.resolve(this.io.cwd, this.output), 'w');
      fs.writeSync(this.fd, text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message;
      throw new CliError(`--output ${this.output}: cannot write (${code})`);
    }
  }

  drained(): Promise<void> {
    return this.io.drained!().then(() => {
      this.backedUp = false;
    });
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

async function runScanCommand(parsed: Parsed, io: CliIo, kinds: Kind[]): Promise<number> {
  allowOnly(parsed, 'scan', ['--format', '--fail-on', '--config', '--output', '--advisories', '--online-advisories']);
  const format = choice(parsed, '--format', ['text', 'json', 'sarif'] as const, 'text');
  const failOn = choice(parsed, '--fail-on', ['error', 'warning', 'info', 'none'] as const, 'error');
  const config = parsed.options.get('--config');
  const output = parsed.options.get('--output');
  const advisories = parsed.options.get('--advisories');
  let folder: string | undefined;
  if (typeof advisories === 'string') {
    folder = path.resolve(io.cwd, advisories);
    let isDir = false;
    try {
      isDir = fs.statSync(folder).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) throw new CliError(`--advisories ${advisories}: not a folder`);
  }
  const online = parsed.options.has('--online-advisories') ? true : undefined;
  configureAdvisories({
    folder,
    online,
    // An OSV-compatible mirror and a cache folder of one's own (CI, air-gapped proxies, tests).
    apiUrl: process.env.DEPLOYGUARD_OSV_API || undefined,
    cacheDir: process.env.DEPLOYGUARD_CACHE_DIR || undefined,
  });
  const options = { cwd: io.cwd, paths: parsed.positional.slice(1), config: typeof config === 'string' ? config : undefined, kinds };
  let prepared = prepareScan(options);
  if (mayQueryOnline(prepared, online)) {
    // The engine is synchronous: a first pass gathers the online queries, their answers are
    // fetched, and the scan runs on them.
    await runScan(prepared);
    if (pendingAdvisoryQueries() > 0) {
      await fetchPendingAdvisories();
      prepared = prepareScan(options);
    }
  }
  const sink = new ReportSink(io, typeof output === 'string' ? output : undefined);
  const reporter =
    format === 'json' ? jsonReporter(sink.write, VERSION, prepared) : format === 'sarif' ? sarifReporter(sink.write, VERSION, prepared) : textReporter(sink.write, prepared);
  let failing = false;
  let out: ScanOutput;
  try {
    out = await runScan(prepared, (file) => {
      reporter.file(file);
      failing ||= file.findings.some((x) => reaches(x.severity, failOn as Severity | 'none'));
      // A reader slower than the scan (a pipe): wait rather than queue the report in memory.
      return sink.backedUp ? sink.drained() : undefined;
    });
    reporter.end(out);
  } finally {
    sink.close();
  }
  for (const line of out.logs) io.stderr(`deployguard: ${line}\n`);
  for (const s of out.skipped) io.stderr(`deployguard: ${displayPath(io.cwd, s.file)}: skipped (${s.reason})\n`);
  return failing ? 1 : 0;
}

function runRules(parsed: Parsed, io: CliIo, kinds: Kind[]): number {
  allowOnly(parsed, 'rules', ['--format']);
  if (parsed.positional.length > 1) throw new CliError(`"rules" takes no arguments`);
  const format = choice(parsed, '--format', ['text', 'json'] as const, 'text');
  const rules = allRules(kinds).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (format === 'json') {
    io.stdout(
      JSON.stringify(
        rules.map((r) => ({ id: r.id, kind: r.kind, severity: r.severity, optIn: !!r.optIn, fix: r.fix, title: r.title, why: r.why, ...(r.anchors ? { anchors: r.anchors } : {}) })),
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const lines = ['ID      SEVERITY  DEFAULT  TITLE'];
  for (const r of rules) lines.push(`${r.id.padEnd(7)} ${r.severity.padEnd(9)} ${(r.optIn ? 'opt-in' : 'on').padEnd(8)} ${r.title}`);
  io.stdout(lines.join('\n') + '\n');
  return 0;
}

function runExplain(parsed: Parsed, io: CliIo, kinds: Kind[]): number {
  allowOnly(parsed, 'explain', []);
  const args = parsed.positional.slice(1);
  if (args.length !== 1) throw new CliError('explain takes one rule id, e.g. deployguard explain SSH002');
  const id = normaliseRuleId(args[0]);
  const known = id !== undefined && allRules(kinds).some((r) => r.id === id);
  const page = id ? ruleDocMarkdown(id) : undefined;
  if (!page) throw new CliError(known ? `no documentation page for ${id}` : `unknown rule "${args[0]}" (deployguard rules lists them)`);
  io.stdout(page.endsWith('\n') ? page : page + '\n');
  return 0;
}

/** Runs the CLI; resolves to the exit code. Never rejects. */
export async function main(argv: string[], io: CliIo, kinds: Kind[]): Promise<number> {
  try {
    const parsed = parseArgs(argv);
    if (parsed.options.get('--help')) {
      io.stdout(USAGE);
      return 0;
    }
    if (parsed.options.get('--version')) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const command = parsed.positional[0];
    switch (command) {
      case 'scan':
        return await runScanCommand(parsed, io, kinds);
      case 'rules':
        return runRules(parsed, io, kinds);
      case 'explain':
        return runExplain(parsed, io, kinds);
      case undefined:
        io.stderr(USAGE);
        return 2;
      default:
        throw new CliError(`unknown command "${command}" (expected scan, rules or explain; see deployguard --help)`);
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`deployguard: ${e.message}\n`);
      return 2;
    }
    io.stderr(`deployguard: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return 2;
  }
}
