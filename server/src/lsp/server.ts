// The language server: LSP wiring over the engine. Open buffers become overlays of the engine's
// workspace view; diagnostics are pulled (LSP 3.17) or pushed (older clients); every handler is
// guarded so that nothing thrown reaches the client (malformed params get an InvalidParams error
// and a log line).
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type Range,
  type TextDocumentContentChangeEvent,
  type WorkDoneProgressReporter,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import pkg from '../../../package.json';
import { normaliseRuleId, ruleDocMarkdown } from '../cli/docs';
import { HeapPacer } from '../cli/heap';
import { ConfiguredWorkspace, projectRootOf } from '../cli/host';
import {
  CONFIG_FILE_NAME,
  defaultConfig,
  Engine,
  globsMatch,
  parseConfig,
  rangeKey,
  relativeTo,
  SKIPPED_DIRS,
  type Finding,
  type Kind,
  type LintResult,
  type LoadedConfig,
  type ProjectConfig,
} from '../engine';
import { codeActions } from './codeActions';
import { clientFeatures, keyOfUri, toDiagnostic, uriOfFile, type ClientFeatures, type EditTarget } from './convert';
import { hoverFor } from './hover';
import {
  DEFAULT_SETTINGS,
  DIAGNOSTIC_IDENTIFIER,
  EFFECTIVE_CONFIG_REQUEST,
  FIX_ALL_KIND,
  RULE_DOC_REQUEST,
  SCAN_WORKSPACE_REQUEST,
  STATUS_NOTIFICATION,
  type EffectiveConfigResult,
  type ScanWorkspaceResult,
  type Settings,
  type StatusParams,
} from './protocol';
import { applySettings, parseSettings } from './settings';
import { configureAdvisories, fetchPendingAdvisories, onAdvisoriesChanged, pendingAdvisoryQueries } from '../advisories';

/** How long a workspace diagnostic request is held open while nothing changes. */
const HOLD_MS = 120_000;
/** Files analysed between two yields to the event loop (so cancellations and edits get through). */
const YIELD_EVERY = 16;
/** Workspace reports per partial result. */
const CHUNK = 50;

interface OpenDoc {
  uri: string;
  key: string;
  languageId: string;
  doc: TextDocument;
  /** The text the engine sees (the buffer, or in onSave mode the text when last opened/saved). */
  overlayText: string;
}

interface CacheEntry {
  generation: number;
  resultId: string;
  /** Number of findings. */
  count: number;
  /**
   * The analysis and its diagnostics. Kept for open documents only: for the others (a workspace
   * scan's thousands of files) the result id is enough to answer "unchanged"; when a full report
   * is needed again, the file is analysed again.
   */
  result?: LintResult;
  diagnostics?: Diagnostic[];
}

type FullEntry = Required<CacheEntry>;

/** The engine, with the editor settings applied to each configuration it loads. */
class ServerEngine extends Engine {
  private readonly adjusted = new WeakSet<LoadedConfig>();
  adjust?: (loaded: LoadedConfig, root: string) => void;

