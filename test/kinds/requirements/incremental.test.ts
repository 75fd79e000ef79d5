// As-you-type cost of the requirements kind: a reparse reuses the parses of unchanged lines (and
// gives exactly what a fresh parse gives), typing reads no other files, and the work of a lint grows
// linearly with the file.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as gen from '../../../bench/generate';
import { Engine, MemoryWorkspace } from '../../../server/src/engine';
import type { Kind, KindContext } from '../../../server/src/engine/kind';
import type { DirEntry, ReadResult, WorkspaceView } from '../../../server/src/engine/workspace';
import { requirementsKind } from '../../../server/src/kinds/requirements';
import { parseRequirementsText, parseWork, type ParsedFile } from '../../../server/src/kinds/requirements/parser';

/** A parse as plain data; each URL's `at` is evaluated over spans of its text. */
function plain(p: ParsedFile): unknown {
  const walk = (v: unknown, owner?: { text?: string }): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'index') continue;
      if (typeof x === 'function') {
        const t = (v as { text?: string }).text ?? owner?.text ?? '';
        const spans: unknown[] = [];
        for (let a = 0; a <= t.length; a += 2) for (let b = a; b <= t.length; b += 3) spans.push((x as (s: unknown) => unknown)({ start: a, end: b }));
        out[k] = spans;
      } else out[k] = walk(x, v as { text?: string });
    }
    return out;
  };
  return walk({ entries: p.entries, problems: p.problems, comments: p.comments, encoding: p.encoding });
}

function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

const TEXTS = [
  gen.requirements(11, 60),
  '\uFEFF# -*- coding: utf-8 -*-\r\n--index-url https://u:${TOKEN}@pypi.example/simple\r\nflask==2.2.2 \\\r\n    --hash=sha256:aaa \\\r\n  # a comment ends the join\r\ndjango[argon2]>=4.2,<5 ; python_version >= "3.10"  # pinned\r\n',
  '-e git+https://github.com/org/app.git@v1.0#egg=app\n./vendor/pkg-1.0-py3-none-any.whl\npkg @ https://host/pkg-1.0.tar.gz#sha256=abc\n--trusted-host pypi.local -i http://pypi.local/simple\nbad==\n-r base.txt\n',
];
const INSERTS = ['\n', '\r\n', '\\', '\\\n', '#', ' ', 'x', '=', '"', '-', '@', ';', '--hash=sha256:', '${A}'];

describe('requirements: incremental parsing', () => {
  it('a reparse that reuses unchanged lines equals a fresh parse, through edits that add and remove lines', () => {
    const random = rng(7);
    let edits = 0;
    for (const [n, start] of TEXTS.entries()) {
      const file = `/ws/incremental-${n}.txt`;
      let text = start;
      for (let i = 0; i < 150; i++) {
        const at = Math.floor(random() * (text.length + 1));
        const r = random();
        if (r < 0.35 && text.length > 0) {
          // delete up to a few characters, sometimes whole lines
          text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * (r < 0.1 ? 40 : 3))));
        } else {
          text = text.slice(0, at) + INSERTS[Math.floor(random() * INSERTS.length)] + text.slice(at);
        }
        const reused = parseRequirementsText(file, text);
        const fresh = parseRequirementsText(file, text, { reuse: false });
        assert.deepEqual(plain(reused), plain(fresh), `after edit ${i} of text ${n}:\n${JSON.stringify(text)}`);
        edits++;
      }
    }
    assert.equal(edits, 450);
  });

  it('typing a character reparses only that line; a new line moves the lines below instead of reparsing them', () => {
    const file = '/ws/typing.txt';
    const text = gen.requirements(3, 1000);
    parseRequirementsText(file, text);
    const lines = text.split('\n');

    const before = { ...parseWork };
    lines[500] = lines[500] + 'x';
    parseRequirementsText(file, lines.join('\n'));
    assert.equal(parseWork.linesParsed - before.linesParsed, 1);
    assert.equal(parseWork.linesMoved - before.linesMoved, 0);

    const before2 = { ...parseWork };
    lines.splice(10, 0, 'new-package==1.0');
    const p = parseRequirementsText(file, lines.join('\n'));
    assert.equal(parseWork.linesParsed - before2.linesParsed, 1);
    const below = p.entries.filter((e) => e.line.firstLine > 10).length;
    assert.equal(parseWork.linesMoved - before2.linesMoved, below, 'the lines below the new one are moved, not reparsed');
    assert.deepEqual(plain(p), plain(parseRequirementsText(file, lines.join('\n'), { reuse: false })));
  });
});

