// The engine's caches: values memoised by kinds (KindContext.memo) are shared by units and
// recomputed when a file they read changes; reads and folder listings are kept until invalidated,
// a content-only change keeping the listings; dependencies recorded while finding a file's units
// count for dependentsOf.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, memo, MemoryWorkspace, type Finding, type Kind, type KindContext } from '../../server/src/engine';
import { LruMap } from '../../server/src/engine/cache';

/** A kind whose units all use one memoised value: the words of /ws/shared.words. */
function wordsKind(counter: { computed: number }): Kind {
  const shared = (ctx: KindContext): string[] =>
    memo(ctx, 'test:shared-words', (c) => {
      counter.computed++;
      const r = c.ws.read('/ws/shared.words');
      return r.ok ? r.text.split(/\s+/).filter(Boolean) : [];
    });
  return {
    id: 'sshd',
    title: 'words',
    languageIds: [],
    rules: [{ id: 'SSH990', kind: 'sshd', title: 'Shared word', severity: 'warning', fix: 'no', why: 'test' }],
    claims: (rel) => rel.endsWith('.txt'),
    unitsFor(file, ctx) {
      // A file lists its folder: `part-*.txt` joins the unit of `main.txt` when that exists.
      const names = ctx.ws.list(path.dirname(file))?.map((e) => e.name) ?? [];
      return path.basename(file).startsWith('part-') && names.includes('main.txt') ? [path.join(path.dirname(file), 'main.txt')] : [file];
    },
    analyze(root, ctx) {
      const words = new Set(shared(ctx));
      const findings: Finding[] = [];
      const r = ctx.ws.read(root);
      const text = r.ok ? r.text : '';
      for (const w of text.split(/\s+/).filter(Boolean)) {
        if (!words.has(w)) continue;
        const at = text.indexOf(w);
        findings.push({ ruleId: 'SSH990', severity: 'warning', message: `shared word ${w}`, file: root, range: { start: { line: 0, character: at }, end: { line: 0, character: at + w.length } } });
      }
      return { findings, comments: new Map() };
    },
    comments: () => [],
  };
}

describe('engine caches', () => {
  it('shares a memoised value between units and recomputes it (and the units) when its file changes', () => {
    const counter = { computed: 0 };
    const ws = new MemoryWorkspace({ '/ws/shared.words': 'alpha beta', '/ws/a/x.txt': 'alpha', '/ws/b/y.txt': 'beta gamma' });
    const engine = new Engine(ws, ['/ws'], [wordsKind(counter)]);
    assert.deepEqual(engine.lintFile('/ws/a/x.txt').findings.map((f) => f.message), ['shared word alpha']);
    assert.deepEqual(engine.lintFile('/ws/b/y.txt').findings.map((f) => f.message), ['shared word beta']);
    assert.equal(counter.computed, 1, 'computed once for both units');
    assert.deepEqual(engine.dependentsOf('/ws/shared.words').sort(), ['/ws/a/x.txt', '/ws/b/y.txt']);

    ws.set('/ws/shared.words', 'gamma');
    engine.invalidate('/ws/shared.words', 'content');
    assert.deepEqual(engine.lintFile('/ws/a/x.txt').findings, []);
    assert.deepEqual(engine.lintFile('/ws/b/y.txt').findings.map((f) => f.message), ['shared word gamma']);
    assert.equal(counter.computed, 2);

    // Another file's change touches neither the value nor the units.
    ws.set('/ws/a/x.txt', 'gamma');
    engine.invalidate('/ws/a/x.txt', 'content');
    assert.deepEqual(engine.lintFile('/ws/a/x.txt').findings.map((f) => f.message), ['shared word gamma']);
    assert.equal(counter.computed, 2);
  });

  it('keeps reads until invalidated, and folder listings unless a file may have appeared or gone', () => {
    const ws = new MemoryWorkspace({ '/ws/shared.words': 'alpha', '/ws/c/part-1.txt': 'alpha' });
    const engine = new Engine(ws, ['/ws'], [wordsKind({ computed: 0 })]);
    assert.equal(engine.lintFile('/ws/c/part-1.txt').findings.length, 1, 'a unit of its own');
    // Not invalidated: the engine still sees what it read.
    ws.set('/ws/c/part-1.txt', 'beta');
    assert.equal(engine.lintFile('/ws/c/part-1.txt').findings.length, 1);
    engine.invalidate('/ws/c/part-1.txt', 'content');
    assert.equal(engine.lintFile('/ws/c/part-1.txt').findings.length, 0);

    // main.txt appears: a content-only change of another file keeps the cached listing…
    ws.set('/ws/c/main.txt', 'alpha');
    engine.invalidate('/ws/c/part-1.txt', 'content');
    assert.deepEqual(engine.lintFile('/ws/c/part-1.txt').findings, []);
    assert.deepEqual(engine.dependentsOf('/ws/c/main.txt'), []);
    // …but part-1.txt listed the folder: it depends on main.txt's appearing.
    assert.deepEqual(engine.dependentsOf('/ws/c/main.txt', 'any'), ['/ws/c/part-1.txt']);
    // …its creation (any change) drops it: part-1.txt is now analysed in main.txt's unit.
    engine.invalidate('/ws/c/main.txt');
    assert.deepEqual(engine.lintFile('/ws/c/part-1.txt').findings, []);
    assert.deepEqual(engine.lintFile('/ws/c/main.txt').findings.map((f) => f.message), ['shared word alpha']);
    assert.ok(engine.dependentsOf('/ws/c/main.txt').includes('/ws/c/part-1.txt'), 'part-1.txt depends on main.txt, read while finding its units');
  });
});

describe('LruMap', () => {
  it('keeps at most its limit, dropping the least recently used (a read counts as a use)', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    assert.equal(m.get('a'), 1);
    m.set('c', 3);
    assert.deepEqual([...m.keys()], ['a', 'c'], 'b was used least recently');
    m.set('a', 4);
    m.set('d', 5);
    assert.deepEqual([...m.entries()], [['a', 4], ['d', 5]]);
    assert.equal(m.get('zz'), undefined);
  });
});
