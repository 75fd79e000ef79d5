// The Django kind through the language server (dist/server.js over stdio), as an editor uses it:
// an unsaved edit of base.py changes prod.py's diagnostics, and quick fixes (one at a time and
// fix-all) add `import os` exactly once.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { TestClient, uriOf } from '../../protocol/client';
import { makeWorkspace, removeWorkspace } from '../../protocol/fixtures';
import { settings } from './helpers';

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();
const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

const FILES = {
  'app/config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")\n',
  'app/config/settings/base.py': settings(),
  'app/config/settings/prod.py': 'from .base import *  # noqa: F401,F403\n',
  'app/config/settings/dev.py': 'from .base import *  # noqa: F401,F403\n\nDEBUG = True\n',
  'app/other/settings.py': 'from os import getenv\n\nSECRET_KEY = "abc"\nDEBUG = getenv("DJANGO_DEBUG")\nINSTALLED_APPS = []\n',
};

describe('language server: Django settings', () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = makeWorkspace(FILES);
    client = await TestClient.start({ root });
  });
  after(async () => {
    await client.stop();
    removeWorkspace(root);
  });

  it('an unsaved edit of base.py changes prod.py’s diagnostics (and never dev.py’s)', async () => {
    const prod = await client.open(path.join(root, 'app/config/settings/prod.py'), undefined, 'python');
    const dev = await client.open(path.join(root, 'app/config/settings/dev.py'), undefined, 'python');
    const base = await client.open(path.join(root, 'app/config/settings/base.py'), undefined, 'python');
    assert.deepEqual(codes(await client.diagnostics(prod)), []);
    const refreshes = client.refreshes;
    // Remove `SESSION_COOKIE_SECURE = True` from base.py, without saving.
    const lines = client.text(base).split('\n');
    const at = lines.indexOf('SESSION_COOKIE_SECURE = True');
    await client.change(base, [{ range: { start: { line: at, character: 0 }, end: { line: at + 1, character: 0 } }, text: '' }]);
    await client.waitFor('a diagnostic refresh', () => client.refreshes > refreshes);
    const after = await client.diagnostics(prod);
    assert.deepEqual(codes(after), ['DJG013']);
    assert.equal(after[0].range.start.line, 0, 'absent setting: line 1 of the production module');
    assert.deepEqual(codes(await client.diagnostics(dev)), []);
  });

  it('a quick fix, then fix-all, add `import os` exactly once', async () => {
    const uri = await client.open(path.join(root, 'app/other/settings.py'), undefined, 'python');
    const ds = await client.diagnostics(uri);
    assert.deepEqual(codes(ds).filter((c) => c === 'DJG001' || c === 'DJG002'), ['DJG001', 'DJG002']);
    const all = await client.codeActions(uri, ZERO, [], ['source.fixAll']);
    assert.equal(all.length, 1);
    await client.apply(all[0].edit);
    const text = client.text(uri);
    assert.equal(text.split('\n').filter((l) => l === 'import os').length, 1, text);
    assert.match(text, /SECRET_KEY = os\.environ\["DJANGO_SECRET_KEY"\]/);
    assert.match(text, /DEBUG = os\.environ\.get\("DJANGO_DEBUG", ""\) == "1"/);
    assert.deepEqual(codes(await client.diagnostics(uri)).filter((c) => c === 'DJG001' || c === 'DJG002'), []);
  });

  it('the preferred quick fix for a committed key adds `import os` once and removes the finding', async () => {
    const file = path.join(root, 'app/third/settings.py');
    const text = '"""Settings."""\nfrom pathlib import Path\n\nSECRET_KEY = "abc"\nINSTALLED_APPS = []\n';
    const uri = await client.openUri(uriOf(file), 'python', text);
    const d = (await client.diagnostics(uri)).find((x) => x.code === 'DJG002')!;
    const actions = await client.codeActions(uri, d.range, [d]);
    const fix = actions.find((a) => a.isPreferred && a.kind === 'quickfix');
    assert.ok(fix, `a preferred quick fix, got ${actions.map((a) => a.title)}`);
    await client.apply(fix.edit);
    assert.equal(client.text(uri), '"""Settings."""\nimport os\nfrom pathlib import Path\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nINSTALLED_APPS = []\n');
    assert.equal((await client.diagnostics(uri)).find((x) => x.code === 'DJG002'), undefined);
  });
});
