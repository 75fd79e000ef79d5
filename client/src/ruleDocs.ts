// "Show rule documentation": the rule pages shipped in the extension (docs/rules/<ID>.md) rendered
// by VS Code's built-in Markdown preview. Works offline; nothing is fetched.
import * as vscode from 'vscode';
import { exists } from './files';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RuleDocRequest } from './protocol';
import { DIAGNOSTIC_SOURCE } from './statusBar';

const RULE_ID = /^[A-Z]{2,3}\d{3}$/;

function docsFolder(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
}

/** Rule ids and titles from the shipped pages (first line: `# SSH002: Title`). */
export async function listRules(context: vscode.ExtensionContext): Promise<{ id: string; title: string }[]> {
  let entries: [string, vscode.FileType][] = [];
  try {
    entries = await vscode.workspace.fs.readDirectory(docsFolder(context));
  } catch {
    return [];
  }
  const out: { id: string; title: string }[] = [];
  for (const [name] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const id = name.replace(/\.md$/, '');
    if (!name.endsWith('.md') || !RULE_ID.test(id)) continue;
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(docsFolder(context), name));
    const first = new TextDecoder().decode(bytes.subarray(0, 400)).split(/\r?\n/, 1)[0];
    out.push({ id, title: first.replace(/^#\s*[A-Z]{2,3}\d{3}\s*:?\s*/, '') });
  }
  return out;
}

/** The rule id of a DeployGuard diagnostic under the cursor, if any. */
function ruleAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const pos = editor.selection.active;
  const d = vscode.languages
    .getDiagnostics(editor.document.uri)
    .find((d) => d.source === DIAGNOSTIC_SOURCE && d.range.contains(pos));
  const code = typeof d?.code === 'object' ? d.code.value : d?.code;
  return code === undefined ? undefined : String(code);
}

export async function showRuleDocumentation(
  context: vscode.ExtensionContext,
  client: () => LanguageClient | undefined,
  ruleId?: unknown,
): Promise<vscode.Uri | undefined> {
  let id = typeof ruleId === 'string' ? ruleId.trim().toUpperCase() : ruleAtCursor();
  if (!id) {
    const rules = await listRules(context);
    const pick = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: r.id, description: r.title })),
      { placeHolder: 'Rule to show', matchOnDescription: true },
    );
    id = pick?.label;
  }
  if (!id) return undefined;
  if (!RULE_ID.test(id)) {
    void vscode.window.showWarningMessage(`DeployGuard: "${id}" is not a rule id (expected e.g. SSH002).`);
    return undefined;
  }
  let page = vscode.Uri.joinPath(docsFolder(context), `${id}.md`);
  if (!(await exists(page))) {
    // Not shipped as a file (a development build): ask the server for the page's text.
    const markdown = await client()?.sendRequest(RuleDocRequest, { id }).catch(() => null);
    if (!markdown) {
      void vscode.window.showWarningMessage(`DeployGuard: no documentation for ${id}.`);
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    page = doc.uri;
  }
  await vscode.commands.executeCommand('markdown.showPreview', page);
  return page;
}
