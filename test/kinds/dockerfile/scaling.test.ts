// Analysis work grows linearly with the Dockerfile: a file 4× longer must not take 16× the work
// (what a quadratic scan does). Work is counted, not timed: V8's precise coverage counts every
// executed block of JavaScript (ours and the libraries'), the same on a loaded machine as on an
// idle one. Linear shapes measure ×4 to ×4.5 (binary searches add a log factor); the quadratic
// code these shapes once hit measured ×7.9 to ×12.6 at these sizes.
import { strict as assert } from 'node:assert';
import { Session } from 'node:inspector';
import { after, before, describe, it } from 'node:test';
import { dockerfile } from '../../../bench/generate';
import { Engine, MemoryWorkspace } from '../../../server/src/engine';
import { dockerfileKind } from '../../../server/src/kinds/dockerfile';
import { loadFixtures } from './fixtures-lib';

const session = new Session();

function post<T>(method: string, params: object = {}): T {
  let result: T | undefined;
  let error: Error | null = null;
  // The inspector answers synchronously within the same thread.
  session.post(method, params, (e, r) => {
    error = e;
    result = r as T;
  });
  if (error) throw error;
  return result as T;
}

interface Coverage {
  result: { functions: { ranges: { count: number }[] }[] }[];
}

/** Blocks executed by one analysis of the file (after a first, warming one). */
function work(text: string): number {
  const ws = new MemoryWorkspace({ '/ws/Dockerfile': text });
  const engine = new Engine(ws, ['/ws'], [dockerfileKind]);
  engine.lintFile('/ws/Dockerfile');
  engine.invalidate('/ws/Dockerfile');
  post('Profiler.takePreciseCoverage');
  engine.lintFile('/ws/Dockerfile');
  let n = 0;
  for (const script of post<Coverage>('Profiler.takePreciseCoverage').result) {
    for (const f of script.functions) for (const r of f.ranges) n += r.count;
  }
  return n;
}

const FIXTURES = loadFixtures()
  .map((f) => f.text)
  .join('\n');

/** Shapes that once cost more than linear work, with the size n compared with 4n. */
const SHAPES: { name: string; n: number; make: (n: number) => string }[] = [
  // The benchmark's multi-stage file (many short stages).
  { name: 'generated', n: 8, make: (n) => dockerfile(7, 40 * n) },
  // Every fixture over and over: stages × comments (dockerfile-ast's comment placement).
  { name: 'fixtures', n: 16, make: (n) => Array.from({ length: n / 8 }, () => FIXTURES).join('\n') },
  // One stage, one long RUN with comment lines inside, then hadolint pragmas (lines per comment).
  {
    name: 'comments',
    n: 64,
    make: (n) => {
      const out = ['FROM alpine', 'RUN a \\'];
      for (let k = 0; k < 15 * n; k++) out.push(`  # step ${k}`, `  && b${k} \\`);
      out.push('  && c');
      for (let k = 0; k < 15 * n; k++) out.push('# hadolint ignore=DL3008', `RUN apt-get install -y x${k}`);
      return out.join('\n') + '\n';
    },
  },
  // Secret build arguments used by later RUNs (the build-secret quick fix looks for their users).
  {
    name: 'secrets',
    n: 64,
    make: (n) => {
      const out = ['FROM alpine'];
      for (let k = 0; k < 30 * n; k++) out.push(`ARG TOKEN_${k}`, `RUN echo "$TOKEN_${k}" && true`);
      return out.join('\n') + '\n';
    },
  },
];

describe('Dockerfile analysis work scales linearly', () => {
  before(() => {
    session.connect();
    post('Profiler.enable');
    post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  });
  after(() => session.disconnect());

  for (const { name, n, make } of SHAPES) {
    it(`${name}: 4× the input takes under 6× the work`, () => {
      const small = make(n);
      const large = make(4 * n);
      assert.ok(large.length > 3.5 * small.length);
      const a = work(small);
      const b = work(large);
      assert.ok(b < 6 * a, `${name}: ${small.length} B took ${a} blocks, ${large.length} B took ${b} (×${(b / a).toFixed(1)})`);
    });
  }
});
