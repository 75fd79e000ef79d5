// The Python layer (parser, literal decoding, comments) and the settings model (evaluation, star
// imports, mutation, conditionals, environment reads, production detection, units, version).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { defaultConfig, MemoryWorkspace, type KindContext } from '../../../server/src/engine';
import { djangoKind } from '../../../server/src/kinds/django';
import { UnitEvaluator, type Binding } from '../../../server/src/kinds/django/evaluate';
import { productionModules, roleOf, targetVersion, unitsOf } from '../../../server/src/kinds/django/project';
import { decodeString, parseNumber, parsePython, pythonComments } from '../../../server/src/kinds/django/python';
import type { Value } from '../../../server/src/kinds/django/values';

function ctxOf(files: Record<string, string>, config: Partial<KindContext['config']['django']> = {}): KindContext {
  const all: Record<string, string> = {};
  for (const [rel, text] of Object.entries(files)) all[`/ws/${rel}`] = text;
  const cfg = defaultConfig('/ws');
  cfg.django = { ...cfg.django, ...config };
  return { ws: new MemoryWorkspace(all, ['/ws']), config: cfg, root: '/ws', log: (m) => assert.fail(m) };
}

/** Evaluates `code` as /ws/p/settings.py (plus other files) and returns its namespace. */
function ns(code: string, files: Record<string, string> = {}): Map<string, Binding> {
  const ctx = ctxOf({ ...files, 'p/settings.py': code });
  return new UnitEvaluator(ctx).evalModule('/ws/p/settings.py')!.ns;
}

/** A value as plain data (locations dropped). */
function plain(v: Value | undefined): unknown {
  if (!v) return undefined;
  switch (v.t) {
    case 'str':
    case 'num':
    case 'bool':
      return v.v;
    case 'none':
      return null;
    case 'list':
    case 'tuple':
    case 'set':
      return { [v.t]: v.items.map(plain) };
    case 'dict':
      return Object.fromEntries(v.entries.map((e) => [String(plain(e.key)), plain(e.value)]));
    case 'env':
      return { env: v.env.name, type: v.env.type, required: v.env.required, dflt: plain(v.env.dflt) };
    case 'path':
      return { path: `${v.anchor.startsWith('__file__') ? '__file__' : v.anchor}/${v.parts.join('/')}` };
    default:
      return v.t;
  }
}

const val = (code: string, name = 'X') => plain(ns(code).get(name)?.value);

describe('Python literals', () => {
  it('decodes prefixes, quotes and escapes', () => {
    assert.equal(decodeString(String.raw`"a\nb\x41\u00e9\101"`)!.value, 'a\nbAé\x41');
    assert.equal(decodeString(String.raw`r"a\nb"`)!.value, String.raw`a\nb`);
    assert.equal(decodeString(String.raw`Rb'\x00'`)!.value, String.raw`\x00`);
    assert.equal(decodeString('"""line1\nline2"""')!.value, 'line1\nline2');
    assert.equal(decodeString("'''it''s'''")!.value, "it''s");
    assert.equal(decodeString('"a\\\nb"')!.value, 'ab');
    assert.deepEqual([decodeString('b"x"')!.bytes, decodeString('f"x"')!.format, decodeString('u"x"')!.value], [true, true, 'x']);
  });

  it('parses numbers of every base, leaving imaginary ones out', () => {
    assert.deepEqual(['0o777', '0x1F', '0b101', '1_000', '1e3', '2.5', '1j'].map(parseNumber), [511, 31, 5, 1000, 1000, 2.5, undefined]);
  });

  it('evaluates literals, containers, concatenation and symbolic paths', () => {
    assert.equal(val('X = "a" \'b\' """c"""'), 'abc');
    assert.equal(val('X = -5'), -5);
    assert.deepEqual(val('X = [1, (2,), {3}, {"k": None, "t": True}]'), { list: [1, { tuple: [2] }, { set: [3] }, { k: null, t: true }] });
    assert.deepEqual(val('X = ["a"] + ["b"]'), { list: ['a', 'b'] });
    assert.deepEqual(val('X = [*["a"], "b"]'), { list: ['a', 'b'] });
    assert.deepEqual(val('from pathlib import Path\nB = Path(__file__).resolve().parent.parent\nX = B / "static" / "css"'), { path: '__file__/../../static/css' });
    assert.deepEqual(val('import os\nB = os.path.dirname(os.path.abspath(__file__))\nX = os.path.join(B, "media")'), { path: '__file__/../media' });
    assert.equal(val('X = f"{A}-x"'), 'unknown');
    assert.equal(val('X = 60 * 60 * 24'), 86400);
    assert.equal(val('X = "a" if False else "b"'), 'b');
    assert.equal(val('D = {"a": {"b": 1}}\nX = D["a"]["b"]'), 1);
  });
});

