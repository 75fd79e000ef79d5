// Small helpers over VS Code's file system API (works for any URI scheme the editor supports).
import * as vscode from 'vscode';

/** Whether a file or folder exists at `uri`. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
