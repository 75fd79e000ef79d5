// Mutation fuzzing of every kind through the engine: fixtures cut at random positions, characters
// that matter to the grammars inserted or deleted, random edit sequences. For every input: no
// exception or internal error logged, every finding's range inside its document, and the analysis
// bounded (a generous per-KB budget, not a tight timing).
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Engine, MemoryWorkspace, type Finding, type Kind } from '../../server/src/engine';
import { LineIndex } from '../../server/src/engine/text';

export const REPO = path.resolve(__dirname, '..', '..');
const WS = '/ws';

/** Characters and strings that matter to at least one of the five grammars. */
export const GRAMMAR_PIECES = [
  '"', "'", '`', '{', '}', ';', '\\', '#', '\n', '\r\n', '\r', '\0', '\t', ' ', '=', '$', '${', '(', ')', '[', ']',
  ':', ',', '*', '&&', '|', '<<EOF\n', '\nEOF\n', '\\\n', '"""', "'''", '\uD800', '\uFFFD', 'Match ', 'Include ',
  'include ', 'server {', 'location ~ ', 'from .base import *\n', '-r ', '--hash=sha256:', 'FROM ', 'RUN ', 'USER ',
  '--', '\u00e9', '\u{1F600}',
];

/**
 * Failures of kinds whose owners are still working on them (this suite may not edit their folders):
 * matching failures are counted as `known` instead of failing the run. The coordinator hands them
 * over; remove an entry once fixed.
 */
export const KNOWN_KIND_BUGS: { kind: string; problem: RegExp; description: string }[] = [];

export interface FuzzInput {
  /** Workspace-relative path of the mutated file. */
  rel: string;
  text: string;
}

export interface FuzzFailure {
  seed: number;
  input: FuzzInput;
  problem: string;
}

/** All fixture files of a kind (server/src/kinds/<kind>/fixtures/**), keyed by path inside the fixtures folder. */
export function kindFixtures(kind: Kind): Record<string, string> {
  const dir = path.join(REPO, 'server', 'src', 'kinds', kind.id, 'fixtures');
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = fs.lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && st.size < 256 * 1024) out[path.relative(dir, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

export function checkFindings(findings: Finding[], texts: Map<string, string>): string | undefined {
  for (const f of findings) {
    const text = texts.get(f.file);
    if (text === undefined) return `finding in a file that was not linted: ${f.file}`;
    const index = new LineIndex(text);
    for (const p of [f.range.start, f.range.end]) {
      if (p.line < 0 || p.line >= index.lineCount || p.character < 0 || index.lineStarts[p.line] + p.character > index.lineEnd(p.line)) {
        return `${f.ruleId} range ${JSON.stringify(f.range)} is outside the document`;
      }
    }
    if (!f.message || !f.ruleId) return 'finding without message or rule id';
  }
  return undefined;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...GRAMMAR_PIECES) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('long' as const), at: fc.nat(), len: fc.integer({ min: 1000, max: 20000 }) }),
  fc.record({ op: fc.constant('garbage' as const), at: fc.nat(), s: fc.string({ maxLength: 12, unit: 'binary' }) }),
);

export type Mutation =
  | { op: 'cut'; at: number }
  | { op: 'insert'; at: number; piece: string }
  | { op: 'delete'; at: number; len: number }
  | { op: 'long'; at: number; len: number }
  | { op: 'garbage'; at: number; s: string };

export function mutate(text: string, ops: Mutation[]): string {
  let t = text;
  for (const m of ops) {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    switch (m.op) {
      case 'cut':
        t = t.slice(0, at);
        break;
      case 'insert':
        t = t.slice(0, at) + m.piece + t.slice(at);
        break;
      case 'delete':
        t = t.slice(0, at) + t.slice(at + m.len);
        break;
      case 'long':
        t = t.slice(0, at) + 'x'.repeat(m.len) + t.slice(at);
        break;
      case 'garbage':
        t = t.slice(0, at) + m.s + t.slice(at);
        break;
    }
  }
  return t;
}

