// The extension's commands and status bar item, through the VS Code API (on the first kind's fixture).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import {
  type DeployGuardApi, SOURCE, activate, closeAll, codeOf, deleteFile, describeDiagnostics, exists, open, ours, restore, waitFor, writeFile,
  wsUri,
} from './helpers';
import { KIND_CASES } from './kinds';

const k = KIND_CASES[0];

function totals(): { findings: number; files: number } {
  let findings = 0;
  let files = 0;
  for (const [, ds] of vscode.languages.getDiagnostics()) {
    const n = ds.filter((d) => d.source === SOURCE).length;
    findings += n;
    if (n) files++;
  }
  return { findings, files };
}

describe('commands and status bar', function () {
  this.timeout(120_000);
  let api: DeployGuardApi;
  const uri = () => wsUri(k.fixture.file);
  const ready = () => ours(uri()).length === k.fixture.findings.length;

  before(async () => {
    api = await activate();
  });
  after(closeAll);

  it('status bar item: "N findings in M files", counted as the Problems panel counts them', async () => {
    await open(k.fixture.file);
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    const want = () => {
      const t = totals();
      return `${plural(t.findings, 'finding')} in ${plural(t.files, 'file')}`;
    };
    await waitFor(
      () => ready() && api.statusText().endsWith(want()),
      () => `status "${want()}", have "${api.statusText()}"`,
    );
  });

  it('Scan Workspace analyses the supported files and reports the totals', async () => {
    const result = await vscode.commands.executeCommand<{ files: number; findings: number; cancelled: boolean }>('deployguard.scanWorkspace');
    assert.ok(result, 'the command returns the scan result');
    assert.strictEqual(result.cancelled, false);
    const fixtureFiles = new Set(KIND_CASES.flatMap((c) => [c.fixture.file, c.unopened.file])).size;
    assert.ok(result.files >= fixtureFiles, `scanned ${result.files} files, the fixtures alone are ${fixtureFiles}`);
    assert.ok(result.findings > 0, 'found something');
  });

  it('Fix All in File applies the preferred fixes of the file', async () => {
    const { doc } = await open(k.fixture.file);
    const original = doc.getText();
    await waitFor(ready, () => `the fixture's findings; have\n      ${describeDiagnostics(uri())}`);
    const before = ours(uri()).length;
    const applied = await vscode.commands.executeCommand<number>('deployguard.fixAllInFile', uri());
    assert.ok(applied > 0, 'Fix All applied an edit');
    await waitFor(() => ours(uri()).length < before, () => `fewer than ${before} findings; have\n      ${describeDiagnostics(uri())}`);
    await restore(doc, original);
    await waitFor(ready, () => `the findings back; have\n      ${describeDiagnostics(uri())}`);
  });

  it('Show Rule Documentation renders the shipped rule page in a Markdown preview (offline)', async () => {
    const rule = k.fixture.findings[0].rule;
    const page = await vscode.commands.executeCommand<vscode.Uri>('deployguard.showRuleDocumentation', rule);
    assert.ok(page && page.path.endsWith(`/docs/rules/${rule}.md`), `the page is docs/rules/${rule}.md: ${page?.toString()}`);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    await waitFor(
      () => tabs().some((t) => t.input instanceof vscode.TabInputWebview && t.label.includes(rule)),
      () => `a Markdown preview tab for ${rule}; tabs: ${tabs().map((t) => t.label).join(', ')}`,
      10_000,
    );
  });

  it('Create .deployguard.json writes $schema (resolving offline) and the effective configuration, which the server accepts', async () => {
    await deleteFile('.deployguard.json');
    const created = await vscode.commands.executeCommand<vscode.Uri>('deployguard.createConfigFile');
    try {
      assert.ok(created && (await exists(created)), '.deployguard.json created');
      const data = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(created)));
      assert.ok(typeof data.$schema === 'string' && data.$schema.length > 0, '$schema');
      assert.ok(data.rules && typeof data.rules === 'object', 'rules');
      assert.ok(data.openssh?.version, 'the effective openssh.version');
      // The file is valid: no DG001 finding in it, and the fixture's findings are unchanged.
      await open(k.fixture.file);
      await waitFor(ready, () => `the fixture's findings with the new file; have\n      ${describeDiagnostics(uri())}`);
      assert.ok(!ours(created).some((d) => codeOf(d) === 'DG001'), `no DG001: ${describeDiagnostics(created)}`);
      // Its $schema resolves offline: VS Code's JSON support validates an unknown key as you type.
      const doc = await vscode.workspace.openTextDocument(created);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(created, new vscode.Position(1, 0), '  "colour": true,\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const json = () => vscode.languages.getDiagnostics(created).filter((d) => d.source !== SOURCE);
      await waitFor(
        () => json().some((d) => /colour/.test(d.message)),
        () => `a JSON schema diagnostic for "colour"; have ${JSON.stringify(json().map((d) => d.message))}`,
        15_000,
      );
      assert.ok(!json().some((d) => /load|resolve/i.test(d.message)), `schema loaded: ${JSON.stringify(json().map((d) => d.message))}`);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await closeAll();
      await deleteFile('.deployguard.json');
    }
  });

  it('deployguard.run = onSave: typing leaves the findings alone, saving updates them', async () => {
    const cfg = vscode.workspace.getConfiguration('deployguard');
    const { doc, editor } = await open(k.fixture.file);
    const original = doc.getText();
    await waitFor(ready, () => `the fixture's findings; have\n      ${describeDiagnostics(uri())}`);
    await cfg.update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
    // A request the server answers only once it has read the new settings (it queues behind them).
    await vscode.commands.executeCommand('deployguard.scanWorkspace');
    try {
      const before = ours(uri()).length;
      // Delete the first finding's whole line: as you type this would remove the finding.
      const first = k.fixture.findings[0];
      editor.selection = new vscode.Selection(first.line, 0, first.line + 1, 0);
      await vscode.commands.executeCommand('deleteLeft');
      await new Promise((r) => setTimeout(r, 2_000)); // enough for several debounced analyses
      assert.strictEqual(ours(uri()).length, before, `no re-lint while typing; have\n      ${describeDiagnostics(uri())}`);
      await doc.save();
      await waitFor(() => ours(uri()).length < before, () => `the findings updated on save; have\n      ${describeDiagnostics(uri())}`);
    } finally {
      await cfg.update('run', undefined, vscode.ConfigurationTarget.Workspace);
      await restore(doc, original);
    }
    await waitFor(ready, () => `the findings back; have\n      ${describeDiagnostics(uri())}`);
  });

  it('deployguard.enable = false stops linting and clears the findings; true brings them back', async () => {
    const cfg = vscode.workspace.getConfiguration('deployguard');
    await open(k.fixture.file);
    await waitFor(ready, () => `the fixture's findings; have\n      ${describeDiagnostics(uri())}`);
    await cfg.update('enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => ours(uri()).length === 0 && /off/.test(api.statusText()), () => `no findings and status "off"; have "${api.statusText()}"`);
    } finally {
      await cfg.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(ready, () => `the findings back after re-enabling; have\n      ${describeDiagnostics(uri())}`, 30_000);
    await api.ready();
  });

  it('deployguard.exclude hides the findings of matching files', async () => {
    const cfg = vscode.workspace.getConfiguration('deployguard');
    await open(k.fixture.file);
    await waitFor(ready, () => `the fixture's findings; have\n      ${describeDiagnostics(uri())}`);
    await cfg.update('exclude', [k.fixture.file], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => ours(uri()).length === 0, () => `no findings in the excluded ${k.fixture.file}; have\n      ${describeDiagnostics(uri())}`);
    } finally {
      await cfg.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(ready, () => `the findings back; have\n      ${describeDiagnostics(uri())}`);
  });

  it('hovering a finding explains its rule', async () => {
    const { doc } = await open(k.fixture.file);
    await waitFor(ready, () => `the fixture's findings; have\n      ${describeDiagnostics(uri())}`);
    const f = k.fixture.findings[0];
    const d = ours(uri()).find((d) => codeOf(d) === f.rule && d.range.start.line === f.line)!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, d.range.start);
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.ok(text.includes(f.rule), `the hover names ${f.rule}: ${text}`);
  });

  it('reports an invalid .deployguard.json entry in that file (DG001) and keeps linting with the defaults', async () => {
    await writeFile('.deployguard.json', '{\n  "rules": { "SSH001": "loud" },\n  "colour": true\n}\n');
    const config = wsUri('.deployguard.json');
    try {
      await waitFor(
        () => ours(config).filter((d) => codeOf(d) === 'DG001').length >= 2,
        () => `DG001 for "loud" and "colour" in .deployguard.json (never opened); have\n      ${describeDiagnostics(config)}`,
      );
      const lines = ours(config).map((d) => d.range.start.line).sort();
      assert.deepStrictEqual(lines, [1, 2], 'each problem at its own line');
      await open(k.fixture.file);
      await waitFor(ready, () => `the fixture's findings under the defaults; have\n      ${describeDiagnostics(uri())}`);
    } finally {
      await deleteFile('.deployguard.json');
    }
    await waitFor(() => ours(config).length === 0, () => `no diagnostics left for the deleted .deployguard.json: ${describeDiagnostics(config)}`);
  });
});