describe('environment reads', () => {
  const cases: [string, unknown][] = [
    ['import os\nX = os.environ["K"]', { env: 'K', type: 'str', required: true, dflt: undefined }],
    ['import os\nX = os.environ.get("K", "d")', { env: 'K', type: 'str', required: false, dflt: 'd' }],
    ['import os\nX = os.getenv("K")', { env: 'K', type: 'str', required: false, dflt: null }],
    ['from os import getenv\nX = getenv("K") or "fallback"', { env: 'K', type: 'str', required: false, dflt: 'fallback' }],
    ['from os import environ\nX = environ.get("K", "0") == "1"', { env: 'K', type: 'bool', required: false, dflt: false }],
    ['import os\nX = os.environ.get("K", "False").lower() in ("true", "1")', { env: 'K', type: 'bool', required: false, dflt: false }],
    ['import os\nX = bool(os.getenv("K", "x"))', { env: 'K', type: 'truthy', required: false, dflt: true }],
    ['import os\nX = int(os.environ.get("K", "3600"))', { env: 'K', type: 'int', required: false, dflt: 3600 }],
    ['import os\nX = os.environ.get("K", "a,b").split(",")', { env: 'K', type: 'list', required: false, dflt: { list: ['a', 'b'] } }],
    ['import environ\nenv = environ.Env(K=(bool, False))\nX = env("K")', { env: 'K', type: 'bool', required: false, dflt: false }],
    ['import environ\nenv = environ.Env()\nX = env("K")', { env: 'K', type: 'str', required: true, dflt: undefined }],
    ['import environ\nenv = environ.Env()\nX = env.bool("K", default=True)', { env: 'K', type: 'bool', required: false, dflt: true }],
    ['import environ\nenv = environ.Env()\nX = env.list("K", default=["*"])', { env: 'K', type: 'list', required: false, dflt: { list: ['*'] } }],
    ['from decouple import config\nX = config("K", default="False", cast=bool)', { env: 'K', type: 'bool', required: false, dflt: false }],
    ['from decouple import config, Csv\nX = config("K", default="a, b", cast=Csv())', { env: 'K', type: 'list', required: false, dflt: { list: ['a', 'b'] } }],
    ['from decouple import config\nX = config("K")', { env: 'K', type: 'str', required: true, dflt: undefined }],
    ['import os\nX = "K" in os.environ', { env: 'K', type: 'bool', required: false, dflt: false }],
  ];
  for (const [code, expected] of cases) {
    it(code.split('\n').pop()!, () => assert.deepEqual(val(code), expected));
  }
});