/**
 * Fuzzes one kind. Returns the failures found (empty when all inputs passed). `runs` inputs are
 * generated from `seed`; the same seed and runs reproduce the same inputs.
 */
export function fuzzKind(kind: Kind, options: { runs: number; seed: number; budgetMsPerKb?: number }): { inputs: number; failures: FuzzFailure[]; known: number } {
  const fixtures = kindFixtures(kind);
  const files = Object.keys(fixtures);
  if (files.length === 0) return { inputs: 0, failures: [], known: 0 };
  const base: Record<string, string> = {};
  for (const [rel, text] of Object.entries(fixtures)) base[`${WS}/${rel}`] = text;
  const ws = new MemoryWorkspace(base, [WS]);
  const logs: string[] = [];
  const engine = new Engine(ws, [WS], [kind], { log: (m) => logs.push(m) });
  const claimed = files.filter((rel) => engine.kindFor(`${WS}/${rel}`) === kind);
  const targets = claimed.length > 0 ? claimed : files;
  const failures: FuzzFailure[] = [];
  let inputs = 0;
  let known = 0;
  const budget = options.budgetMsPerKb ?? 2000;
  fc.assert(
    fc.property(fc.nat({ max: targets.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (fileIdx, ops) => {
      const rel = targets[fileIdx];
      const abs = `${WS}/${rel}`;
      const text = mutate(fixtures[rel], ops);
      inputs++;
      ws.set(abs, text);
      engine.invalidate(abs);
      logs.length = 0;
      const started = process.hrtime.bigint();
      let problem: string | undefined;
      try {
        const result = engine.lintFile(abs);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        problem =
          (logs.length > 0 ? `internal error logged: ${logs[0].slice(0, 500)}` : undefined) ??
          checkFindings(result.findings, new Map([[abs, text]])) ??
          (ms > 1000 + (budget * text.length) / 1024 ? `analysis took ${ms.toFixed(0)} ms for ${text.length} chars` : undefined);
      } catch (e) {
        problem = `threw: ${(e as Error)?.stack ?? e}`;
      } finally {
        ws.set(abs, fixtures[rel]);
        engine.invalidate(abs);
      }
      if (problem && KNOWN_KIND_BUGS.some((b) => b.kind === kind.id && b.problem.test(problem!))) known++;
      else if (problem && failures.length < 5) failures.push({ seed: options.seed, input: { rel, text }, problem });
      return true;
    }),
    { numRuns: options.runs, seed: options.seed },
  );
  return { inputs, failures, known };
}

/**
 * Registers the fixed-seed fuzz sample of one kind as a node:test case (one test file per kind, so
 * that the runner spreads them over the cores). DEPLOYGUARD_FUZZ_RUNS overrides the 20,000 inputs.
 */
export function registerFuzzTest(kindId: string): void {
  // Loaded lazily so that this library stays free of node:test for scripts/fuzz.ts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { it } = require('node:test') as typeof import('node:test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { KINDS } = require('../../server/src/kinds') as typeof import('../../server/src/kinds');
  const runs = Number(process.env.DEPLOYGUARD_FUZZ_RUNS ?? 20000);
  const seed = 20261128;
  it(`${kindId}: ${runs} mutated inputs neither crash, hang nor report ranges outside the document`, () => {
    const kind = KINDS.find((k) => k.id === kindId);
    if (!kind) throw new Error(`kind ${kindId} is not registered`);
    if (Object.keys(kindFixtures(kind)).length === 0) throw new Error(`${kindId} has no fixtures to mutate`);
    const { inputs, failures, known } = fuzzKind(kind, { runs, seed });
    console.log(`fuzz ${kindId}: ${inputs} inputs, ${failures.length} failures, ${known} known (KNOWN_KIND_BUGS) (seed ${seed})`);
    if (failures.length > 0) {
      throw new Error(failures.map((f) => `${f.input.rel}: ${f.problem}\n--- input (JSON) ---\n${JSON.stringify(f.input.text).slice(0, 2000)}`).join('\n'));
    }
  });
}
