// As-you-type cost of the Django kind, counted rather than timed: the kind's work grows linearly with
// the input (4× the input, at most 6× the work, for settings of every shape that once cost n²), a
// keystroke reparses only the statement it touches and leaves an unchanged base module alone, and
// incremental analysis gives exactly what a fresh one gives after any sequence of edits.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parser } from '@lezer/python';
import { Engine, MemoryWorkspace } from '../../../server/src/engine';
import { clearEvalCache, evalStats } from '../../../server/src/kinds/django/evaluate';
import { chunkStarts, clearParseCache, parsePython, parseStats, work } from '../../../server/src/kinds/django/python';
import { djangoBase, djangoProd, rng } from '../../../bench/generate';
import { KINDS } from './helpers';

const BASE = '/ws/config/settings/base.py';
const PROD = '/ws/config/settings/prod.py';
const DEV = '/ws/config/settings/dev.py';
const HEAD = 'import os\nSECRET_KEY = os.environ["K"]\nDEBUG = False\nALLOWED_HOSTS = ["a.example"]\n';
const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';

/** Settings of `n` units of one shape each; every shape once cost (or could cost) quadratic work. */
const SHAPES: Record<string, (n: number) => Record<string, string>> = {
  'generated split settings (bench)': (n) => ({ [BASE]: djangoBase(2, n), [PROD]: djangoProd(3, 2 * n) }),
  'repeated INSTALLED_APPS.append': (n) => ({ [PROD]: HEAD + 'INSTALLED_APPS = []\n' + lines(n, (i) => `INSTALLED_APPS.append("app${i}")`) }),
  'repeated MIDDLEWARE +=': (n) => ({ [PROD]: HEAD + 'MIDDLEWARE = []\n' + lines(n, (i) => `MIDDLEWARE += ["m${i}.M"]`) }),
  'repeated CACHES[key] = …': (n) => ({ [PROD]: HEAD + 'CACHES = {}\n' + lines(n, (i) => `CACHES["c${i}"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}`) }),
  'nested LOGGING[...][key] = …': (n) => ({ [PROD]: HEAD + 'LOGGING = {"loggers": {}}\n' + lines(n, (i) => `LOGGING["loggers"]["l${i}"] = {"level": "INFO"}`) }),
  'committed secrets, each with an import-os fix': (n) => ({ [PROD]: 'SECRET_KEY = "x"\n' + lines(n, (i) => `API_TOKEN_${i} = "sk-live-${i}-abcdefgh"`) }),
  'secret env defaults': (n) => ({ [PROD]: HEAD + lines(n, (i) => `DB_PASSWORD_${i} = os.environ.get("P${i}", "committed-${i}-pw")`) }),
  'debug toolbar listed many times': (n) => ({
    [PROD]: HEAD + 'INSTALLED_APPS = [\n' + lines(n, () => '    "debug_toolbar",') + ']\nMIDDLEWARE = [\n' + lines(n, () => '    "debug_toolbar.middleware.DebugToolbarMiddleware",') + ']\n',
  }),
  'branches assigning the same names': (n) => ({ [PROD]: HEAD + lines(n, (i) => `if DEBUG:\n    X${i % 40} = ${i}\nelse:\n    X${i % 40} = "s"`) }),
  'dict read back by key': (n) => ({ [PROD]: HEAD + 'D = {' + Array.from({ length: n }, (_, i) => `"k${i}": ${i}`).join(', ') + '}\n' + lines(n, (i) => `V${i} = D["k${i}"]`) }),
  'unclosed brackets everywhere': (n) => ({ [PROD]: HEAD + lines(n, (i) => `X${i} = [`) }),
};

function freshWork(files: Record<string, string>): number {
  clearParseCache();
  clearEvalCache();
  const engine = new Engine(new MemoryWorkspace(files), ['/ws'], KINDS);
  const before = work.units;
  for (const f of Object.keys(files)) engine.lintFile(f);
  return work.units - before;
}

