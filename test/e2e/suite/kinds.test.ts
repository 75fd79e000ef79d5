// The same tests for every kind in kinds/index.ts, through the VS Code API in a real extension host.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import {
  SEVERITY, activate, closeAll, codeActions, codeOf, deleteFile, describeDiagnostics, keys, open, ours, restore, setText,
  severityName, waitFor, wsUri, writeFile,
} from './helpers';
import { KIND_CASES } from './kinds';

const CONFIG = '.deployguard.json';

for (const k of KIND_CASES) {
  describe(`${k.kind}`, function () {
    this.timeout(120_000);
    const uri = () => wsUri(k.fixture.file);
    const expectedKeys = () => k.fixture.findings.map((f) => `${f.rule}@${f.line}`).sort();
    const showsExpected = () => JSON.stringify(keys(uri())) === JSON.stringify(expectedKeys());
    const expectation = () => `[${expectedKeys().join(', ')}] in ${k.fixture.file}; have\n      ${describeDiagnostics(uri())}`;
    let original = '';

    before(async () => {
      await activate();
      original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri()));
    });
    afterEach(async () => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri().toString());
      if (doc) await restore(doc, original);
      await deleteFile(CONFIG);
    });
    after(closeAll);

    it('lists findings of a file that was never opened (workspace diagnostics)', async () => {
      // First test of the kind: nothing has opened the file yet (opened documents stay known for minutes).
      const other = wsUri(k.unopened.file);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === other.toString()), `${k.unopened.file} is not open`);
      await waitFor(
        () => ours(other).some((d) => codeOf(d) === k.unopened.rule && d.range.start.line === k.unopened.line),
        () => `${k.unopened.rule}@${k.unopened.line} in the unopened ${k.unopened.file}; have\n      ${describeDiagnostics(other)}`,
        30_000,
      );
      if (k.unopened.relatedTo) {
        const d = ours(other).find((d) => codeOf(d) === k.unopened.rule && d.range.start.line === k.unopened.line)!;
        const target = wsUri(k.unopened.relatedTo).toString();
        assert.ok(
          d.relatedInformation?.some((r) => r.location.uri.toString() === target && r.message),
          `${k.unopened.rule} has related information in ${k.unopened.relatedTo}: ${JSON.stringify(d.relatedInformation)}`,
        );
      }
    });

    it('gives its files the expected language ids', async () => {
      for (const { file, languageId } of k.languages) {
        const doc = await vscode.workspace.openTextDocument(wsUri(file));
        await vscode.window.showTextDocument(doc, { preview: true });
        await waitFor(() => doc.languageId === languageId, () => `${file} to have language ${languageId} (has ${doc.languageId})`, 5_000);
      }
    });

    it('shows the expected diagnostics with rule ids, severities, rule pages and related information', async () => {
      await open(k.fixture.file);
      await waitFor(showsExpected, expectation);
      for (const f of k.fixture.findings) {
        const d = ours(uri()).find((d) => codeOf(d) === f.rule && d.range.start.line === f.line)!;
        assert.strictEqual(severityName(d.severity), f.severity, `${f.rule}@${f.line} severity`);
        assert.strictEqual(d.source, 'deployguard');
        assert.ok(typeof d.code === 'object' && d.code.target, `${f.rule} has a codeDescription`);
        assert.match(d.code.target.path, new RegExp(`/docs/rules/${f.rule}\\.md$`), `${f.rule} links its rule page`);
        assert.ok(d.message.length > 10, `${f.rule} has a message`);
        if (f.related) {
          assert.ok(d.relatedInformation?.length, `${f.rule}@${f.line} has related information`);
          for (const r of d.relatedInformation!) assert.ok(r.message && r.location.uri.scheme === 'file', 'related location with a message');
        }
      }
    });

    it('updates the diagnostics as the user types', async () => {
      const { doc, editor } = await open(k.fixture.file);
      await waitFor(showsExpected, expectation);
      for (const step of k.typing) {
        const line = doc.lineAt(step.line);
        if (step.select !== undefined) {
          const at = line.text.indexOf(step.select);
          assert.ok(at >= 0, `"${step.select}" on line ${step.line}`);
          editor.selection = new vscode.Selection(step.line, at, step.line, at + step.select.length);
        } else {
          editor.selection = new vscode.Selection(line.range.end, line.range.end);
        }
        for (const ch of step.text) await vscode.commands.executeCommand('type', { text: ch });
        const rules = () => new Set(ours(uri()).map(codeOf));
        await waitFor(
          () => (step.adds ?? []).every((r) => rules().has(r)) && (step.removes ?? []).every((r) => !rules().has(r)),
          () => `after typing ${JSON.stringify(step.text)}: adds ${step.adds ?? []}, removes ${step.removes ?? []}; have\n      ${describeDiagnostics(uri())}`,
        );
      }
      await setText(doc, original);
      await waitFor(showsExpected, expectation);
    });

    it('applies every quick fix offered, each removing its finding', async () => {
      const { doc } = await open(k.fixture.file);
      await waitFor(showsExpected, expectation);
      let applied = 0;
      const seen = new Set<string>();
      for (const d of [...ours(uri())]) {
        // The API returns actions without their diagnostics: ask per range, and judge the fix by the
        // findings on that range (one of them must go).
        const rangeKey = `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
        if (seen.has(rangeKey)) continue;
        seen.add(rangeKey);
        const targets = new Set(ours(uri()).filter((x) => x.range.intersection(d.range)).map((x) => `${codeOf(x)}\0${x.message}`));
        const count = () => ours(uri()).filter((x) => targets.has(`${codeOf(x)}\0${x.message}`)).length;
        const actions = (await codeActions(uri(), d.range, vscode.CodeActionKind.QuickFix.value)).filter(
          (a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind),
        );
        for (const a of actions) {
          assert.ok(a.edit, `"${a.title}" carries an edit`);
          const touched = a.edit.entries().map(([u]) => u);
          const before = new Map<string, string>();
          for (const u of touched) before.set(u.toString(), (await vscode.workspace.openTextDocument(u)).getText());
          const filesBefore = new Set((await vscode.workspace.findFiles('**/*')).map((u) => u.toString()));
          const n = count();
          assert.ok(await vscode.workspace.applyEdit(a.edit), `"${a.title}" applies`);
          await waitFor(
            () => count() < n,
            () => `"${a.title}" to remove a finding on ${rangeKey}; have\n      ${describeDiagnostics(uri())}\n      text:\n${doc.getText()}`,
          );
          applied++;
          for (const u of touched) {
            const other = await vscode.workspace.openTextDocument(u);
            await setText(other, before.get(u.toString())!);
            if (other.uri.toString() !== uri().toString() && other.isDirty) await other.save();
          }
          for (const created of await vscode.workspace.findFiles('**/*')) {
            if (!filesBefore.has(created.toString())) await vscode.workspace.fs.delete(created); // e.g. a .dockerignore the fix made
          }
          await waitFor(showsExpected, expectation);
        }
      }
      assert.ok(applied > 0, `no quick fix offered for any finding of ${k.fixture.file}`);
    });

    it('silences a finding with a suppression comment', async () => {
      const { doc } = await open(k.fixture.file);
      await waitFor(showsExpected, expectation);
      const { rule, line, comment } = k.suppression;
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(line, 0), `${comment}\n`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      // Every other finding moves down one line; the suppressed one is gone; no DG002/DG003 appears.
      const want = k.fixture.findings
        .filter((f) => !(f.rule === rule && f.line === line))
        .map((f) => `${f.rule}@${f.line >= line ? f.line + 1 : f.line}`)
        .sort();
      assert.strictEqual(want.length, k.fixture.findings.length - 1, `the table lists ${rule}@${line}`);
      await waitFor(
        () => JSON.stringify(keys(uri())) === JSON.stringify(want),
        () => `[${want.join(', ')}] after suppressing ${rule}@${line}; have\n      ${describeDiagnostics(uri())}`,
      );
    });

    it('follows .deployguard.json changes without a reload (rule off, severity changed)', async () => {
      await open(k.fixture.file);
      await waitFor(showsExpected, expectation);
      const { off, severity } = k.config;
      await writeFile(CONFIG, JSON.stringify({ rules: { [off]: 'off', [severity.rule]: severity.to } }, null, 2));
      await waitFor(
        () => !ours(uri()).some((d) => codeOf(d) === off) && ours(uri()).some((d) => codeOf(d) === severity.rule && d.severity === SEVERITY[severity.to]),
        () => `${off} gone and ${severity.rule} at ${severity.to}; have\n      ${describeDiagnostics(uri())}`,
      );
      await deleteFile(CONFIG);
      await waitFor(showsExpected, () => `the findings back after deleting ${CONFIG}: ${expectation()}`);
    });

    it('lints an untitled buffer in its language', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: k.untitled.languageId, content: k.untitled.content });
      await vscode.window.showTextDocument(doc);
      await waitFor(
        () => ours(doc.uri).some((d) => codeOf(d) === k.untitled.rule),
        () => `${k.untitled.rule} in an untitled ${k.untitled.languageId} buffer; have\n      ${describeDiagnostics(doc.uri)}`,
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });
}
