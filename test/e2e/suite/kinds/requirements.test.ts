// Requirements-specific checks in the real extension host, beyond the table in requirements.ts:
// where REQ014's related information points, the two-file "move to the dev file" fix, and REQ001
// with the shared OSV data configured at run time in the workspace copy's .deployguard.json (the
// data is read in place from ../shared/osv-pypi, never copied into the repository).
// Nothing here opens requirements/base.txt: kinds.test.ts checks that its findings arrive unopened.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, codeActions, codeOf, deleteFile, describeDiagnostics, open, ours, restore, waitFor, writeFile, wsUri } from '../helpers';

const CONFIG = '.deployguard.json';
const PROD = 'requirements/prod.txt';
const DEV = 'requirements/dev.txt';

/** ../shared/osv-pypi next to the checkout the extension was loaded from. */
function osvFolder(): string {
  const ext = vscode.extensions.getExtension('deployguard.deployguard');
  assert.ok(ext, 'extension deployguard.deployguard is installed');
  return path.resolve(ext.extensionPath, '..', 'shared', 'osv-pypi');
}

async function text(rel: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(wsUri(rel)));
}

describe('requirements: details', function () {
  this.timeout(120_000);
  const prod = () => wsUri(PROD);
  const find = (rule: string, line: number) => ours(prod()).find((d) => codeOf(d) === rule && d.range.start.line === line);
  const originals = new Map<string, string>();

  before(async () => {
    await activate();
    for (const rel of [PROD, DEV]) originals.set(rel, await text(rel));
  });
  afterEach(async () => {
    await deleteFile(CONFIG);
    for (const [rel, original] of originals) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === wsUri(rel).toString());
      if (doc) await restore(doc, original);
    }
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('REQ014 points at the first pin, in the included file that makes it', async () => {
    await open(PROD);
    await waitFor(() => !!find('REQ014', 3), () => `REQ014@3 in ${PROD}; have\n      ${describeDiagnostics(prod())}`);
    const d = find('REQ014', 3)!;
    assert.match(d.message, /requests is pinned to 2\.32\.3 here but to 2\.31\.0 in requirements\/base\.txt:1/);
    assert.strictEqual(d.relatedInformation?.length, 1, 'one related location');
    const r = d.relatedInformation[0];
    assert.strictEqual(r.location.uri.toString(), wsUri('requirements/base.txt').toString());
    assert.deepStrictEqual([r.location.range.start.line, r.location.range.start.character, r.location.range.end.line, r.location.range.end.character], [0, 0, 0, 16]);
    assert.match(r.message, /requests==2\.31\.0 \(first pin\)/);
  });

  it('moves a development package to the dev file: one fix editing both files', async () => {
    const { doc } = await open(PROD);
    await waitFor(() => !!find('REQ011', 4), () => `REQ011@4 in ${PROD}; have\n      ${describeDiagnostics(prod())}`);
    const d = find('REQ011', 4)!;
    const actions = await codeActions(prod(), d.range, vscode.CodeActionKind.QuickFix.value);
    const move = actions.find((a) => a.title === 'Move django-debug-toolbar to dev.txt');
    assert.ok(move?.edit, `a move fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.deepStrictEqual(move.edit.entries().map(([u]) => u.toString()).sort(), [prod().toString(), wsUri(DEV).toString()].sort());
    assert.ok(await vscode.workspace.applyEdit(move.edit));
    await waitFor(() => !ours(prod()).some((x) => codeOf(x) === 'REQ011'), () => `REQ011 gone from ${PROD}; have\n      ${describeDiagnostics(prod())}`);
    assert.ok(!doc.getText().includes('django-debug-toolbar'), 'the line left prod.txt');
    const dev = await vscode.workspace.openTextDocument(wsUri(DEV));
    assert.strictEqual(dev.getText(), `${originals.get(DEV)}django-debug-toolbar==4.4.6\n`);
    await restore(dev, originals.get(DEV)!);
  });

  it('REQ001 from the offline OSV folder set in .deployguard.json; its fix bumps the pin', async function () {
    const folder = osvFolder();
    if (!fs.existsSync(path.join(folder, 'README.md'))) {
      const message = `shared OSV data not found at ${folder}: REQ001 e2e test skipped`;
      if (process.env.CI) throw new Error(message);
      console.log(`[dg] ${message}`);
      this.skip();
    }
    const { doc } = await open(PROD);
    await waitFor(() => !!find('REQ014', 3), () => `the fixture's findings; have\n      ${describeDiagnostics(prod())}`);
    assert.ok(!ours(prod()).some((d) => codeOf(d) === 'REQ001'), 'no REQ001 without an advisory source');

    await writeFile(CONFIG, JSON.stringify({ requirements: { advisories: folder } }, null, 2));
    await waitFor(() => !!find('REQ001', 3) && !!find('REQ001', 5), () => `REQ001 on requests (3) and flask>=2.0 (5); have\n      ${describeDiagnostics(prod())}`, 30_000);
    const d = find('REQ001', 3)!;
    assert.match(d.message, /^requests 2\.32\.3 has 2 known vulnerabilities .*PYSEC-2026-1872 \(CVE-2024-47081, GHSA-9hjg-9r4m-mvj7\).*Lowest version without them: 2\.33\.0\.$/);
    assert.ok(typeof d.code === 'object' && /\/docs\/rules\/REQ001\.md$/.test(d.code.target.path), 'REQ001 links its rule page');
    assert.match(find('REQ001', 5)!.message, /^flask>=2\.0 allows 2\.0, which has 2 known vulnerabilities/);

    const fix = (await codeActions(prod(), d.range, vscode.CodeActionKind.QuickFix.value)).find((a) => a.title === 'Upgrade requests to 2.33.0');
    assert.ok(fix?.edit, 'the upgrade fix is offered');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor(() => !find('REQ001', 3), () => `REQ001@3 gone after the upgrade; have\n      ${describeDiagnostics(prod())}`);
    assert.strictEqual(doc.lineAt(3).text, 'requests==2.33.0');

    await deleteFile(CONFIG);
    await waitFor(() => !ours(prod()).some((x) => codeOf(x) === 'REQ001'), () => `REQ001 gone with ${CONFIG}; have\n      ${describeDiagnostics(prod())}`);
  });
});
