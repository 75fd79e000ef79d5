// Django-specific checks in the real extension host, beyond the table in django.ts: inherited values
// are reported where they are written with the star import as related information, an unsaved edit
// of base.py changes prod.py's diagnostics, the quick fixes add `import os` exactly once, dev.py gets
// no deployment findings, and untitled Python buffers are linted only when they are settings.
// Nothing here opens django/config/settings/dev.py: kinds.test.ts checks that its finding arrives
// unopened (this file runs first).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, codeActions, codeOf, describeDiagnostics, keys, open, ours, restore, waitFor, wsUri } from '../helpers';

const BASE = 'django/config/settings/base.py';
const PROD = 'django/config/settings/prod.py';
const DEV = 'django/config/settings/dev.py';

async function text(rel: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(wsUri(rel)));
}

describe('django: details', function () {
  this.timeout(120_000);
  const originals = new Map<string, string>();
  const prodKeys = ['DJG013@7', 'DJG022@14', 'DJG022@15', 'DJG025@10'];
  const prodShows = (want: string[]) => () => JSON.stringify(keys(wsUri(PROD))) === JSON.stringify([...want].sort());
  const have = (rel: string) => describeDiagnostics(wsUri(rel));

  before(async () => {
    await activate();
    for (const rel of [BASE, PROD]) originals.set(rel, await text(rel));
  });
  afterEach(async () => {
    for (const [rel, original] of originals) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === wsUri(rel).toString());
      if (doc) await restore(doc, original);
    }
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reports an inherited value where it is written, with the star import of prod.py as related information', async () => {
    // base.py is not opened: its findings come from the production unit through workspace diagnostics.
    const base = wsUri(BASE);
    const find = () => ours(base).find((d) => codeOf(d) === 'DJG002' && d.range.start.line === 5);
    await waitFor(() => !!find(), () => `DJG002@5 in ${BASE}; have\n      ${have(BASE)}`, 30_000);
    const d = find()!;
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(d.relatedInformation?.length, 1, 'one related location');
    const r = d.relatedInformation[0];
    assert.strictEqual(r.location.uri.toString(), wsUri(PROD).toString());
    assert.deepStrictEqual(
      [r.location.range.start.line, r.location.range.start.character, r.location.range.end.line, r.location.range.end.character],
      [1, 0, 1, 'from .base import *'.length],
      'the `from .base import *` statement of prod.py',
    );
    assert.match(r.message, /base\.py is effective in prod\.py through this import/);
  });

  it('changes prod.py’s diagnostics when base.py is edited, before it is saved', async () => {
    await open(PROD);
    await waitFor(prodShows(prodKeys), () => `[${prodKeys}] in ${PROD}; have\n      ${have(PROD)}`);
    const { doc, editor } = await open(BASE);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('ALLOWED_HOSTS'));
    assert.ok(line > 0, 'base.py sets ALLOWED_HOSTS');
    // Delete the line as a user would (select it, delete): prod.py no longer gets ALLOWED_HOSTS.
    editor.selection = new vscode.Selection(line, 0, line + 1, 0);
    await vscode.commands.executeCommand('deleteLeft');
    assert.ok(doc.isDirty, 'base.py is not saved');
    const absent = [...prodKeys, 'DJG005@0'];
    await waitFor(prodShows(absent), () => `[${absent}] in ${PROD} (absent ALLOWED_HOSTS on line 1); have\n      ${have(PROD)}`);
    await vscode.commands.executeCommand('undo');
    await waitFor(prodShows(prodKeys), () => `[${prodKeys}] in ${PROD} after undo; have\n      ${have(PROD)}`);
  });

  it('adds `import os` exactly once when both credentials are moved to the environment', async () => {
    const { doc } = await open(PROD);
    const prod = wsUri(PROD);
    await waitFor(prodShows(prodKeys), () => `[${prodKeys}] in ${PROD}; have\n      ${have(PROD)}`);
    for (const [name, step] of [['EMAIL_HOST_PASSWORD', 1], ['AWS_SECRET_ACCESS_KEY', 2]] as const) {
      const d = ours(prod).find((x) => codeOf(x) === 'DJG022' && x.message.startsWith(name));
      assert.ok(d, `DJG022 for ${name}; have\n      ${have(PROD)}`);
      const actions = await codeActions(prod, d.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title.startsWith(`Read it from the environment (${name})`));
      assert.ok(fix?.edit, `the environment fix among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await waitFor(
        () => ours(prod).filter((x) => codeOf(x) === 'DJG022').length === 2 - step,
        () => `${2 - step} DJG022 left after fixing ${name}; have\n      ${have(PROD)}`,
      );
      const t = doc.getText();
      assert.ok(t.includes(`${name} = os.environ["${name}"]`), `${name} is read from the environment:\n${t}`);
      assert.strictEqual(t.split('\n').filter((l) => l === 'import os').length, 1, `one import os after ${step} fix(es):\n${t}`);
    }
    assert.ok(doc.getText().startsWith('"""Production settings (config/wsgi.py names this module)."""\nimport os\nfrom .base import *'), 'import os goes after the docstring, before the imports');
  });

  it('gives dev.py no deployment findings (only its committed credential, at info)', async () => {
    // Through workspace diagnostics: dev.py stays unopened for kinds.test.ts.
    const dev = wsUri(DEV);
    await waitFor(() => ours(dev).length > 0, () => `the findings of the unopened ${DEV}; have\n      ${have(DEV)}`, 30_000);
    assert.deepStrictEqual(keys(dev), ['DJG022@10'], 'DEBUG = True, ALLOWED_HOSTS = ["*"], debug_toolbar and SESSION_COOKIE_SECURE = False are fine in development');
    const d = ours(dev)[0];
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Information);
    assert.match(d.message, /\(development settings\)$/);
  });

  it('lints an untitled Python buffer only while it is settings', async () => {
    // A scratch script (with a syntax error) is the Python tooling's business, not ours.
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'import sys\nprint(sys.argv)\nx = (\n' });
    const editor = await vscode.window.showTextDocument(doc);
    const rules = () => ours(doc.uri).map(codeOf).sort();
    // Typing a key setting makes it settings: its syntax error and DEBUG are reported…
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    for (const ch of 'SECRET_KEY = "k"\nDEBUG = True\n') await vscode.commands.executeCommand('type', { text: ch });
    await waitFor(
      () => rules().includes('DJG000') && rules().includes('DJG001'),
      () => `DJG000 and DJG001 once the buffer assigns SECRET_KEY; have\n      ${describeDiagnostics(doc.uri)}`,
    );
    // …and removing it again leaves a script: nothing, not even the syntax error.
    editor.selection = new vscode.Selection(0, 0, 2, 0);
    await vscode.commands.executeCommand('deleteLeft');
    await waitFor(() => rules().length === 0, () => `no findings in a Python script; have\n      ${describeDiagnostics(doc.uri)}`);
    assert.strictEqual(doc.getText(), 'import sys\nprint(sys.argv)\nx = (\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