/** Types `x` / deletes a character at seeded random places (as the benchmark does). */
function randomEdit(text: string, r: () => number, alphabet = 'x'): string {
  const at = Math.floor(r() * (text.length + 1));
  if (r() < 0.4 && text.length > 0) {
    const i = Math.min(at, text.length - 1);
    return text.slice(0, i) + text.slice(i + 1);
  }
  return text.slice(0, at) + alphabet[Math.floor(r() * alphabet.length)] + text.slice(at);
}

describe('Django: work grows linearly with the input', () => {
  for (const [name, make] of Object.entries(SHAPES)) {
    it(`${name}: 4× the input, at most 6× the work`, () => {
      const small = freshWork(make(250));
      const large = freshWork(make(1000));
      assert.ok(small > 0);
      assert.ok(large <= 6 * small, `work ${small} → ${large} (×${(large / small).toFixed(1)})`);
    });
  }

  it('a keystroke costs the same multiple: 4× the module, at most 6× the work per edit', () => {
    const perEdit = (n: number) => {
      clearParseCache();
      clearEvalCache();
      const ws = new MemoryWorkspace({ [BASE]: djangoBase(2, n / 2), [PROD]: djangoProd(3, n) });
      const engine = new Engine(ws, ['/ws'], KINDS);
      engine.lintFile(PROD);
      const r = rng(7);
      const before = work.units;
      for (let i = 0; i < 20; i++) {
        ws.set(PROD, randomEdit(ws.files.get(PROD)!, r));
        engine.invalidate(PROD);
        engine.lintFile(PROD);
      }
      return (work.units - before) / 20;
    };
    const small = perEdit(500);
    const large = perEdit(2000);
    assert.ok(large <= 6 * small, `work per edit ${small} → ${large}`);
  });
});

describe('Django: a keystroke redoes only what it changed', () => {
  it('a one-character edit of a 2,000-line module reparses only the statement around it', () => {
    clearParseCache();
    const ws = new MemoryWorkspace({ [BASE]: djangoBase(2, 1000), [PROD]: djangoProd(3, 2000) });
    const engine = new Engine(ws, ['/ws'], KINDS);
    engine.lintFile(PROD);
    const r = rng(11);
    for (let i = 0; i < 30; i++) {
      const text = randomEdit(ws.files.get(PROD)!, r, 'x[("#');
      ws.set(PROD, text);
      engine.invalidate(PROD);
      const chars = parseStats.chars;
      engine.lintFile(PROD);
      // The statement edited, plus at most the ones an unclosed bracket or string runs into.
      assert.ok(parseStats.chars - chars < 2_000, `edit ${i}: ${parseStats.chars - chars} of ${text.length} characters reparsed`);
    }
  });

  it('an unchanged base.py is neither reparsed nor re-evaluated when prod.py changes', () => {
    clearParseCache();
    clearEvalCache();
    const ws = new MemoryWorkspace({ [BASE]: djangoBase(2, 1000), [PROD]: djangoProd(3, 2000) });
    const engine = new Engine(ws, ['/ws'], KINDS);
    engine.lintFile(PROD);
    const baseText = ws.files.get(BASE)!;
    const r = rng(5);
    for (let i = 0; i < 10; i++) {
      ws.set(PROD, randomEdit(ws.files.get(PROD)!, r));
      engine.invalidate(PROD);
      const chars = parseStats.chars;
      const evaluated = evalStats.evaluated;
      const reused = evalStats.reused;
      engine.lintFile(PROD);
      assert.equal(evalStats.evaluated - evaluated, 1, 'only prod.py is evaluated');
      assert.ok(evalStats.reused - reused >= 1, 'base.py’s evaluation is reused');
      assert.ok(parseStats.chars - chars < baseText.length / 10, 'base.py is not parsed again');
    }
    // …and an edit of base.py is seen: both are evaluated again.
    ws.set(BASE, baseText.replace('    "django.middleware.security.SecurityMiddleware",\n', ''));
    engine.invalidate(BASE);
    const evaluated = evalStats.evaluated;
    engine.lintFile(PROD);
    assert.equal(evalStats.evaluated - evaluated, 2);
    assert.ok(
      engine.lintFile(BASE).findings.some((f) => f.ruleId === 'DJG006'),
      'SecurityMiddleware missing from the MIDDLEWARE prod.py inherits is reported in base.py',
    );
  });
});