describe('settings model', () => {
  const base = 'import os\nDEBUG = True\nINSTALLED_APPS = ["a"]\nMIDDLEWARE = ["m1"]\n_PRIVATE = 1\nDATABASES = {"default": {"NAME": "x"}}\n';

  it('follows relative and absolute star imports, with the import as provenance', () => {
    for (const imp of ['from .base import *', 'from p.base import *']) {
      const n = ns(`${imp}\nDEBUG = False\n`, { 'p/base.py': base, 'p/__init__.py': '' });
      assert.equal(plain(n.get('DEBUG')!.value), false);
      const apps = n.get('INSTALLED_APPS')!;
      assert.deepEqual(plain(apps.value), { list: ['a'] });
      assert.equal(apps.target.file, '/ws/p/base.py');
      assert.equal(apps.via.length, 1);
      assert.equal(apps.via[0].file, '/ws/p/settings.py');
      assert.equal(n.has('_PRIVATE'), false, 'underscore names are not star-imported');
      assert.equal(n.has('os'), true, 'imported modules are');
    }
  });

  it('honours __all__, named imports and chains of modules', () => {
    const n = ns('from .base import *\nfrom .extra import SECRET as SECRET_KEY\n', {
      'p/base.py': 'from .common import *\n__all__ = ["A"]\nA = 1\nB = 2\n',
      'p/common.py': 'C = 3\n',
      'p/extra.py': 'SECRET = "s"\n',
    });
    assert.deepEqual([n.has('A'), n.has('B'), n.has('C'), plain(n.get('SECRET_KEY')?.value)], [true, false, false, 's']);
  });

  it('applies list and dict mutation in order', () => {
    const n = ns(
      'from .base import *\nMIDDLEWARE.insert(0, "sec")\nMIDDLEWARE += ["m2"]\nMIDDLEWARE.append("m3")\nMIDDLEWARE.extend(["m4"])\nMIDDLEWARE.remove("m1")\nINSTALLED_APPS = INSTALLED_APPS + ["b"]\nDATABASES["default"]["PASSWORD"] = "p"\nDATABASES["default"].update({"HOST": "h"})\n',
      { 'p/base.py': base },
    );
    assert.deepEqual(plain(n.get('MIDDLEWARE')!.value), { list: ['sec', 'm2', 'm3', 'm4'] });
    assert.deepEqual(plain(n.get('INSTALLED_APPS')!.value), { list: ['a', 'b'] });
    assert.deepEqual(plain(n.get('DATABASES')!.value), { default: { NAME: 'x', PASSWORD: 'p', HOST: 'h' } });
    // The mutated list keeps the location of the literal it started from (for fixes) …
    assert.equal(n.get('MIDDLEWARE')!.value.loc.file, '/ws/p/base.py');
    // … and each element keeps its own.
    const items = (n.get('MIDDLEWARE')!.value as { items: Value[] }).items;
    assert.equal(items[0].loc.file, '/ws/p/settings.py');
  });

  it('keeps undecidable branches as conditional, decides the others', () => {
    const n = ns(
      'import os, sys\nDEBUG = os.environ.get("D", "") == "1"\nif DEBUG:\n    A = 1\nif not DEBUG:\n    B = 1\nif os.environ.get("X"):\n    C = 1\nelse:\n    C = 2\nif False:\n    D = 1\nelif True:\n    D = 2\nelse:\n    D = 3\nif "test" in sys.argv:\n    E = 1\n',
    );
    assert.equal(n.has('A'), false, 'if DEBUG: off in production');
    assert.equal(plain(n.get('B')!.value), 1);
    assert.equal(n.get('B')!.cond, undefined);
    const c = n.get('C')!;
    assert.ok(c.cond);
    assert.match(c.cond!.text, /os\.environ\.get\("X"\)/);
    assert.deepEqual([plain(c.value), ...c.alts!.map((a) => plain(a?.value))].sort(), [1, 2]);
    assert.equal(plain(n.get('D')!.value), 2);
    assert.ok(n.get('E')!.cond);
    assert.deepEqual(n.get('E')!.alts, [undefined], 'E may be unset');
  });

  it('treats try/except ImportError local imports as conditional', () => {
    const n = ns('DEBUG = False\ntry:\n    from .local import *\nexcept ImportError:\n    pass\n', { 'p/local.py': 'DEBUG = True\n' });
    const d = n.get('DEBUG')!;
    assert.ok(d.cond);
    assert.equal(plain(d.value), true);
    assert.equal(plain(d.alts![0]!.value), false);
  });

  it('survives import cycles and syntax errors, keeping what parsed', () => {
    const n = ns('from .a import *\nX = 1\n', { 'p/a.py': 'from .settings import *\nY = 2\n' });
    assert.deepEqual([plain(n.get('X')?.value), plain(n.get('Y')?.value)], [1, 2]);
    const broken = ns('A = [1, 2\nB = 3\nC = \nD = "ok"\n');
    assert.equal(plain(broken.get('D')?.value), 'ok');
  });
});

describe('comments and claims', () => {
  it('reads comments from the tree, not from strings', () => {
    const py = parsePython('', 'X = "a # not a comment"  # real one\n# whole line\n');
    assert.deepEqual(pythonComments(py).map((c) => [c.line, c.character, c.text, c.wholeLine]), [
      [0, 25, ' real one', false],
      [1, 0, ' whole line', true],
    ]);
  });

  it('claims settings modules by path and by content, not every .py', () => {
    const claim = (rel: string, text = '') => djangoKind.claims(rel, () => text);
    assert.deepEqual(
      [claim('mysite/settings.py'), claim('config/settings/prod.py'), claim('app/conf.py', 'INSTALLED_APPS = []\n'), claim('app/views.py', 'def v(): pass\n'), claim('app/x.py', '    MIDDLEWARE = []\n'), claim('settings.txt')],
      [true, true, true, false, false, false],
    );
  });
});

