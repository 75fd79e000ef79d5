// Creates the LanguageClient that runs the bundled server (dist/server.js) over stdio.
import * as vscode from 'vscode';
import {
  DiagnosticPullMode,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { WATCHED_PATTERNS, documentSelector } from './kinds';

export const CLIENT_ID = 'deployguard';
export const CLIENT_NAME = 'DeployGuard';

export function createClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  // The server runs in the extension host's own Node; nothing from the workspace is executed.
  const run = { module, transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run, debug: run };

  const watchers = WATCHED_PATTERNS.map((p) => vscode.workspace.createFileSystemWatcher(p));
  context.subscriptions.push(...watchers);

  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    diagnosticCollectionName: CLIENT_ID,
    // Where answers of the OSV API are cached, when online advisories are turned on.
    initializationOptions: { cacheDir: vscode.Uri.joinPath(context.globalStorageUri, 'osv-cache').fsPath },
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    synchronize: {
      configurationSection: CLIENT_ID,
      fileEvents: watchers,
    },
    diagnosticPullOptions: {
      onChange: true,
      onSave: true,
      // `deployguard.run: onSave` is read on every change, so switching it needs no restart.
      filter: (document, mode) =>
        mode === DiagnosticPullMode.onType &&
        vscode.workspace.getConfiguration(CLIENT_ID, document).get<string>('run', 'onType') === 'onSave',
    },
    initializationFailedHandler: (error) => {
      outputChannel.error(`DeployGuard server failed to initialise: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
