// Commands that need the server: scan the workspace (progress + cancel) and fix all in a file.
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { ScanWorkspaceRequest, type ScanWorkspaceResult } from './protocol';
import type { StatusBar } from './statusBar';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('deployguard');

let scanCounter = 0;

export async function scanWorkspace(client: LanguageClient | undefined, status: StatusBar): Promise<ScanWorkspaceResult | undefined> {
  if (!client) {
    void vscode.window.showWarningMessage('DeployGuard is disabled (setting deployguard.enable).');
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'DeployGuard: scanning the workspace', cancellable: true },
    async (progress, token) => {
      const workDoneToken = `deployguard-scan-${process.pid}-${++scanCounter}`;
      let last = 0;
      const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const increment = value.percentage !== undefined ? Math.max(0, value.percentage - last) : undefined;
        if (value.percentage !== undefined) last = Math.max(last, value.percentage);
        progress.report({ message: value.message, increment });
      });
      try {
        return await status.whileScanning(() => client.sendRequest(ScanWorkspaceRequest, { workDoneToken }, token));
      } catch (e) {
        if (token.isCancellationRequested) return { files: 0, findings: 0, cancelled: true };
        throw e;
      } finally {
        sub.dispose();
      }
    },
  );
  const summary = result.cancelled
    ? `DeployGuard: scan cancelled after ${result.files} files (${result.findings} findings so far).`
    : `DeployGuard: ${result.findings} finding${result.findings === 1 ? '' : 's'} in ${result.files} file${result.files === 1 ? '' : 's'} scanned.`;
  void vscode.window.showInformationMessage(summary, 'Open Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return result;
}

/** Applies every preferred DeployGuard fix in the file (the `source.fixAll.deployguard` action). */
export async function fixAllInFile(uri?: unknown): Promise<number> {
  const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    void vscode.window.showWarningMessage('DeployGuard: open a file to fix.');
    return 0;
  }
  const doc = await vscode.workspace.openTextDocument(target);
  const full = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', target, full, FIX_ALL_KIND.value, 10)) ?? [];
  let applied = 0;
  for (const action of actions) {
    if (!action.kind || !FIX_ALL_KIND.contains(action.kind)) continue;
    if (action.edit && (await vscode.workspace.applyEdit(action.edit))) applied++;
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
  if (applied === 0) void vscode.window.showInformationMessage('DeployGuard: nothing to fix automatically in this file.');
  return applied;
}