describe('project: production module, units, version', () => {
  const files = {
    'app/manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")\n',
    'app/config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")\n',
    'app/config/settings/base.py': 'INSTALLED_APPS = []\n',
    'app/config/settings/prod.py': 'from .base import *\n',
    'app/config/settings/dev.py': 'from .base import *\n',
    'app/config/settings/staging.py': 'from .base import *\n',
  };
  const abs = (rel: string) => `/ws/${rel}`;

  it('takes production from wsgi.py over manage.py, development from path tokens', () => {
    const ctx = ctxOf(files);
    const info = productionModules(ctx, abs('app/config/settings/base.py'));
    assert.deepEqual([...info.production], [abs('app/config/settings/prod.py')]);
    assert.deepEqual(
      ['prod', 'dev', 'staging', 'base'].map((m) => roleOf(ctx, abs(`app/config/settings/${m}.py`), info)),
      ['production', 'development', 'other', 'other'],
    );
  });

  it('reads Dockerfile ENV of the last stage, Procfile and the project config', () => {
    const docker = { ...files, 'app/Dockerfile': 'FROM python AS b\nENV DJANGO_SETTINGS_MODULE=config.settings.dev\nFROM python\nENV A=1 \\\n    DJANGO_SETTINGS_MODULE="config.settings.staging"\n' };
    delete (docker as Record<string, string>)['app/config/wsgi.py'];
    assert.deepEqual([...productionModules(ctxOf(docker), abs('app/config/settings/base.py')).production], [abs('app/config/settings/staging.py')]);
    const procfile = { ...docker, 'app/Procfile': 'web: gunicorn config.wsgi --env DJANGO_SETTINGS_MODULE=config.settings.prod\n' };
    assert.deepEqual([...productionModules(ctxOf(procfile), abs('app/config/settings/base.py')).production].sort(), [abs('app/config/settings/prod.py'), abs('app/config/settings/staging.py')]);
    const cfg = ctxOf(files, { productionSettings: 'app/config/settings/staging.py' });
    assert.deepEqual([...productionModules(cfg, abs('app/config/settings/base.py')).production], [abs('app/config/settings/staging.py')]);
  });

  it('falls back to module names when nothing declares DJANGO_SETTINGS_MODULE', () => {
    const ctx = ctxOf({ 'a/settings.py': 'DEBUG = False\n', 'b/production.py': 'DEBUG = False\n', 'c/common.py': 'DEBUG = False\n' });
    const none = productionModules(ctx, abs('a/settings.py'));
    assert.deepEqual(['a/settings.py', 'b/production.py', 'c/common.py'].map((f) => roleOf(ctx, abs(f), none)), ['production', 'production', 'other']);
  });

  it('analyses a base module through its importers, production first', () => {
    const ctx = ctxOf(files);
    assert.deepEqual(unitsOf(ctx, abs('app/config/settings/base.py')), [abs('app/config/settings/prod.py')]);
    assert.deepEqual(unitsOf(ctx, abs('app/config/settings/prod.py')), [abs('app/config/settings/prod.py')]);
    const noProd = { ...files };
    delete (noProd as Record<string, string>)['app/config/wsgi.py'];
    delete (noProd as Record<string, string>)['app/manage.py'];
    assert.deepEqual(unitsOf(ctxOf(noProd), abs('app/config/settings/base.py')), [abs('app/config/settings/prod.py')], 'prod by name');
    delete (noProd as Record<string, string>)['app/config/settings/prod.py'];
    assert.deepEqual(unitsOf(ctxOf(noProd), abs('app/config/settings/base.py')), [abs('app/config/settings/staging.py')], 'other before development');
    assert.deepEqual(unitsOf(ctxOf({ 'x/settings/base.py': 'A = 1\n' }), abs('x/settings/base.py')), [abs('x/settings/base.py')]);
  });

  it('targets the configured Django version, else a production pin, else 5.2', () => {
    const f = abs('app/config/settings/prod.py');
    assert.deepEqual(targetVersion(ctxOf(files), f), { major: 5, minor: 2, source: 'the default' });
    const pinned = { ...files, 'app/requirements/production.txt': 'psycopg2==2.9.9\nDjango==4.2.11  # LTS\n', 'app/requirements-dev.txt': 'django==5.1\n' };
    assert.deepEqual(targetVersion(ctxOf(pinned), f), { major: 4, minor: 2, source: 'production.txt' });
    assert.deepEqual(targetVersion(ctxOf(pinned, { version: '3.2', versionStated: true }), f), { major: 3, minor: 2, source: 'the project configuration' });
  });
});