/** A view counting what is read and listed through it. */
class CountingView implements WorkspaceView {
  count = 0;
  constructor(readonly inner: WorkspaceView) {}
  read(file: string): ReadResult {
    this.count++;
    return this.inner.read(file);
  }
  list(dir: string): DirEntry[] | undefined {
    this.count++;
    return this.inner.list(dir);
  }
  contains(file: string): boolean {
    return this.inner.contains(file);
  }
}

/**
 * Lints `requirements.txt` (which includes a base file and is included by a dev file), then types
 * `edits` characters, counting what the kind reads and lists per keystroke outside memoised values.
 */
function typingSession(lines: number, edits: number): { readsPerEdit: number[]; findings: number } {
  const ws = new MemoryWorkspace({
    '/ws/requirements.txt': `-r requirements/base.txt\n${gen.requirements(5, lines)}`,
    '/ws/requirements/base.txt': gen.requirements(6, 50),
    '/ws/requirements/dev.txt': '-r ../requirements.txt\npytest==8.0.0\n',
    '/ws/constraints.txt': 'django==4.2.1\n',
    '/ws/requirements-test.txt': 'coverage==7.0\n',
  });
  let count = 0;
  const counted = (ctx: KindContext): KindContext => {
    const ws = new CountingView(ctx.ws);
    const out = { ...ctx, ws };
    const done = () => (count += ws.count);
    return Object.assign(out, { done });
  };
  const kind: Kind = {
    ...requirementsKind,
    unitsFor(file, ctx) {
      const c = counted(ctx);
      try {
        return requirementsKind.unitsFor(file, c);
      } finally {
        (c as KindContext & { done(): void }).done();
      }
    },
    analyze(root, ctx) {
      const c = counted(ctx);
      try {
        return requirementsKind.analyze(root, c);
      } finally {
        (c as KindContext & { done(): void }).done();
      }
    },
  };
  const engine = new Engine(ws, ['/ws'], [kind]);
  let findings = engine.lintFile('/ws/requirements.txt').findings.length;
  const readsPerEdit: number[] = [];
  const random = rng(lines);
  for (let i = 0; i < edits; i++) {
    const text = ws.files.get('/ws/requirements.txt')!;
    const at = text.indexOf('\n', Math.floor(random() * text.length));
    ws.set('/ws/requirements.txt', at < 0 ? text + '#' : text.slice(0, at) + ' #' + text.slice(at));
    engine.invalidate('/ws/requirements.txt', 'content');
    count = 0;
    findings = engine.lintFile('/ws/requirements.txt').findings.length;
    readsPerEdit.push(count);
  }
  return { readsPerEdit, findings };
}

function cpuMs(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

describe('requirements: cost of a keystroke', () => {
  it('reads only the files of the unit per keystroke, whatever the file size (folders and neighbours are memoised)', () => {
    for (const lines of [100, 1000]) {
      const { readsPerEdit, findings } = typingSession(lines, 20);
      assert.ok(findings > lines / 2, `the generated file has findings (${findings})`);
      // Two units: requirements.txt (+ the base file it includes) and dev.txt (+ requirements.txt + base):
      // 5 reads, nothing per line, no folder listings, no reading of the other neighbours.
      assert.deepEqual(new Set(readsPerEdit), new Set([5]), `reads and listings per keystroke at ${lines} lines: ${readsPerEdit.join(' ')}`);
    }
  });

  it('linting grows linearly: 4× the lines cost well under 16× the CPU time (generous bound, best of 7)', () => {
    // A fresh file name per run, so that nothing is reused from an earlier parse.
    let run = 0;
    const best = (lines: number) => {
      const text = gen.requirements(9, lines);
      let min = Infinity;
      for (let i = 0; i < 7; i++) {
        const file = `/ws/requirements-${run++}.txt`;
        const engine = new Engine(new MemoryWorkspace({ [file]: text }), ['/ws'], [requirementsKind]);
        min = Math.min(min, cpuMs(() => engine.lintFile(file)));
      }
      return min;
    };
    best(500); // warm up the JIT
    const small = best(1000);
    const large = best(4000);
    const ratio = large / small;
    assert.ok(ratio < 10, `1,000 lines: ${small.toFixed(1)} ms, 4,000 lines: ${large.toFixed(1)} ms (×${ratio.toFixed(1)}; linear is ×4, quadratic ×16)`);
  });
});
