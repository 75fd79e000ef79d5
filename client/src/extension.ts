// DeployGuard for VS Code: starts the language server and adds the editor-side pieces (status bar,
// commands, output channel). The analysis itself lives in the server (server/src).
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { fixAllInFile, scanWorkspace } from './commands';
import { createConfigFile, registerSchemaProvider } from './configFile';
import { GENERIC_LANGUAGES, looksLikeNginx } from './detect';
import { StatusNotification } from './protocol';
import { showRuleDocumentation } from './ruleDocs';
import { StatusBar } from './statusBar';

/** What activate() returns: used by the extension-host tests, handy for other extensions. */
export interface DeployGuardApi {
  /** Resolves once the language server is running (or immediately when disabled). */
  ready(): Promise<void>;
  statusText(): string;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<DeployGuardApi> {
  const output = vscode.window.createOutputChannel('DeployGuard', { log: true });
  const status = new StatusBar();
  context.subscriptions.push(output, status);
  registerSchemaProvider(context);

  let starting: Promise<void> = Promise.resolve();

  const start = async (): Promise<void> => {
    if (client) return;
    const c = createClient(context, output);
    client = c;
    c.onDidChangeState((e) => {
      status.setServerState(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped');
    });
    c.onNotification(StatusNotification, (params) => status.onServerStatus(params));
    status.setServerState('starting');
    try {
      await c.start();
      output.info(`DeployGuard ${context.extension.packageJSON.version} started (server: dist/server.js).`);
    } catch (e) {
      output.error(`DeployGuard server did not start: ${e instanceof Error ? e.message : String(e)}`);
      status.setServerState('stopped');
    }
  };

  const stop = async (): Promise<void> => {
    const c = client;
    client = undefined;
    if (c) await c.stop().catch(() => undefined);
    status.setServerState('disabled');
  };

  const enabled = () => vscode.workspace.getConfiguration('deployguard').get<boolean>('enable', true);

  context.subscriptions.push(
    vscode.commands.registerCommand('deployguard.scanWorkspace', () => scanWorkspace(client, status)),
    vscode.commands.registerCommand('deployguard.fixAllInFile', (uri?: unknown) => fixAllInFile(uri)),
    vscode.commands.registerCommand('deployguard.showRuleDocumentation', (ruleId?: unknown) =>
      showRuleDocumentation(context, () => client, ruleId),
    ),
    vscode.commands.registerCommand('deployguard.createConfigFile', () => createConfigFile(client)),
    vscode.commands.registerCommand('deployguard.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('deployguard.restartServer', async () => {
      await stop();
      if (enabled()) await (starting = start());
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('deployguard.enable')) {
        if (enabled()) await (starting = start());
        else await stop();
      }
    }),
    { dispose: () => void stop() },
  );

  const detect = (doc: vscode.TextDocument) => {
    if (doc.uri.scheme !== 'file' || !GENERIC_LANGUAGES.has(doc.languageId)) return;
    if (looksLikeNginx(doc.uri.path, doc.getText(new vscode.Range(0, 0, 200, 0)))) {
      void vscode.languages.setTextDocumentLanguage(doc, 'nginx');
    }
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(detect));
  vscode.workspace.textDocuments.forEach(detect);

  if (enabled()) starting = start();
  else status.setServerState('disabled');

  return {
    ready: () => starting,
    statusText: () => status.text,
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop().catch(() => undefined);
}