  override loadedConfig(root: string | undefined): LoadedConfig {
    const loaded = super.loadedConfig(root);
    if (!this.adjusted.has(loaded)) {
      this.adjusted.add(loaded);
      this.adjust?.(loaded, root ?? this.roots[0] ?? '');
    }
    return loaded;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isPosition(p: unknown): p is Position {
  return isObject(p) && Number.isInteger(p.line) && Number.isInteger(p.character) && (p.line as number) >= 0 && (p.character as number) >= 0;
}
function isRange(r: unknown): r is Range {
  return isObject(r) && isPosition(r.start) && isPosition(r.end);
}
function uriParam(params: unknown): string | undefined {
  if (!isObject(params) || !isObject(params.textDocument)) return undefined;
  const uri = params.textDocument.uri;
  return typeof uri === 'string' ? uri : undefined;
}

class InvalidParams extends Error {}

/** Result id of a report without diagnostics for a file not analysed (disabled, excluded, gone). */
const EMPTY_RESULT_ID = 'none';
/** Result ids of this process never match another server's. */
const RESULT_ID_PREFIX = randomBytes(6).toString('base64url');

/** Deep equality of JSON-like values (diagnostics), stopping at the first difference. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/**
 * A digest of diagnostics: of every field a client sees, except those that follow from these (the
 * rule page from the code, the source). Cheaper than hashing their JSON, which repeats rule-page URIs.
 */
function digestOf(diagnostics: Diagnostic[]): string {
  let s = '';
  for (const d of diagnostics) {
    s += `${d.severity}\0${d.code}\0${rangeKey(d.range)}\0${d.message}\0${JSON.stringify(d.data)}`;
    for (const r of d.relatedInformation ?? []) s += `\x01${r.location.uri}\0${rangeKey(r.location.range)}\0${r.message}`;
    s += '\x02';
  }
  return createHash('sha1').update(s).digest('base64');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class DeployGuardServer {
  private features!: ClientFeatures;
  private folders: string[] = [];
  /** Roots added for files opened without a workspace folder (single-file mode). */
  private extraRoots: string[] = [];
  private ws!: ConfiguredWorkspace;
  private engine!: ServerEngine;
  private readonly docs = new Map<string, OpenDoc>();
  private readonly uriByKey = new Map<string, string>();
  private settings: Settings = { ...DEFAULT_SETTINGS };
  private pushedSettings: unknown;
  private ready: Promise<void> = Promise.resolve();
  private generation = 0;
  private readonly cache = new Map<string, CacheEntry>();
  /**
   * The last report of each file and its result id (kept while the cache is bumped): its
   * diagnostics while the document is open, else their digest.
   */
  private readonly lastReports = new Map<string, { resultId: string; diagnostics?: Diagnostic[]; digest?: string }>();
  private resultIds = 0;
  /** Findings per file, for the status notification. */
  private readonly counts = new Map<string, number>();
  /** Push mode: result id last published per URI. */
  private readonly published = new Map<string, string>();
  private discovered: string[] | undefined;
  private lastChangeAt = 0;
  private readonly waiters = new Set<(why: 'changed' | 'cancelled') => void>();
  private readonly loggedLines = new Set<string>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private publishTimer: NodeJS.Timeout | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  private scanning = 0;
  private lastStatus = '';
  private shuttingDown = false;
  private initializedOnce = false;

  constructor(
    private readonly connection: Connection,
    private readonly kinds: Kind[],
  ) {}

  // ---- logging and guards ---------------------------------------------------------------------

  log(message: string): void {
    try {
      this.connection.console.log(message);
    } catch {
      // The connection is gone: nothing to tell.
    }
  }

  private warn(message: string): void {
    try {
      this.connection.console.warn(message);
    } catch {
      // ignore
    }
  }

  /** Wraps a request handler: InvalidParams and unexpected errors become error responses. */
  private request<P, R>(name: string, handler: (params: P, token: CancellationToken, ...rest: any[]) => R | Promise<R>) {
    // The result is typed loosely: each LSP handler type wants its own ResponseError data type.
    return async (params: P, token: CancellationToken, ...rest: any[]): Promise<any> => {
      try {
        return await handler(params, token, ...rest);
      } catch (e) {
        if (e instanceof InvalidParams) {
          this.log(`${name}: invalid params: ${e.message}`);
          return new ResponseError(ErrorCodes.InvalidParams, `${name}: ${e.message}`);
        }
        if (e instanceof ResponseError) return e as ResponseError<void>;
        this.warn(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
        return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${(e as Error)?.message ?? String(e)}`);
      }
    };
  }

  /** Wraps a notification handler: nothing escapes, malformed params are logged. */
  private notification<P>(name: string, handler: (params: P) => void | Promise<void>) {
    return (params: P): void => {
      const report = (e: unknown) => {
        if (e instanceof InvalidParams) this.log(`${name}: ignored, invalid params: ${e.message}`);
        else this.warn(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
      };
      try {
        const r = handler(params);
        if (r instanceof Promise) r.catch(report);
      } catch (e) {
        report(e);
      }
    };
  }

  // ---- set-up ---------------------------------------------------------------------------------

  listen(): void {
    const c = this.connection;
    c.onInitialize(this.request('initialize', (p: InitializeParams) => this.initialize(p)));
    c.onInitialized(this.notification('initialized', () => this.initialized()));
    c.onShutdown(() => {
      this.shuttingDown = true;
      for (const w of [...this.waiters]) w('cancelled');
    });
    c.onDidOpenTextDocument(this.notification('textDocument/didOpen', (p) => this.didOpen(p)));
    c.onDidChangeTextDocument(this.notification('textDocument/didChange', (p) => this.didChange(p)));
    c.onDidSaveTextDocument(this.notification('textDocument/didSave', (p) => this.didSave(p)));
    c.onDidCloseTextDocument(this.notification('textDocument/didClose', (p) => this.didClose(p)));
    c.onDidChangeWatchedFiles(this.notification('workspace/didChangeWatchedFiles', (p) => this.didChangeWatchedFiles(p)));
    c.onDidChangeConfiguration(this.notification('workspace/didChangeConfiguration', (p) => this.didChangeConfiguration(p)));
    c.languages.diagnostics.on(this.request('textDocument/diagnostic', (p, t) => this.documentDiagnostic(p, t)));
    c.languages.diagnostics.onWorkspace(this.request('workspace/diagnostic', (p, t, w, r) => this.workspaceDiagnostic(p, t, w, r)));
    c.onCodeAction(this.request('textDocument/codeAction', (p) => this.codeAction(p)));
    c.onHover(this.request('textDocument/hover', (p) => this.hover(p)));
    c.onRequest(SCAN_WORKSPACE_REQUEST, this.request(SCAN_WORKSPACE_REQUEST, (p: unknown, t: CancellationToken) => this.scanWorkspace(p, t)));
    c.onRequest(EFFECTIVE_CONFIG_REQUEST, this.request(EFFECTIVE_CONFIG_REQUEST, (p: unknown) => this.effectiveConfig(p)));
    c.onRequest(RULE_DOC_REQUEST, this.request(RULE_DOC_REQUEST, (p: unknown) => this.ruleDoc(p)));
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    if (!isObject(params)) throw new InvalidParams('initialize needs an object');
    // Initialize comes once (LSP). A second one would reset the folders, the client's features and
    // the process watchdog (a dead processId stops the server): refused before the library sees it.
    this.connection.onRequest('initialize', () => new ResponseError(ErrorCodes.InvalidRequest, 'the server is already initialized'));
    this.features = clientFeatures(isObject(params.capabilities) ? params.capabilities : undefined);
    const folders: string[] = [];
    if (Array.isArray(params.workspaceFolders)) {
      for (const f of params.workspaceFolders) {
        const key = isObject(f) && typeof f.uri === 'string' ? keyOfUri(f.uri) : undefined;
        if (key && path.isAbsolute(key)) folders.push(key);
      }
    } else if (typeof params.rootUri === 'string') {
      const key = keyOfUri(params.rootUri);
      if (key && path.isAbsolute(key)) folders.push(key);
    } else if (typeof params.rootPath === 'string' && path.isAbsolute(params.rootPath)) {
      folders.push(path.normalize(params.rootPath));
    }
    this.folders = folders;
    const init = isObject(params.initializationOptions) ? params.initializationOptions : {};
    if (init.settings !== undefined) {
      const problems: string[] = [];
      this.settings = parseSettings(init.settings, problems);
      problems.forEach((p) => this.log(p));
    }
    // Advisory sources come from each project's config (with the editor settings filled in); the
    // host only says where online answers are cached. New answers re-lint what depends on them.
    configureAdvisories({
      cacheDir: (typeof init.cacheDir === 'string' && init.cacheDir) || process.env.DEPLOYGUARD_CACHE_DIR || undefined,
      apiUrl: process.env.DEPLOYGUARD_OSV_API || undefined,
      log: (m) => this.log(m),
    });
    onAdvisoriesChanged(() => {
      this.engine.invalidate();
      this.bump();
      this.afterChange(true);
    });
    this.rebuild();
    this.log(`DeployGuard ${pkg.version} (node ${process.version}): ${this.folders.length ? this.folders.join(', ') : 'no workspace folder'}; diagnostics ${this.features.pull ? 'pulled' : 'pushed'}`);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: this.features.pull
          ? { identifier: DIAGNOSTIC_IDENTIFIER, interFileDependencies: true, workspaceDiagnostics: true, workDoneProgress: true }
          : undefined,
        codeActionProvider: this.features.codeActionLiterals ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false } : true,
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'DeployGuard', version: pkg.version },
    };
  }

  private async initialized(): Promise<void> {
    // Once: a repeated `initialized` would register the watchers and handlers a second time.
    if (this.initializedOnce) return;
    this.initializedOnce = true;
    // Requests wait for the settings (read first, before any other exchange with the client: a pull
    // arriving while the watchers are being registered must not run with the defaults).
    if (this.features.configuration) this.ready = this.loadSettings();
    if (this.features.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders(
        this.notification('workspace/didChangeWorkspaceFolders', (e: unknown) => {
          if (!isObject(e)) throw new InvalidParams('event expected');
          const keys = (list: unknown) =>
            (Array.isArray(list) ? list : []).map((f: unknown) => (isObject(f) && typeof f.uri === 'string' ? keyOfUri(f.uri) : undefined)).filter((k): k is string => !!k);
          const remove = new Set(keys(e.removed));
          const add = keys(e.added).filter((k) => path.isAbsolute(k));
          if (remove.size === 0 && add.length === 0) return;
          this.folders = [...this.folders.filter((f) => !remove.has(f)), ...add.filter((a) => !this.folders.includes(a))];
          this.rebuild();
          this.scheduleRefresh();
        }),
      );
    }
    if (this.features.watchedFilesDynamic) {
      await this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] })
        .catch((e) => this.log(`could not register file watchers: ${String(e)}`));
    }
    if (this.features.configuration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'deployguard' }).catch(() => undefined);
      await this.ready;
    }
  }

  /** (Re)creates the workspace view and the engine for the current roots, keeping open buffers. */
  private rebuild(): void {
    const roots = [...this.folders, ...this.extraRoots];
    const ws = new ConfiguredWorkspace(roots);
    for (const d of this.docs.values()) ws.setOverlay(d.key, d.overlayText, d.doc.version);
    const engine = new ServerEngine(ws, ws.roots, this.kinds, { log: (m) => this.warn(m) });
    engine.adjust = (loaded, root) => this.adjustConfig(loaded, root);
    ws.limitFor = (file) => (engine.rootOf(file) ? engine.configFor(file).maxFileSize : undefined);
    this.ws = ws;
    this.engine = engine;
    this.discovered = undefined;
    this.cache.clear();
    this.bump();
  }

  private adjustConfig(loaded: LoadedConfig, root: string): void {
    let text: string | undefined;
    if (root) {
      const r = this.ws.read(path.join(root, CONFIG_FILE_NAME));
      if (r.ok) text = r.text;
    }
    for (const line of applySettings(loaded, this.settings, root, text)) {
      if (this.loggedLines.has(line)) continue;
      this.loggedLines.add(line);
      this.log(line);
    }
  }

  private async loadSettings(): Promise<void> {
    let raw: unknown = this.pushedSettings;
    if (this.features.configuration) {
      try {
        raw = await this.connection.workspace.getConfiguration({ section: 'deployguard' });
      } catch (e) {
        this.log(`could not read the deployguard settings: ${String(e)}`);
        return;
      }
    }
    if (raw === undefined) return;
    const problems: string[] = [];
    const next = parseSettings(raw, problems);
    problems.forEach((p) => this.log(p));
    if (JSON.stringify(next) === JSON.stringify(this.settings)) return;
    const runChanged = next.run !== this.settings.run;
    this.settings = next;
    this.loggedLines.clear();
    if (runChanged) {
      // The engine sees the buffers again (onType) or the saved texts (onSave: the buffers as they are now).
      for (const d of this.docs.values()) {
        d.overlayText = d.doc.getText();
        this.ws.setOverlay(d.key, d.overlayText, d.doc.version);
      }
    }
    this.engine.invalidate();
    this.discovered = undefined;
    this.bump();
    this.afterChange(true);
  }

  private didChangeConfiguration(params: unknown): Promise<void> {
    if (isObject(params) && isObject(params.settings) && params.settings.deployguard !== undefined) this.pushedSettings = params.settings.deployguard;
    this.ready = this.loadSettings();
    return this.ready;
  }

  // ---- documents ------------------------------------------------------------------------------

  private didOpen(params: unknown): void {
    const td = isObject(params) ? params.textDocument : undefined;
    if (!isObject(td) || typeof td.uri !== 'string' || typeof td.text !== 'string') throw new InvalidParams('textDocument with uri and text expected');
    const key = keyOfUri(td.uri);
    if (!key) throw new InvalidParams(`not a URI: ${td.uri}`);
    const languageId = typeof td.languageId === 'string' ? td.languageId : '';
    const version = typeof td.version === 'number' ? td.version : 0;
    const doc = TextDocument.create(td.uri, languageId, version, td.text);
    this.docs.set(td.uri, { uri: td.uri, key, languageId, doc, overlayText: td.text });
    this.uriByKey.set(key, td.uri);
    this.ws.setOverlay(key, td.text, version);
    if (this.folders.length === 0 && path.isAbsolute(key)) {
      const root = projectRootOf(key);
      if (!this.extraRoots.includes(root)) {
        this.extraRoots.push(root);
        this.rebuild();
      }
    }
    this.changed(key, 'openClose');
  }

  private didChange(params: unknown): void {
    const uri = uriParam(params);
    if (!uri || !isObject(params) || !Array.isArray(params.contentChanges)) throw new InvalidParams('textDocument and contentChanges expected');
    const d = this.docs.get(uri);
    if (!d) throw new InvalidParams(`${uri} is not open`);
    const changes = params.contentChanges as unknown[];
    for (const c of changes) {
      if (!isObject(c) || typeof c.text !== 'string' || (c.range !== undefined && !isRange(c.range))) throw new InvalidParams('malformed content change');
    }
    const version = isObject(params.textDocument) && typeof params.textDocument.version === 'number' ? params.textDocument.version : d.doc.version + 1;
    d.doc = TextDocument.update(d.doc, changes as TextDocumentContentChangeEvent[], version);
    if (this.settings.run === 'onType') {
      d.overlayText = d.doc.getText();
      this.ws.setOverlay(d.key, d.overlayText, version);
      this.changed(d.key, 'typing');
    }
  }

  private didSave(params: unknown): void {
    const uri = uriParam(params);
    if (!uri) throw new InvalidParams('textDocument expected');
    const d = this.docs.get(uri);
    if (!d) return;
    if (this.settings.run === 'onSave') {
      d.overlayText = d.doc.getText();
      this.ws.setOverlay(d.key, d.overlayText, d.doc.version);
      this.changed(d.key, 'saved');
    }
  }

  private didClose(params: unknown): void {
    const uri = uriParam(params);
    if (!uri) throw new InvalidParams('textDocument expected');
    const d = this.docs.get(uri);
    if (!d) return;
    this.docs.delete(uri);
    // Another URI of the same file (`/./`, an encoded character, a drive letter's case) may still be
    // open: its buffer is the file's text again, not the disk's.
    const other = [...this.docs.values()].find((o) => o.key === d.key);
    if (other) {
      this.uriByKey.set(d.key, other.uri);
      this.ws.setOverlay(d.key, other.overlayText, other.doc.version);
    } else {
      this.uriByKey.delete(d.key);
      this.ws.deleteOverlay(d.key);
      if (!path.isAbsolute(d.key)) {
        // An untitled buffer is gone for good.
        this.cache.delete(d.key);
        this.lastReports.delete(d.key);
        this.counts.delete(d.key);
        this.scheduleStatus();
      }
    }
    if (!this.features.pull && this.published.has(uri)) {
      this.published.delete(uri);
      this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    this.changed(d.key, 'openClose');
  }

  private didChangeWatchedFiles(params: unknown): void {
    if (!isObject(params) || !Array.isArray(params.changes)) throw new InvalidParams('changes expected');
    let any = false;
    let all = false;
    const stale = new Set<string>();
    for (const ch of params.changes as unknown[]) {
      if (!isObject(ch) || typeof ch.uri !== 'string') continue;
      const key = keyOfUri(ch.uri);
      if (!key || !path.isAbsolute(key)) continue;
      if (key.split(path.sep).some((seg) => SKIPPED_DIRS.has(seg))) continue;
      any = true;
      const change = ch.type === FileChangeType.Changed ? 'content' : 'any';
      stale.add(key);
      for (const d of this.engine.dependentsOf(key, change)) stale.add(d);
      if (ch.type === FileChangeType.Created || ch.type === FileChangeType.Deleted) this.discovered = undefined;
      if (ch.type === FileChangeType.Deleted && !this.uriByKey.has(key)) {
        this.cache.delete(key);
        this.lastReports.delete(key);
        this.counts.delete(key);
      }
      if (path.basename(key) === CONFIG_FILE_NAME) {
        this.loggedLines.clear();
        this.discovered = undefined;
        all = true;
      }
      this.engine.invalidate(key, change);
    }
    if (!any) return;
    // Only the changed files and what was computed from them are analysed again.
    this.bump(all ? undefined : [...stale]);
    this.afterChange(true);
  }

  /**
   * A file's text changed (typed or saved), or a buffer opened or closed: drop what depended on it
   * and tell the client: only the file and the files computed from it (for an opened or closed
   * buffer, also from its folder's listing) are analysed again; a configuration file, everything.
   */
  private changed(key: string, how: 'typing' | 'saved' | 'openClose'): void {
    // Opening or closing a buffer of a file on disk changes at most its text; an unsaved new
    // buffer appears in (or leaves) its folder's listing.
    const change = how === 'openClose' && !(path.isAbsolute(key) && fs.existsSync(key)) ? 'any' : 'content';
    const dependents = this.engine.dependentsOf(key, change);
    const isConfig = this.engine.isConfigFile(key);
    this.engine.invalidate(key, change);
    if (isConfig) {
      this.loggedLines.clear();
      this.discovered = undefined;
    }
    if (how === 'typing') this.lastChangeAt = Date.now();
    // Opening or closing a buffer can change the URI a file's related locations point to.
    if (how === 'openClose') this.diagnostics = new WeakMap();
    // Opening or closing may change the URI related locations use, or a folder's listing (a new
    // unsaved file): those are the file's dependents too.
    if (isConfig) this.bump();
    else this.bump([key, ...dependents]);
    this.afterChange(dependents.length > 0 || isConfig);
  }

  /** Pull: ask for a refresh when other files are affected. Push: republish. */
  private afterChange(others: boolean): void {
    if (this.features.pull) {
      if (others) this.scheduleRefresh();
    } else {
      this.schedulePublish();
    }
  }

  /** Marks analysis results stale (those of `keys`, or all) and wakes held workspace requests. */
  private bump(keys?: string[]): void {
    if (keys) for (const k of keys) this.cache.delete(k);
    else this.generation++;
    for (const w of [...this.waiters]) w('changed');
  }

  private scheduleRefresh(): void {
    if (!this.features.pull) return this.schedulePublish();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      if (this.features.refresh && !this.shuttingDown) {
        this.connection.languages.diagnostics.refresh().catch((e) => this.log(`diagnostic refresh failed: ${String(e)}`));
      }
    }, 50);
  }

  private schedulePublish(): void {
    if (this.features.pull) return;
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = setTimeout(() => {
      this.publishTimer = undefined;
      try {
        this.publishAll();
      } catch (e) {
        this.warn(`publishing diagnostics failed: ${(e as Error)?.stack ?? String(e)}`);
      }
    }, Math.max(20, this.settings.debounce));
  }

  /** Push mode: publish every open buffer and every file published before, where it changed. */
  private publishAll(extra: string[] = []): void {
    if (this.shuttingDown) return;
    const keys = new Set<string>([...[...this.docs.values()].map((d) => d.key), ...extra]);
    for (const uri of this.published.keys()) {
      const key = keyOfUri(uri);
      if (key) keys.add(key);
    }
    for (const key of keys) {
      const uri = this.uriOf(key);
      if (this.published.get(uri) === this.resultIdOf(key)) continue;
      const entry = this.lintFor(key);
      if (entry.diagnostics.length > 0 || this.published.has(uri) || this.uriByKey.has(key)) {
        this.published.set(uri, entry.resultId);
        const open = this.docs.get(uri);
        this.connection.sendDiagnostics({ uri, version: open?.doc.version, diagnostics: entry.diagnostics });
      }
      this.slim(key);
    }
  }

  // ---- analysis -------------------------------------------------------------------------------

  private uriOf(file: string): string {
    return this.uriByKey.get(file) ?? uriOfFile(file);
  }

  private readonly target: EditTarget = {
    uriOf: (file) => this.uriOf(file),
    versionOf: (file) => {
      const uri = this.uriByKey.get(file);
      const d = uri ? this.docs.get(uri) : undefined;
      return d ? d.doc.version : null;
    },
  };

  private isExcluded(key: string): boolean {
    if (this.settings.exclude.length === 0 || !path.isAbsolute(key)) return false;
    const root = this.engine.rootOf(key);
    const rel = root ? relativeTo(root, key) : undefined;
    return rel !== undefined && globsMatch(this.settings.exclude, rel);
  }

  private emptyEntry(why: string): FullEntry {
    return { generation: this.generation, result: { file: '', findings: [], skipped: why }, diagnostics: [], resultId: EMPTY_RESULT_ID, count: 0 };
  }

  /** The current result id of a file, analysing it only when it has none for this generation. */
  private resultIdOf(key: string): string {
    const cached = this.cache.get(key);
    if (cached && cached.generation === this.generation && this.settings.enable && !this.isExcluded(key)) return cached.resultId;
    return this.lintFor(key).resultId;
  }

  /** Forgets the analysis of a file that is not open (its result id stays). */
  private slim(key: string): void {
    const cached = this.cache.get(key);
    if (!cached || this.uriByKey.has(key) || cached.result === undefined) return;
    this.cache.set(key, { generation: cached.generation, resultId: cached.resultId, count: cached.count });
  }

  /** Findings and diagnostics of a file (cached until the next change anywhere). */
  private lintFor(key: string): FullEntry {
    if (!this.settings.enable) return this.emptyEntry('disabled by deployguard.enable');
    if (this.isExcluded(key)) return this.emptyEntry('excluded by deployguard.exclude');
    const cached = this.cache.get(key);
    if (cached && cached.generation === this.generation && cached.result && cached.diagnostics) return cached as FullEntry;
    const uri = this.uriByKey.get(key);
    const languageId = uri ? this.docs.get(uri)?.languageId : undefined;
    const t0 = Date.now();
    const result = this.engine.lintFile(key, languageId);
    if (pendingAdvisoryQueries() > 0) this.fetchAdvisories();
    const diagnostics = result.findings.map((f) => this.diagnosticOf(f));
    const entry: FullEntry = { generation: this.generation, result, diagnostics, resultId: this.resultIdFor(key, diagnostics), count: result.findings.length };
    this.cache.set(key, entry);
    if (this.settings.trace === 'verbose') this.log(`analysed ${key} in ${Date.now() - t0} ms: ${result.findings.length} findings${result.skipped ? ` (${result.skipped})` : ''}`);
    const n = result.findings.length;
    if ((this.counts.get(key) ?? 0) !== n) {
      if (n > 0) this.counts.set(key, n);
      else this.counts.delete(key);
      this.scheduleStatus();
    }
    return entry;
  }

  private fetchingAdvisories = false;
  /** Fetches what analyses asked the OSV API for, one batch at a time; onAdvisoriesChanged re-lints. */
  private fetchAdvisories(): void {
    if (this.fetchingAdvisories) return;
    this.fetchingAdvisories = true;
    void fetchPendingAdvisories()
      .catch((e) => this.log(`advisory look-up failed: ${String(e)}`))
      .finally(() => {
        this.fetchingAdvisories = false;
      });
  }

  /** Diagnostics of the finding objects an analysis kept from the last one (nginx keeps those of unchanged servers). */
  private diagnostics = new WeakMap<Finding, Diagnostic>();

  private diagnosticOf(f: Finding): Diagnostic {
    let d = this.diagnostics.get(f);
    if (!d) {
      d = toDiagnostic(f, this.features, (file) => this.uriOf(file));
      this.diagnostics.set(f, d);
    }
    return d;
  }

  /**
   * The result id of a file's diagnostics: the previous one when they did not change (the client is
   * then told "unchanged"), else a new one. Comparing stops at the first difference, unlike hashing
   * the whole report on every keystroke.
   */
  private resultIdFor(key: string, diagnostics: Diagnostic[]): string {
    const last = this.lastReports.get(key);
    const open = this.uriByKey.has(key);
    const digest = open ? undefined : digestOf(diagnostics);
    if (last && (last.diagnostics ? sameJson(last.diagnostics, diagnostics) : digest !== undefined && last.digest === digest)) {
      if (!open && last.diagnostics) this.lastReports.set(key, { resultId: last.resultId, digest });
      return last.resultId;
    }
    const resultId = `${RESULT_ID_PREFIX}.${++this.resultIds}`;
    this.lastReports.set(key, open ? { diagnostics, resultId } : { digest, resultId });
    return resultId;
  }

  /** Waits until typing has paused for the debounce delay (or the request is cancelled). */
  private async settle(token: CancellationToken): Promise<void> {
    for (;;) {
      const wait = this.lastChangeAt + this.settings.debounce - Date.now();
      if (wait <= 0 || token.isCancellationRequested || this.shuttingDown) return;
      await sleep(Math.min(wait, 50));
    }
  }

  private cancelled(): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  }

  private async documentDiagnostic(params: unknown, token: CancellationToken): Promise<DocumentDiagnosticReport | ResponseError<void>> {
    const uri = uriParam(params);
    if (!uri) throw new InvalidParams('textDocument.uri expected');
    const key = keyOfUri(uri);
    if (!key) throw new InvalidParams(`not a URI: ${uri}`);
    await this.ready;
    await this.settle(token);
    if (token.isCancellationRequested) return this.cancelled();
    const entry = this.lintFor(key);
    const previous = isObject(params) ? params.previousResultId : undefined;
    if (typeof previous === 'string' && previous === entry.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: entry.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: entry.resultId, items: entry.diagnostics };
  }

  /** Every file the workspace diagnostics cover: discovered ones and open buffers inside the roots. */
  private workspaceFiles(token?: CancellationToken): string[] | undefined {
    if (!this.discovered) {
      const r = this.engine.discover({ exclude: this.settings.exclude, isCancelled: () => !!token?.isCancellationRequested });
      if (r.truncated === 'cancelled') return undefined;
      if (r.truncated === 'limit') this.log('workspace discovery stopped at its entry limit: some files are not analysed');
      this.discovered = r.files;
    }
    const files = new Set(this.discovered);
    for (const d of this.docs.values()) {
      if (path.isAbsolute(d.key) && this.engine.rootOf(d.key) && !this.isExcluded(d.key) && this.engine.supports(d.key, d.languageId)) files.add(d.key);
    }
    return [...files];
  }

  /** The client's progress when it gave a token; else, when wanted and supported, one the server creates. */
  private async progressFor(given: WorkDoneProgressReporter | undefined, wanted: boolean): Promise<WorkDoneProgressReporter | undefined> {
    const nullProto = Object.getPrototypeOf(this.connection.window.attachWorkDoneProgress(undefined));
    if (given && Object.getPrototypeOf(given) !== nullProto) return given;
    if (!wanted || !this.features.workDoneProgress) return given;
    try {
      return await this.connection.window.createWorkDoneProgress();
    } catch {
      return given;
    }
  }

  private async workspaceDiagnostic(
    params: unknown,
    token: CancellationToken,
    workDone: WorkDoneProgressReporter | undefined,
    resultProgress: { report(chunk: { items: WorkspaceDocumentDiagnosticReport[] }): void } | undefined,
  ): Promise<WorkspaceDiagnosticReport | ResponseError<void>> {
    if (!isObject(params)) throw new InvalidParams('params expected');
    const previous = new Map<string, string>();
    if (params.previousResultIds !== undefined) {
      if (!Array.isArray(params.previousResultIds)) throw new InvalidParams('previousResultIds must be an array');
      for (const p of params.previousResultIds as unknown[]) {
        if (isObject(p) && typeof p.uri === 'string' && typeof p.value === 'string') previous.set(p.uri, p.value);
      }
    }
    // The library takes partialResultToken out of params and gives a reporter instead.
    const partial = resultProgress !== undefined;
    await this.ready;
    for (;;) {
      if (token.isCancellationRequested || this.shuttingDown) return this.cancelled();
      await this.settle(token);
      const files = this.workspaceFiles(token);
      if (!files) return this.cancelled();
      const fresh = files.filter((f) => this.cache.get(f)?.generation !== this.generation).length;
      const progress = await this.progressFor(workDone, fresh >= 50);
      const big = fresh >= 10;
      if (big) this.setScanning(+1);
      try {
        progress?.begin('DeployGuard', 0, `Analysing ${files.length} files`, true);
        const items: WorkspaceDocumentDiagnosticReport[] = [];
        let chunk: WorkspaceDocumentDiagnosticReport[] = [];
        let full = 0;
        const seen = new Set<string>();
        const emit = (item: WorkspaceDocumentDiagnosticReport) => {
          if (item.kind === DocumentDiagnosticReportKind.Full) full++;
          if (partial) {
            chunk.push(item);
            if (chunk.length >= CHUNK) {
              resultProgress!.report({ items: chunk });
              chunk = [];
            }
          } else items.push(item);
        };
        const pacer = new HeapPacer();
        for (let i = 0; i < files.length; i++) {
          pacer.tick();
          if (i % YIELD_EVERY === YIELD_EVERY - 1) {
            await tick();
            if (token.isCancellationRequested || this.shuttingDown) return this.cancelled();
            if (files.length > 0) progress?.report(Math.round((100 * i) / files.length), `${i}/${files.length} files`);
          }
          const file = files[i];
          const uri = this.uriOf(file);
          seen.add(uri);
          const resultId = this.resultIdOf(file);
          const version = this.docs.get(uri)?.doc.version ?? null;
          if (previous.get(uri) === resultId) emit({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId });
          else {
            const entry = this.lintFor(file);
            emit({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId: entry.resultId, items: entry.diagnostics });
          }
          this.slim(file);
        }
        // Files reported before that are gone (deleted, excluded, or DeployGuard was disabled).
        for (const uri of previous.keys()) {
          if (!seen.has(uri) && !this.docs.has(uri)) emit({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: EMPTY_RESULT_ID, items: [] });
        }
        if (partial && chunk.length > 0) resultProgress!.report({ items: chunk });
        if (full > 0 || previous.size === 0) return { items };
      } finally {
        progress?.done();
        if (big) this.setScanning(-1);
      }
      // Nothing changed since the client's last results: hold the request until something does.
      const why = await this.waitForChange(token, HOLD_MS);
      if (why === 'cancelled') return this.cancelled();
      if (why === 'timeout') return { items: [] };
      await sleep(Math.max(this.settings.debounce, 200));
    }
  }

  private waitForChange(token: CancellationToken, ms: number): Promise<'changed' | 'cancelled' | 'timeout'> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (why: 'changed' | 'cancelled' | 'timeout') => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        sub.dispose();
        resolve(why);
      };
      const waiter = (why: 'changed' | 'cancelled') => finish(why);
      this.waiters.add(waiter);
      const timer = setTimeout(() => finish('timeout'), ms);
      const sub = token.onCancellationRequested(() => finish('cancelled'));
    });
  }

  private async scanWorkspace(params: unknown, token: CancellationToken): Promise<ScanWorkspaceResult> {
    if (params !== undefined && params !== null && !isObject(params)) throw new InvalidParams('params must be an object');
    await this.ready;
    const given = isObject(params) && (typeof params.workDoneToken === 'string' || typeof params.workDoneToken === 'number')
      ? this.connection.window.attachWorkDoneProgress(params.workDoneToken)
      : undefined;
    const progress = await this.progressFor(given, true);
    this.setScanning(+1);
    let files = 0;
    let findings = 0;
    let cancelled = false;
    const progressCancelled = () => !!(progress as { token?: CancellationToken } | undefined)?.token?.isCancellationRequested;
    try {
      progress?.begin('DeployGuard: scanning the workspace', 0, 'Finding files', true);
      // Re-read everything from disk: files may have changed without the client telling.
      this.engine.invalidate();
      this.discovered = undefined;
      this.bump();
      let list = this.workspaceFiles(token);
      if (!list) {
        cancelled = true;
        list = [];
      }
      const pacer = new HeapPacer();
      for (let i = 0; i < list.length; i++) {
        pacer.tick();
        if (i % YIELD_EVERY === 0) {
          await tick();
          progress?.report(list.length ? Math.round((100 * i) / list.length) : 100, `${i}/${list.length} files`);
        }
        if (token.isCancellationRequested || progressCancelled() || this.shuttingDown) {
          cancelled = true;
          break;
        }
        findings += this.lintFor(list[i]).count;
        this.slim(list[i]);
        files++;
      }
    } finally {
      progress?.done();
      this.setScanning(-1);
    }
    if (this.features.pull) this.scheduleRefresh();
    else this.publishAll([...this.cache.keys()]);
    return { files, findings, cancelled };
  }

  // ---- status ---------------------------------------------------------------------------------

  private setScanning(delta: number): void {
    this.scanning = Math.max(0, this.scanning + delta);
    this.sendStatus();
  }

  private scheduleStatus(): void {
    if (this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      this.sendStatus();
    }, 100);
  }

  private sendStatus(): void {
    if (this.shuttingDown) return;
    let findings = 0;
    for (const n of this.counts.values()) findings += n;
    const status: StatusParams = { state: this.scanning > 0 ? 'scanning' : 'idle', findings, files: this.counts.size };
    const key = JSON.stringify(status);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.connection.sendNotification(STATUS_NOTIFICATION, status).catch(() => undefined);
  }

  // ---- code actions, hover, custom requests ---------------------------------------------------

  private async codeAction(params: unknown) {
    const uri = uriParam(params);
    if (!uri || !isObject(params) || !isRange(params.range)) throw new InvalidParams('textDocument and range expected');
    const context = isObject(params.context) ? params.context : {};
    const diagnostics = Array.isArray(context.diagnostics) ? (context.diagnostics as Diagnostic[]) : [];
    const only = Array.isArray(context.only) ? (context.only as unknown[]).filter((k): k is string => typeof k === 'string') : undefined;
    const key = keyOfUri(uri);
    if (!key) throw new InvalidParams(`not a URI: ${uri}`);
    await this.ready;
    const open = this.docs.get(uri);
    let text: string;
    if (open) {
      text = open.doc.getText();
      // onSave mode with unsaved edits: the findings are for another text, so no edit is safe.
      if (text !== open.overlayText) return [];
    } else {
      const r = this.ws.read(key);
      if (!r.ok) return [];
      text = r.text;
    }
    const entry = this.lintFor(key);
    const kind = this.kinds.find((k) => k.id === entry.result.kind);
    let comments: ReturnType<Kind['comments']> = [];
    try {
      comments = kind ? kind.comments(text) : [];
    } catch {
      comments = [];
    }
    return codeActions({
      file: key,
      text,
      kind: kind?.id,
      comments,
      findings: entry.result.findings,
      range: params.range,
      only,
      diagnostics,
      features: this.features,
      target: this.target,
    });
  }

  private async hover(params: unknown) {
    const uri = uriParam(params);
    if (!uri || !isObject(params) || !isPosition(params.position)) throw new InvalidParams('textDocument and position expected');
    const key = keyOfUri(uri);
    if (!key) throw new InvalidParams(`not a URI: ${uri}`);
    await this.ready;
    const entry = this.lintFor(key);
    return hoverFor(entry.result.findings, params.position, (id) => this.engine.rule(id), this.features.hoverMarkdown);
  }

  private effectiveConfig(params: unknown): EffectiveConfigResult {
    if (params !== undefined && params !== null && !isObject(params)) throw new InvalidParams('params must be an object');
    const uri = isObject(params) ? params.uri : undefined;
    if (uri !== undefined && typeof uri !== 'string') throw new InvalidParams('uri must be a string');
    let root: string | undefined;
    if (typeof uri === 'string') {
      const key = keyOfUri(uri);
      if (!key) throw new InvalidParams(`not a URI: ${uri}`);
      root = this.engine.rootOf(key) ?? (this.engine.roots.includes(key) ? key : undefined);
    }
    root ??= this.engine.roots[0];
    if (!root) return null;
    // Read again rather than taking the engine's: that one has the editor settings applied.
    const file = path.join(root, CONFIG_FILE_NAME);
    const read = this.ws.read(file);
    const known = new Set(this.engine.rules.map((r) => r.id));
    return configToJson(read.ok ? parseConfig(read.text, root, file, known).config : defaultConfig(root));
  }

  private ruleDoc(params: unknown): string | null {
    if (!isObject(params)) throw new InvalidParams('{ id } expected');
    const id = normaliseRuleId(params.id);
    if (!id) return null;
    return ruleDocMarkdown(id) ?? null;
  }
}

/** A ProjectConfig as the JSON of a .deployguard.json (valid against its schema). */
export function configToJson(c: ProjectConfig): Record<string, unknown> {
  const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return {
    rules: { ...c.rules },
    ignore: [...c.ignore],
    overrides: c.overrides.map((o) => ({ files: [...o.files], rules: { ...o.rules } })),
    maxFileSize: c.maxFileSize,
    openssh: defined({ version: c.openssh.version, configRoot: c.openssh.configRoot }),
    nginx: defined({ version: c.nginx.version, prefix: c.nginx.prefix }),
    django: defined({ version: c.django.version, productionSettings: c.django.productionSettings }),
    docker: defined({ target: c.docker.target }),
    requirements: defined({ advisories: c.requirements.advisories, onlineAdvisories: c.requirements.onlineAdvisories }),
  };
}

export function startServer(connection: Connection, kinds: Kind[]): DeployGuardServer {
  const server = new DeployGuardServer(connection, kinds);
  // Last resort: a bug in a callback outside the guarded handlers is logged, not fatal.
  process.on('uncaughtException', (e) => server.log(`internal error: ${e?.stack ?? String(e)}`));
  process.on('unhandledRejection', (e) => server.log(`internal error: ${(e as Error)?.stack ?? String(e)}`));
  server.listen();
  return server;
}
