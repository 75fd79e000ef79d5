import * as assert from 'node:assert';
import * as vscode from 'vscode';

describe('harness', () => {
  it('runs inside a VS Code extension host with the DeployGuard extension', async () => {
    const ext = vscode.extensions.getExtension('deployguard.deployguard');
    assert.ok(ext, 'extension deployguard.deployguard is loaded');
    assert.ok(vscode.workspace.workspaceFolders?.length, 'a workspace folder is open');
  });
});
