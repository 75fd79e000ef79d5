// nginx-specific checks in the real extension host, beyond the table in nginx.ts: the site's
// findings follow an (unsaved) edit of the snippet it includes, and NGX024's related information
// points at the dropped headers in that snippet.
// Nothing here opens nginx/sites-enabled/legacy.conf: kinds.test.ts checks that its findings arrive unopened.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, codeOf, describeDiagnostics, open, ours, restore, waitFor, wsUri } from '../helpers';

const SITE = 'nginx/sites-enabled/shop.conf';
const SNIPPET = 'nginx/snippets/security-headers.conf';

async function text(rel: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(wsUri(rel)));
}

describe('nginx: details', function () {
  this.timeout(120_000);
  const site = () => wsUri(SITE);
  const find = (rule: string, line: number) => ours(site()).find((d) => codeOf(d) === rule && d.range.start.line === line);
  let original = '';

  before(async () => {
    await activate();
    original = await text(SNIPPET);
  });
  afterEach(async () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === wsUri(SNIPPET).toString());
    if (doc) await restore(doc, original);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('NGX024 points at the headers of the included snippet that the location drops', async () => {
    await open(SITE);
    await waitFor(() => !!find('NGX024', 21), () => `NGX024@21 in ${SITE}; have\n      ${describeDiagnostics(site())}`);
    const d = find('NGX024', 21)!;
    assert.match(d.message, /Strict-Transport-Security, X-Content-Type-Options, X-Frame-Options, Content-Security-Policy/);
    const inSnippet = (d.relatedInformation ?? []).filter((r) => r.location.uri.toString() === wsUri(SNIPPET).toString());
    assert.deepStrictEqual(
      inSnippet.map((r) => r.location.range.start.line).sort(),
      [0, 1, 2, 3],
      `related information on the four add_header lines of ${SNIPPET}: ${JSON.stringify(d.relatedInformation)}`,
    );
  });

  it('an unsaved edit of the included snippet changes the including site\'s findings', async () => {
    await open(SITE);
    await waitFor(() => !!find('NGX024', 21) && !find('NGX026', 9), () => `NGX024@21 and no NGX026 in ${SITE}; have\n      ${describeDiagnostics(site())}`);
    // Drop the HSTS header from the snippet (not saved): the site's HTTPS server no longer sends it.
    const { doc } = await open(SNIPPET);
    assert.match(doc.lineAt(0).text, /^add_header Strict-Transport-Security/);
    const edit = new vscode.WorkspaceEdit();
    edit.delete(doc.uri, new vscode.Range(0, 0, 1, 0));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(
      () => !!find('NGX026', 9) && !/Strict-Transport-Security/.test(find('NGX024', 21)?.message ?? 'Strict-Transport-Security'),
      () => `NGX026@9 in ${SITE}, and NGX024@21 no longer listing HSTS, after the snippet lost it; have\n      ${describeDiagnostics(site())}`,
    );
    // Undo: the site is back to its findings.
    await restore(doc, original);
    await waitFor(
      () => !find('NGX026', 9) && /Strict-Transport-Security/.test(find('NGX024', 21)?.message ?? ''),
      () => `NGX026 gone from ${SITE} once the snippet has HSTS again; have\n      ${describeDiagnostics(site())}`,
    );
  });
});
