// Helpers for the extension-host tests: workspace paths, waiting for diagnostics, applying code
// actions and putting files back the way they were.
import * as assert from 'node:assert';
import * as vscode from 'vscode';

export const SOURCE = 'deployguard';
export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITY: Record<SeverityName, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function severityName(s: vscode.DiagnosticSeverity): SeverityName {
  return (Object.keys(SEVERITY) as SeverityName[]).find((k) => SEVERITY[k] === s)!;
}

export interface DeployGuardApi {
  ready(): Promise<void>;
  statusText(): string;
}

export async function activate(): Promise<DeployGuardApi> {
  const ext = vscode.extensions.getExtension<DeployGuardApi>('deployguard.deployguard');
  assert.ok(ext, 'extension deployguard.deployguard is installed');
  const api = await ext.activate();
  await api.ready();
  return api;
}

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri;
}

export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), ...rel.split('/'));
}

export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** "SSH001@3" keys of a file's findings, sorted: compact to compare and to print. */
export function keys(uri: vscode.Uri): string[] {
  return ours(uri)
    .map((d) => `${codeOf(d)}@${d.range.start.line}`)
    .sort();
}

export function describeDiagnostics(uri: vscode.Uri): string {
  return (
    ours(uri)
      .map((d) => `${codeOf(d)} ${severityName(d.severity)} ${d.range.start.line}:${d.range.start.character} ${d.message}`)
      .join('\n      ') || '(none)'
  );
}

/** Polls `check` (on every diagnostics change and every 100 ms) until it returns true. */
export async function waitFor(check: () => boolean, what: () => string, timeout = 20_000): Promise<void> {
  if (check()) return;
  await new Promise<void>((resolve, reject) => {
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      if (check()) done();
    });
    const tick = setInterval(() => {
      if (check()) done();
    }, 100);
    const timer = setTimeout(() => {
      clean();
      reject(new Error(`timed out after ${timeout} ms waiting for ${what()}`));
    }, timeout);
    function clean() {
      sub.dispose();
      clearInterval(tick);
      clearTimeout(timer);
    }
    function done() {
      clean();
      resolve();
    }
  });
}

export async function open(rel: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

/** Replaces the whole text of a document (an edit like any other: the server sees a change). */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() === text) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not edit ${doc.uri.fsPath}`);
}

/** Puts an opened file back to its disk content and saves it (no dirty editors left behind). */
export async function restore(doc: vscode.TextDocument, original: string): Promise<void> {
  await setText(doc, original);
  if (doc.isDirty) await doc.save();
}

export async function writeFile(rel: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(wsUri(rel), new TextEncoder().encode(text));
}

export async function deleteFile(rel: string): Promise<void> {
  try {
    await vscode.workspace.fs.delete(wsUri(rel));
  } catch {
    // already gone
  }
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const all = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind, 100)) ?? [];
  return all.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof (a as vscode.Command).command === 'string'));
}

/** Closes every editor, saving nothing (files were restored by the tests themselves). */
export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