describe('Django: incremental analysis equals a fresh one', () => {
  const strip = (fs_: unknown) => JSON.stringify(fs_);

  it('after every one of 150 random edits (brackets, quotes, newlines, indentation) to base.py and prod.py', () => {
    for (const seed of [1, 2, 3]) {
      const files = { [BASE]: djangoBase(seed, 120), [PROD]: djangoProd(seed, 80), [DEV]: 'from .base import *\nDEBUG = True\n' };
      const ws = new MemoryWorkspace(files);
      const engine = new Engine(ws, ['/ws'], KINDS);
      const r = rng(seed * 101);
      for (let i = 0; i < 50; i++) {
        const file = r() < 0.5 ? BASE : PROD;
        ws.set(file, randomEdit(ws.files.get(file)!, r, 'x =[](){}"\'#\n:,.0 \t\\+'));
        engine.invalidate(file);
        const incremental = Object.keys(files).map((f) => engine.lintFile(f).findings);
        clearParseCache();
        clearEvalCache();
        const freshEngine = new Engine(new MemoryWorkspace(Object.fromEntries(ws.files)), ['/ws'], KINDS);
        const fresh = Object.keys(files).map((f) => freshEngine.lintFile(f).findings);
        assert.equal(strip(incremental), strip(fresh), `seed ${seed}, edit ${i}`);
      }
    }
  });

  it('parsing by statement gives lezer’s whole-file tree for valid code', () => {
    const texts: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.py')) texts.push(fs.readFileSync(p, 'utf8'));
      }
    };
    walk(path.join(__dirname, '../../../server/src/kinds/django/fixtures'));
    walk(path.join(__dirname, '../../../examples'));
    for (let i = 0; i < 4; i++) texts.push(djangoBase(i, 300), djangoProd(i, 300));
    texts.push(
      [
        'import os',
        '@decorator',
        '# a comment between decorator and definition',
        'def f(',
        'a=1,',
        '):',
        '    return a',
        'class A:',
        '    x = 1',
        '',
        '# a comment at column 0',
        'X = """',
        'Y = 1',
        '"""',
        'Z = (1,',
        '2)',
        'if X:',
        '    pass',
        'elif Y:',
        '    pass',
        'else:',
        '    pass',
        'try:',
        '    pass',
        'except ValueError:',
        '    pass',
        'finally:',
        '    pass',
        'W = 1 + \\',
        '2',
        "V = f\"{X}\" 'a\\",
        "b'",
        'D = dict(',
        'A=1,',
        ')',
        'L = [',
        'x',
        'for x in y',
        'if x]',
        '',
      ].join('\r\n'),
    );
    let checked = 0;
    for (const text of texts) {
      const whole = parser.parse(text);
      let errors = 0;
      whole.iterate({ enter: (n) => void (n.type.isError && errors++) });
      if (errors > 0) continue;
      clearParseCache();
      assert.equal(parsePython('', text).tree.toString(), whole.toString());
      checked++;
    }
    assert.ok(checked >= 60, `${checked} valid files compared`);
    assert.equal(chunkStarts(texts[texts.length - 1]).length, 11, 'one chunk per top-level statement');
  });

  it('an unclosed bracket ends at the next line that cannot continue it', () => {
    const text = 'A = [\n    "x",\nB = 1\nC = os.environ.get("C"\nD = dict(\nkey=2,\nE = 3\nimport os\n';
    const py = parsePython('', text);
    assert.deepEqual(
      py.errors.map((e) => [text.slice(e.from, e.to), e.message]),
      [
        ['[', "'[' is never closed"],
        ['(', "'(' is never closed"],
        ['(', "'(' is never closed"],
      ],
    );
    // After `(` or `,` in a call, `NAME =` may be a keyword argument; elsewhere it starts a statement.
    assert.deepEqual(chunkStarts(text).map((o) => text.slice(o, o + 5)), ['A = [', 'B = 1', 'C = o', 'D = d', 'impor']);
  });
});
