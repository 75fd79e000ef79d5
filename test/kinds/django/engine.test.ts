// The Django kind inside the engine: a base module edited in an unsaved buffer changes the
// production module's diagnostics; quick fixes add `import os` exactly once and keep CRLF;
// inherited values point into base.py with the import as related information; suppressions.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { applyEdits, Engine, FsWorkspace, type Finding, type Fix } from '../../../server/src/engine';
import { applyFix, makeEngine, WS } from '../../helpers/rule-tester';
import { KINDS, settings } from './helpers';

const WSGI = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")\n';
const summary = (fs_: Finding[]) => fs_.map((f) => `${f.ruleId}@${f.range.start.line + 1}`);
const preferred = (f: Finding): Fix => f.fixes!.find((x) => x.isPreferred) ?? f.fixes![0];

describe('Django kind in the engine', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-django-engine-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('an unsaved edit of base.py changes prod.py’s diagnostics', () => {
    const root = path.join(tmp, 'p1');
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    write('config/wsgi.py', WSGI);
    write('config/settings/base.py', settings({ DEBUG: 'DEBUG = False' }));
    write('config/settings/prod.py', 'from .base import *  # noqa\n');
    const ws = new FsWorkspace([root]);
    const engine = new Engine(ws, [root], KINDS);
    const prod = path.join(root, 'config/settings/prod.py');
    const base = path.join(root, 'config/settings/base.py');
    assert.deepEqual(engine.lintFile(prod).findings, []);
    assert.ok(engine.dependentsOf(base).includes(prod), 'prod.py depends on base.py');

    // The user types in base.py without saving: the buffer overrides the disk.
    ws.setOverlay(base, settings({ DEBUG: 'DEBUG = True', SESSION_COOKIE_SECURE: null }), 2);
    engine.invalidate(base);
    const prodFindings = engine.lintFile(prod).findings;
    assert.deepEqual(summary(prodFindings), ['DJG013@1'], 'the absent SESSION_COOKIE_SECURE is reported on line 1 of prod.py');
    const baseFindings = engine.lintFile(base).findings;
    assert.deepEqual(summary(baseFindings), ['DJG001@4'], 'DEBUG = True is reported where it is written');
    assert.equal(baseFindings[0].related?.[0].file, prod);
    assert.equal(baseFindings[0].related?.[0].range.start.line, 0);
    assert.match(baseFindings[0].related![0].message, /base\.py is effective in prod\.py through this import/);
    // Its fix overrides DEBUG in prod.py, leaving base.py (and development) alone.
    const fix = preferred(baseFindings[0]);
    assert.deepEqual(fix.edits.map((e) => e.file), [prod]);

    ws.deleteOverlay(base);
    engine.invalidate(base);
    assert.deepEqual(engine.lintFile(prod).findings, []);
  });

  it('fixes add `import os` exactly once, also when applied one after another', () => {
    const rel = 'proj/settings.py';
    const code = 'from pathlib import Path\n\nSECRET_KEY = "abc"\nDEBUG = bool(__import__("os").environ.get("DEBUG"))\nEMAIL_HOST_PASSWORD = "smtp-Secret-2024"\n';
    let files: Record<string, string> = { [rel]: code };
    for (const id of ['DJG002', 'DJG022']) {
      const { engine } = makeEngine(KINDS, files);
      const f = engine.lintFile(`${WS}/${rel}`).findings.find((x) => x.ruleId === id)!;
      assert.ok(f, `${id} is reported`);
      files = applyFix(files, f.fixes![0]);
    }
    const out = files[rel];
    assert.equal(out.split('\n').filter((l) => l === 'import os').length, 1, out);
    assert.equal(out, 'import os\nfrom pathlib import Path\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = bool(__import__("os").environ.get("DEBUG"))\nEMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"]\n');
  });

  it('does not add `import os` when os is already imported above (import os.path, import sys, os)', () => {
    for (const imp of ['import os.path', 'import sys, os']) {
      const code = `${imp}\nSECRET_KEY = "abc"\n`;
      const { engine } = makeEngine(KINDS, { 'proj/settings.py': code });
      const f = engine.lintFile(`${WS}/proj/settings.py`).findings.find((x) => x.ruleId === 'DJG002')!;
      assert.equal(applyEdits(code, preferred(f).edits), `${imp}\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n`);
    }
  });

  it('keeps CRLF line endings in inserted lines', () => {
    const code = settings({ SESSION_COOKIE_SECURE: null }).replace(/\n/g, '\r\n');
    const { engine } = makeEngine(KINDS, { 'proj/settings.py': code });
    const f = engine.lintFile(`${WS}/proj/settings.py`).findings.find((x) => x.ruleId === 'DJG013')!;
    const out = applyEdits(code, preferred(f).edits);
    assert.ok(out.endsWith('CSRF_COOKIE_SECURE = True\r\nSESSION_COOKIE_SECURE = True\r\n'), JSON.stringify(out.slice(-80)));
    assert.ok(!/[^\r]\n/.test(out));
  });

  it('honours deployguard-ignore comments and ignores # inside strings', () => {
    const code = settings({ DEBUG: 'DEBUG = True  # deployguard-ignore DJG001 -- staging box behind VPN', ALLOWED_HOSTS: 'ALLOWED_HOSTS = ["#not-a-comment", "*"]' });
    const { engine } = makeEngine(KINDS, { 'proj/settings.py': code });
    assert.deepEqual(summary(engine.lintFile(`${WS}/proj/settings.py`).findings), ['DJG005@5']);
  });

  it('reports nothing for Python files that are not settings modules', () => {
    const { engine } = makeEngine(KINDS, { 'app/views.py': 'DEBUG = True\n', 'app/wsgi.py': WSGI });
    assert.equal(engine.supports(`${WS}/app/views.py`), false);
    assert.equal(engine.supports(`${WS}/app/wsgi.py`), false);
  });

  it('reads untitled buffers by language id, without following imports', () => {
    const { engine, ws } = makeEngine(KINDS, {});
    ws.set('untitled:Untitled-1', 'from .base import *\nDEBUG = True\n');
    const r = engine.lintFile('untitled:Untitled-1', 'python');
    assert.deepEqual(summary(r.findings), ['DJG001@2']);
  });

  it('leaves untitled Python buffers that are not settings to the Python tooling', () => {
    const { engine, ws } = makeEngine(KINDS, {});
    const lint = (text: string) => {
      ws.set('untitled:Untitled-2', text);
      engine.invalidate('untitled:Untitled-2');
      return summary(engine.lintFile('untitled:Untitled-2', 'python').findings);
    };
    // A script: no syntax errors, no DEBUG or credentials of ours.
    assert.deepEqual(lint('import sys\nprint(sys.argv)\nx = (\n'), []);
    assert.deepEqual(lint('API_TOKEN = "sk-live-abcdefgh12345"\nDEBUG = True\n'), []);
    // Settings: a key setting assigned (as a .py file outside the settings folders is claimed).
    assert.deepEqual(lint('SECRET_KEY = "k"\nDEBUG = True\nx = (\n'), ['DJG002@1', 'DJG003@1', 'DJG001@2', 'DJG000@3']);
  });
});
