// A minimal LSP client for the protocol tests: starts dist/server.js over stdio and talks to it
// through vscode-languageserver-protocol's connection, the way an editor would.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type Range,
  type TextDocumentContentChangeEvent,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ensureBuilt, SERVER_JS } from './bundle';

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** Capabilities of a VS Code-like client; `pull: false` gives an older, push-only client. */
export function capabilities(pull: boolean): ClientCapabilities {
  return {
    textDocument: {
      synchronization: { didSave: true, dynamicRegistration: false },
      publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true, versionSupport: true },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
        isPreferredSupport: true,
        dataSupport: true,
      },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
    workspace: {
      configuration: true,
      workspaceFolders: true,
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
      ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
    },
    window: { workDoneProgress: true },
  };
}

export interface StartOptions {
  /** The workspace folder; null starts the server without any (single-file mode). */
  root: string | null;
  /** How the client talks to the server (default stdio). */
  transport?: 'stdio' | 'ipc';
  pull?: boolean;
  /** The "deployguard" settings section the client answers with. */
  settings?: Record<string, unknown>;
}

export class TestClient {
  readonly logs: string[] = [];
  readonly published: { uri: string; diagnostics: Diagnostic[]; version?: number }[] = [];
  readonly statuses: { state: string; findings: number; files: number }[] = [];
  readonly progress: { token: string | number; value: any }[] = [];
  refreshes = 0;
  settings: Record<string, unknown>;
  readonly docs = new Map<string, TextDocument>();
  private stderr = '';

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions): Promise<TestClient> {
    ensureBuilt();
    const ipc = options.transport === 'ipc';
    const proc = ipc
      ? fork(SERVER_JS, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] })
      : spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = ipc
      ? createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc))
      : createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new TestClient(proc, conn, { debounce: 20, ...(options.settings ?? {}) });
    proc.stderr!.on('data', (d) => (client.stderr += String(d)));
    conn.onNotification('window/logMessage', (p: { message: string }) => void client.logs.push(p.message));
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[]; version?: number }) => void client.published.push(p));
    conn.onNotification('deployguard/status', (p: { state: string; findings: number; files: number }) => void client.statuses.push(p));

    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => client.settings));
    conn.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshes++;
      return null;
    });
    conn.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      client.watchProgress(p.token);
      return null;
    });
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
    const exited = new Promise<never>((_, reject) =>
      proc.once('exit', (code) => reject(new Error(`the server exited (code ${code}):\n${client.stderr}`))),
    );
    exited.catch(() => undefined);
    client.exited = exited;
    const pull = options.pull ?? true;
    const root = options.root;
    const result = await client.alive(conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: root ? uriOf(root) : null,
      workspaceFolders: root ? [{ uri: uriOf(root), name: path.basename(root) }] : null,
      capabilities: capabilities(pull),
    }));
    client.initializeResult = result;
    await conn.sendNotification('initialized', {});
    return client;
  }

  initializeResult: any;
  private exited!: Promise<never>;

  /** A request's answer, or an error if the server process dies first. */
  alive<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.exited]);
  }

  /** Records the work-done progress reported under a token (client- or server-created). */
  watchProgress(token: string | number): void {
    this.conn.onProgress(WorkDoneProgress.type, token, (value) => void this.progress.push({ token, value }));
  }

  request(method: string, params?: unknown): Promise<any> {
    return this.alive(this.conn.sendRequest(method, params));
  }

  get serverStderr(): string {
    return this.stderr;
  }

  /** Opens a file (with its text on disk unless given); returns its URI. */
  open(file: string, text?: string, languageId = 'plaintext'): Promise<string> {
    return this.openUri(uriOf(file), languageId, text ?? fs.readFileSync(file, 'utf8'));
  }

  async openUri(uri: string, languageId: string, text: string): Promise<string> {
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Sends incremental changes and keeps the local copy in step. */
  async change(uri: string, changes: { range: Range; text: string }[]): Promise<void> {
    const doc = this.docs.get(uri)!;
    const next = TextDocument.update(doc, changes as TextDocumentContentChangeEvent[], doc.version + 1);
    this.docs.set(uri, next);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  pull(uri: string, previousResultId?: string): Promise<any> {
    return this.request('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const r = await this.pull(uri);
    return r.items;
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<any[]> {
    return this.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  /**
   * Applies a WorkspaceEdit the way an editor does: to open buffers (sending didChange, so the
   * server sees it) and to files on disk otherwise.
   */
  async apply(edit: WorkspaceEdit): Promise<void> {
    const perUri = new Map<string, { range: Range; newText: string }[]>();
    for (const ch of edit.documentChanges ?? []) {
      if ('kind' in ch) {
        if (ch.kind === 'create') fs.writeFileSync(new URL(ch.uri), '');
        continue;
      }
      perUri.set(ch.textDocument.uri, [...(perUri.get(ch.textDocument.uri) ?? []), ...(ch.edits as { range: Range; newText: string }[])]);
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) perUri.set(uri, [...(perUri.get(uri) ?? []), ...edits]);
    for (const [uri, edits] of perUri) {
      const doc = this.docs.get(uri);
      if (doc) {
        // As one change of the whole text: same-position inserts keep their array order (LSP rule).
        const next = TextDocument.applyEdits(doc, edits);
        await this.change(uri, [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, text: next }]);
      } else {
        const file = new URL(uri);
        const text = fs.readFileSync(file, 'utf8');
        fs.writeFileSync(file, TextDocument.applyEdits(TextDocument.create(uri, 'x', 0, text), edits));
      }
    }
  }

  /** Polls until `check` returns a truthy value (or fails after `ms`). */
  async waitFor<T>(what: string, check: () => T | undefined | false, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nserver log:\n${this.logs.join('\n')}\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    await Promise.race([new Promise((r) => this.proc.once('exit', r)), new Promise((r) => setTimeout(r, 3000))]);
    if (this.proc.exitCode === null) this.proc.kill();
    this.conn.dispose();
  }
}
