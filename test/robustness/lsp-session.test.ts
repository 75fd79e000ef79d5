// The server survives a hostile session (issue 9, item 2). One editor session against the bundled
// server (dist/server.js over stdio), driven by a seeded PRNG: thousands of random incremental edits
// across documents of every registered kind (sshd main file and drop-in, and for each other kind a
// fixture file with findings, plus an untitled buffer), interleaved with edits carrying out-of-order
// versions, changes for closed and never-opened documents, requests for closed documents, pulls
// cancelled in flight ($/cancelRequest), malformed params (missing fields, wrong types, garbage
// URIs, ranges out of bounds, negative positions), unknown methods, duplicate opens, huge single-line
// edits and NUL bytes. Checked:
//  - every request gets an answer (a result, or an error with an expected code: never InternalError,
//    never silence), the process never exits, and the log shows no internal error;
//  - at a checkpoint halfway and at the end, every document's pulled diagnostics equal those a fresh
//    server reports when it opens only the final texts.
// A change that the protocol leaves ambiguous (a range out of bounds, negative positions, a second
// didOpen) is followed by a full-text resync, since clamping and refusing are both fair answers.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError, type Diagnostic, type Range, type TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine, MemoryWorkspace } from '../../server/src/engine';
import { KINDS } from '../../server/src/kinds';
import { TestClient, uriOf } from '../protocol/client';
import { DROPIN, DROPIN_TEXT, MAIN, MAIN_TEXT, makeWorkspace, removeWorkspace } from '../protocol/fixtures';
import { GRAMMAR_PIECES, kindFixtures } from './fuzz-lib';

const STEPS = Number(process.env.DEPLOYGUARD_SESSION_STEPS ?? 4000);
const SEED = Number(process.env.DEPLOYGUARD_SESSION_SEED ?? 20261130);
/** Error codes a hostile request may get. InternalError (a handler threw) is never one of them. */
const EXPECTED_ERRORS = new Set<number>([ErrorCodes.InvalidParams, ErrorCodes.InvalidRequest, ErrorCodes.MethodNotFound, LSPErrorCodes.RequestCancelled, LSPErrorCodes.ServerCancelled, LSPErrorCodes.ContentModified]);

/** mulberry32: a small seeded PRNG, so a failing session can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
  };
}
type Rnd = ReturnType<typeof prng>;

interface DocInfo {
  uri: string;
  languageId: string;
  /** The client's copy of the text (what the server must end up with). */
  doc: TextDocument;
  open: boolean;
  lastResultId?: string;
  lastDiagnostics: Diagnostic[];
}

/**
 * The workspace files and the documents to edit: the sshd main file and drop-in of the protocol
 * tests, and for each other registered kind the fixture file (at most 8 KB, parsing cleanly) with
 * the most findings, copied with the rest of its fixture case folder under `<kind>/`.
 */
function sessionFiles(): { files: Record<string, string>; docs: { rel: string; languageId: string }[]; untitled: { languageId: string; text: string } } {
  const files: Record<string, string> = {};
  const docs: { rel: string; languageId: string }[] = [];
  let untitled: { languageId: string; text: string } | undefined;
  for (const kind of KINDS) {
    const languageId = kind.languageIds[0] ?? 'plaintext';
    if (kind.id === 'sshd') {
      files[MAIN] = MAIN_TEXT;
      files[DROPIN] = DROPIN_TEXT;
      docs.push({ rel: MAIN, languageId }, { rel: DROPIN, languageId });
      continue;
    }
    const fixtures = kindFixtures(kind);
    const ws = new MemoryWorkspace(Object.fromEntries(Object.entries(fixtures).map(([r, t]) => [`/ws/${r}`, t])), ['/ws']);
    const engine = new Engine(ws, ['/ws'], KINDS);
    const scored = Object.keys(fixtures)
      .filter((r) => fixtures[r].length <= 8192 && engine.kindFor(`/ws/${r}`) === kind)
      .map((r) => ({ r, findings: engine.lintFile(`/ws/${r}`).findings }))
      .filter((x) => !x.findings.some((f) => /^[A-Z]{3}000$/.test(f.ruleId)))
      .sort((a, b) => b.findings.length - a.findings.length || (a.r < b.r ? -1 : 1));
    if (scored.length === 0) continue;
    const chosen = scored[0].r;
    const caseDir = chosen.includes('/') ? chosen.slice(0, chosen.indexOf('/') + 1) : chosen;
    for (const [r, t] of Object.entries(fixtures)) if (r === chosen || (caseDir.endsWith('/') && r.startsWith(caseDir))) files[`${kind.id}/${r}`] = t;
    docs.push({ rel: `${kind.id}/${chosen}`, languageId });
    untitled ??= { languageId, text: fixtures[chosen] };
  }
  return { files, docs, untitled: untitled ?? { languageId: 'plaintext', text: '' } };
}

const WORDS = ['PermitRootLogin', 'yes', 'no', 'server', 'listen', 'DEBUG', 'True', 'FROM', 'RUN', 'USER', 'root', 'django==1.0', 'ssl_protocols', 'TLSv1', 'Match', 'include', 'http', 'SECRET_KEY', 'add_header', 'location'];

/** A replacement text: grammar pieces, words, copies of the document's own text, NULs, rarely a huge line. */
function randomText(rnd: Rnd, current: string): string {
  const r = rnd.next();
  if (r < 0.45) return rnd.pick(GRAMMAR_PIECES);
  if (r < 0.65) {
    const at = rnd.int(current.length + 1);
    return current.slice(at, at + rnd.int(80));
  }
  if (r < 0.8) return rnd.pick(WORDS) + (rnd.chance(0.5) ? ' ' : '');
  if (r < 0.87) return `\n${rnd.pick(WORDS)} ${rnd.pick(WORDS)}${rnd.chance(0.3) ? ';' : ''}`;
  if (r < 0.9) return '\0'.repeat(1 + rnd.int(3));
  if (r < 0.9035) return 'x'.repeat(100_000 + rnd.int(200_000)); // a huge single line
  return '';
}

/** One content change against `doc` (a random range, or rarely the whole text). */
function randomChange(rnd: Rnd, doc: TextDocument): { range?: Range; text: string } {
  const text = doc.getText();
  if (rnd.chance(0.03)) {
    const at = rnd.int(text.length + 1);
    return { text: text.slice(0, at) + randomText(rnd, text) + text.slice(at + rnd.int(20)) };
  }
  // Documents that grew past 400 KB (huge lines) mostly shrink again.
  const start = rnd.int(text.length + 1);
  const maxDelete = text.length > 400_000 && rnd.chance(0.5) ? 400_000 : 40;
  const end = Math.min(text.length, start + (rnd.chance(0.5) ? 0 : rnd.int(maxDelete + 1)));
  return { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: randomText(rnd, text) };
}

const GARBAGE_URIS: unknown[] = ['', 'not a uri', 'file://', 'file:///', 'http://example.com/x.conf', 'untitled:', '::::', 'file:///%', 'file:///does/not/exist/sshd_config', 42, null, {}, ['file:///x']];
const BAD_RANGES: unknown[] = [
  { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } },
  { start: { line: 0, character: -5 }, end: { line: 0, character: 2 } },
  { start: { line: 1e6, character: 0 }, end: { line: 1e6, character: 10 } },
  { start: { line: 0, character: 1e6 }, end: { line: 0, character: 1e6 + 1 } },
  { start: { line: 3, character: 0 }, end: { line: 1, character: 0 } },
  { start: { line: '0', character: 0 }, end: { line: 0, character: 0 } },
  { start: { line: 0.5, character: 0 }, end: { line: 0, character: 0 } },
  { start: null, end: null },
  'everything',
];

class HostileSession {
  readonly docs: DocInfo[] = [];
  readonly problems: string[] = [];
  private pending: Promise<void>[] = [];
  requests = 0;
  notifications = 0;

  constructor(
    readonly client: TestClient,
    readonly root: string,
    readonly rnd: Rnd,
  ) {}

  async notify(method: string, params: unknown): Promise<void> {
    this.notifications++;
    await this.client.conn.sendNotification(method, params);
  }

  /** Sends a request without waiting; its answer is checked when the session settles. */
  request(what: string, method: string, params: unknown, token?: CancellationTokenSource, check?: (r: any) => void): void {
    this.requests++;
    const sent = token ? this.client.conn.sendRequest(method, params, token.token) : this.client.conn.sendRequest(method, params);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within 30 s`)), 30_000)));
    this.pending.push(
      this.client.alive(Promise.race([sent, timeout])).then(
        (r) => {
          clearTimeout(timer);
          try {
            check?.(r);
          } catch (e) {
            this.problems.push(`${what}: ${(e as Error).message}`);
          }
        },
        (e) => {
          clearTimeout(timer);
          if (e instanceof ResponseError && EXPECTED_ERRORS.has(e.code)) return;
          this.problems.push(`${what}: ${e instanceof ResponseError ? `error ${e.code} ${e.message}` : String(e?.message ?? e)}`);
        },
      ),
    );
  }

  /** Waits for every request sent so far. */
  async settle(): Promise<void> {
    const all = this.pending;
    this.pending = [];
    await Promise.all(all);
  }

  async open(d: DocInfo, text: string): Promise<void> {
    d.doc = TextDocument.create(d.uri, d.languageId, d.doc.version + 1, text);
    d.open = true;
    await this.notify('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: d.languageId, version: d.doc.version, text } });
  }

  /** A well-formed change, applied by client and server alike. */
  async change(d: DocInfo, changes: { range?: Range; text: string }[], version?: unknown): Promise<void> {
    d.doc = TextDocument.update(d.doc, changes as TextDocumentContentChangeEvent[], d.doc.version + 1);
    await this.notify('textDocument/didChange', { textDocument: { uri: d.uri, version: version === undefined ? d.doc.version : version }, contentChanges: changes });
  }

  /** The whole text again, after a change whose effect the protocol leaves open. */
  async resync(d: DocInfo): Promise<void> {
    await this.change(d, [{ text: d.doc.getText() }]);
  }

  pull(d: { uri: string }, what: string, token?: CancellationTokenSource): void {
    const info = this.docs.find((x) => x.uri === d.uri);
    const previous = info?.open && this.rnd.chance(0.3) ? info.lastResultId : undefined;
    this.request(what, 'textDocument/diagnostic', { textDocument: { uri: d.uri }, ...(previous ? { previousResultId: previous } : {}) }, token, (r) => {
      if (!r || (r.kind !== 'full' && r.kind !== 'unchanged') || typeof r.resultId !== 'string') throw new Error(`not a diagnostic report: ${JSON.stringify(r).slice(0, 200)}`);
      if (r.kind === 'full' && !Array.isArray(r.items)) throw new Error('a full report without items');
    });
  }

  randomPosition(d: DocInfo) {
    const p = d.doc.positionAt(this.rnd.int(d.doc.getText().length + 1));
    return this.rnd.chance(0.1) ? { line: p.line + this.rnd.int(5), character: p.character + this.rnd.int(50) } : p;
  }

  async step(): Promise<void> {
    const rnd = this.rnd;
    const open = this.docs.filter((d) => d.open);
    const closed = this.docs.filter((d) => !d.open);
    const d = rnd.pick(open.length > 0 ? open : this.docs);
    const r = rnd.next();
    if (!d.open) return this.open(d, d.doc.getText());
    if (r < 0.6) {
      // Typing: one change, sometimes several in one notification.
      const n = rnd.chance(0.1) ? 2 + rnd.int(3) : 1;
      const changes: { range?: Range; text: string }[] = [];
      // TextDocument.update changes the document it is given: plan the changes on a copy.
      let tmp = TextDocument.create(d.uri, d.languageId, d.doc.version, d.doc.getText());
      for (let i = 0; i < n; i++) {
        const c = randomChange(rnd, tmp);
        changes.push(c);
        tmp = TextDocument.update(tmp, [c as TextDocumentContentChangeEvent], tmp.version + 1);
      }
      return this.change(d, changes);
    }
    if (r < 0.64) {
      // A valid change whose version is stale, repeated, negative, huge or not a number: notifications arrive in order, so it applies.
      const version = rnd.pick([1, d.doc.version - 3, d.doc.version, -7, 2 ** 31 - 1, 'v2', null]);
      return this.change(d, [randomChange(rnd, d.doc)], version);
    }
    if (r < 0.66) {
      // Changes for a closed or never-opened document: nothing happens.
      const uri = closed.length > 0 && rnd.chance(0.5) ? rnd.pick(closed).uri : uriOf(path.join(this.root, `never-opened-${rnd.int(5)}.conf`));
      return this.notify('textDocument/didChange', { textDocument: { uri, version: 99 }, contentChanges: [{ text: 'PermitRootLogin yes\n' }] });
    }
    if (r < 0.68) {
      // Malformed changes for an open document, then the full text again.
      const bad = rnd.pick<unknown>([
        { textDocument: { uri: d.uri, version: d.doc.version + 1 }, contentChanges: [{ range: rnd.pick(BAD_RANGES), text: 'X' }] },
        { textDocument: { uri: d.uri, version: d.doc.version + 1 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 42 }] },
        { textDocument: { uri: d.uri, version: d.doc.version + 1 }, contentChanges: 'PermitRootLogin yes' },
        { textDocument: { uri: d.uri, version: d.doc.version + 1 } },
        { textDocument: { uri: d.uri } , contentChanges: [null, { text: 'x' }] },
        { textDocument: d.uri, contentChanges: [{ text: '' }] },
        { contentChanges: [{ text: '' }] },
        null,
        'didChange',
        [],
      ]);
      await this.notify('textDocument/didChange', bad);
      return this.resync(d);
    }
    if (r < 0.7) {
      if (open.length > 1) {
        d.open = false;
        return this.notify('textDocument/didClose', { textDocument: { uri: d.uri } });
      }
      return;
    }
    if (r < 0.73 && closed.length > 0) {
      // Reopen: with the last text, or with what is on disk (the editor reverted it).
      const c = rnd.pick(closed);
      const disk = c.uri.startsWith('file:') ? fs.readFileSync(new URL(c.uri), 'utf8') : '';
      return this.open(c, rnd.chance(0.5) ? c.doc.getText() : disk);
    }
    if (r < 0.74) {
      // A second didOpen of an open document, with another text.
      await this.notify('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: d.languageId, version: d.doc.version + 1, text: `${d.doc.getText()}\n# reopened\n` } });
      return this.resync(d);
    }
    if (r < 0.81) return this.pull(d, `pull ${d.uri}`);
    if (r < 0.83) {
      // A pull cancelled in flight: at once, or a little later.
      const token = new CancellationTokenSource();
      this.pull(d, `cancelled pull ${d.uri}`, token);
      if (rnd.chance(0.5)) token.cancel();
      else setTimeout(() => token.cancel(), rnd.int(30));
      return;
    }
    if (r < 0.85) {
      // Pulls for closed, never-opened, missing and garbage URIs.
      const uri = rnd.pick<unknown>([...closed.map((c) => c.uri), uriOf(path.join(this.root, 'nothing-here.txt')), uriOf(path.join(this.root, 'etc/ssh/sshd_config.d/zz-missing.conf')), ...GARBAGE_URIS]);
      this.request(`pull of ${JSON.stringify(uri)}`, 'textDocument/diagnostic', { textDocument: { uri } });
      return;
    }
    if (r < 0.88) {
      const range = rnd.chance(0.8) ? { start: this.randomPosition(d), end: this.randomPosition(d) } : rnd.pick(BAD_RANGES);
      const target = rnd.chance(0.8) ? d.uri : rnd.pick<unknown>([...this.docs.map((x) => x.uri), ...GARBAGE_URIS]);
      const diagnostics = rnd.chance(0.5) ? d.lastDiagnostics : rnd.pick<unknown[]>([[], [{}], [null], [{ source: 'deployguard', data: { key: 5 } }]]);
      this.request(`codeAction ${JSON.stringify(target)}`, 'textDocument/codeAction', { textDocument: { uri: target }, range, context: { diagnostics, only: rnd.chance(0.2) ? ['source.fixAll.deployguard'] : undefined } });
      return;
    }
    if (r < 0.9) {
      const position = rnd.chance(0.85) ? this.randomPosition(d) : rnd.pick<unknown>([{ line: -1, character: 0 }, { line: 0 }, null, 'here']);
      this.request(`hover ${d.uri}`, 'textDocument/hover', { textDocument: { uri: rnd.chance(0.9) ? d.uri : rnd.pick(GARBAGE_URIS) }, position });
      return;
    }
    if (r < 0.92) {
      // Requests and notifications nobody implements, and custom ones with wrong params.
      const [method, params] = rnd.pick<[string, unknown]>([
        ['textDocument/frobnicate', { textDocument: { uri: d.uri } }],
        ['deployguard/noSuchRequest', {}],
        ['$/noSuchRequest', null],
        ['deployguard/ruleDoc', { id: 42 }],
        ['deployguard/ruleDoc', 'SSH001'],
        ['deployguard/effectiveConfig', { uri: 17 }],
        ['deployguard/effectiveConfig', { uri: 'garbage' }],
        ['textDocument/diagnostic', null],
        ['textDocument/diagnostic', { textDocument: 5 }],
        ['textDocument/codeAction', { textDocument: { uri: d.uri } }],
        ['workspace/diagnostic', { previousResultIds: 'all' }],
        ['workspace/diagnostic', { previousResultIds: [] }],
      ]);
      if (rnd.chance(0.5)) this.request(`${method} ${JSON.stringify(params)}`, method, params);
      else await this.notify(method === 'textDocument/diagnostic' ? '$/noSuchNotification' : method, params);
      return;
    }
    if (r < 0.94) {
      const [method, params] = rnd.pick<[string, unknown]>([
        ['textDocument/didSave', { textDocument: { uri: d.uri } }],
        ['textDocument/didSave', { textDocument: { uri: rnd.pick(GARBAGE_URIS) } }],
        ['textDocument/didClose', { textDocument: { uri: uriOf(path.join(this.root, 'never-opened.conf')) } }],
        ['textDocument/didClose', { textDocument: { uri: rnd.pick(GARBAGE_URIS) } }],
        ['textDocument/didOpen', { textDocument: { uri: rnd.pick(GARBAGE_URIS), languageId: 'x', version: 1, text: 'FROM x\n' } }],
        ['textDocument/didOpen', { textDocument: { uri: d.uri } }],
        ['textDocument/didOpen', { textDocument: { uri: d.uri, text: 7 } }],
        ['workspace/didChangeConfiguration', { settings: { deployguard: 'garbage' } }],
        ['workspace/didChangeConfiguration', null],
        ['workspace/didChangeWatchedFiles', { changes: [{ uri: rnd.pick(GARBAGE_URIS), type: 2 }, { uri: d.uri, type: 99 }] }],
        ['workspace/didChangeWatchedFiles', { changes: 'all' }],
        ['workspace/didChangeWorkspaceFolders', { event: { added: 'x', removed: 5 } }],
        ['workspace/didChangeWorkspaceFolders', { event: { added: [null, { uri: 7 }], removed: [{}] } }],
        ['initialized', {}],
        ['$/setTrace', { value: 'garbage' }],
        ['$/cancelRequest', { id: 'nope' }],
        ['$/cancelRequest', { id: 999_999 }],
      ]);
      return this.notify(method, params);
    }
    if (r < 0.95 && d.uri.startsWith('file:')) {
      // The same file under another URI (`/./` in the path): opened with another text, maybe edited,
      // then closed; the original buffer must be the file's text again afterwards.
      const alias = d.uri.replace(/\/([^/]*)$/, '/./$1');
      await this.notify('textDocument/didOpen', { textDocument: { uri: alias, languageId: d.languageId, version: 1, text: `${rnd.pick(WORDS)} ${rnd.pick(WORDS)}\n` } });
      if (rnd.chance(0.5)) this.pull({ uri: alias }, `pull of the alias ${alias}`);
      return this.notify('textDocument/didClose', { textDocument: { uri: alias } });
    }
    if (r < 0.955) {
      // A second initialize (refused), with garbage or with a process id that does not exist.
      const params = rnd.pick<unknown>([{}, { processId: 2 ** 30, rootUri: null, capabilities: {} }, { processId: null, capabilities: 5, workspaceFolders: [{ uri: 'file:///', name: 'root' }] }]);
      this.request(`initialize ${JSON.stringify(params)}`, 'initialize', params);
      return;
    }
    if (r < 0.96) {
      // A workspace pull, cancelled at once or a little later (a pull with result ids is held until something changes).
      const token = new CancellationTokenSource();
      const previousResultIds = this.docs.filter((x) => x.open && x.lastResultId).map((x) => ({ uri: x.uri, value: x.lastResultId }));
      this.request('workspace/diagnostic', 'workspace/diagnostic', { previousResultIds }, token);
      setTimeout(() => token.cancel(), rnd.int(50));
      return;
    }
    // Otherwise: a pull of every open document, waited for (so analysis keeps up with typing).
    for (const x of open) this.pull(x, `pull ${x.uri}`);
  }

  /** Pulls every open document and records its diagnostics (after every request so far is answered). */
  async pullAll(): Promise<Map<string, Diagnostic[]>> {
    await this.settle();
    const out = new Map<string, Diagnostic[]>();
    for (const d of this.docs.filter((x) => x.open)) {
      const r = await this.client.alive(this.client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: d.uri } })) as { resultId: string; items: Diagnostic[] };
      d.lastResultId = r.resultId;
      d.lastDiagnostics = r.items;
      out.set(d.uri, r.items);
    }
    return out;
  }
}

/** What a fresh server reports for the documents' texts when it opens only those. */
async function freshDiagnostics(root: string, docs: DocInfo[]): Promise<Map<string, Diagnostic[]>> {
  const fresh = await TestClient.start({ root, settings: { debounce: 0 } });
  try {
    for (const d of docs) await fresh.openUri(d.uri, d.languageId, d.doc.getText());
    const out = new Map<string, Diagnostic[]>();
    for (const d of docs) out.set(d.uri, await fresh.diagnostics(d.uri));
    return out;
  } finally {
    await fresh.stop();
  }
}

function compare(session: Map<string, Diagnostic[]>, fresh: Map<string, Diagnostic[]>, when: string): string[] {
  const out: string[] = [];
  const show = (ds: Diagnostic[]) => ds.map((x) => `${x.code} ${x.range.start.line + 1}:${x.range.start.character + 1}-${x.range.end.line + 1}:${x.range.end.character + 1} ${String(x.message).slice(0, 60)}`);
  for (const [uri, want] of fresh) {
    const got = session.get(uri) ?? [];
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      out.push(`${when}: ${uri}: the session's diagnostics differ from a fresh analysis of the same text\n  session: ${JSON.stringify(show(got))}\n  fresh:   ${JSON.stringify(show(want))}`);
    }
  }
  return out;
}

describe('the language server under protocol misuse', () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = makeWorkspace();
    client = await TestClient.start({ root, settings: { debounce: 0 } });
  });
  after(async () => {
    await client?.stop();
    if (root) removeWorkspace(root);
  });

  it('closing one of two URIs of the same file leaves the other buffer in force', async () => {
    const main = path.join(root, MAIN);
    const uri = await client.open(main, 'PasswordAuthentication no\nAllowUsers deploy\nPermitRootLogin no\n');
    const before = await client.diagnostics(uri);
    const alias = uri.replace('/etc/ssh/', '/etc/ssh/./');
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: alias, languageId: 'sshd_config', version: 1, text: 'PermitRootLogin yes\n' } });
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: alias } });
    assert.deepEqual(await client.diagnostics(uri), before);
    await client.close(uri);
  });

  it('refuses a second initialize, which changes nothing', async () => {
    const main = path.join(root, MAIN);
    const uri = await client.open(main);
    const before = await client.diagnostics(uri);
    assert.ok(before.length > 0);
    for (const params of [{ processId: 2 ** 30, rootUri: null, capabilities: {} }, { processId: null, rootUri: null, capabilities: 5 }, {}]) {
      await assert.rejects(client.request('initialize', params), (e: ResponseError<unknown>) => e.code === ErrorCodes.InvalidRequest, JSON.stringify(params));
    }
    assert.deepEqual(await client.diagnostics(uri), before);
    await client.close(uri);
  });
});

/** The diagnostics last published for each open document, once publishing has been quiet for 500 ms. */
async function lastPublished(s: HostileSession): Promise<Map<string, Diagnostic[]>> {
  await s.settle();
  for (let seen = -1; seen !== s.client.published.length; ) {
    seen = s.client.published.length;
    await new Promise((r) => setTimeout(r, 500));
  }
  const out = new Map<string, Diagnostic[]>();
  for (const p of s.client.published) out.set(p.uri, p.diagnostics);
  for (const d of s.docs) if (!out.has(d.uri)) out.set(d.uri, []);
  return out;
}

/**
 * One hostile session against a server of its own. A pull client (VS Code) compares what it pulls;
 * a push-only client compares what was last published for each document.
 */
function hostileSession(mode: 'pull' | 'push', steps: number, seed: number) {
  describe(`the language server survives a hostile session (${mode} diagnostics)`, () => {
    let root: string;
    let client: TestClient;
    before(async () => {
      const { files } = sessionFiles();
      root = makeWorkspace(files);
      client = await TestClient.start({ root, pull: mode === 'pull', settings: { debounce: 0 } });
    });
    after(async () => {
      await client?.stop();
      if (root) removeWorkspace(root);
    });

    it(`${steps} random steps over documents of every kind (seed ${seed}); then it still answers, with the diagnostics of a fresh analysis`, { timeout: 240_000 }, async () => {
      const { docs, untitled } = sessionFiles();
      const s = new HostileSession(client, root, prng(seed));
      for (const d of docs) {
        const file = path.join(root, d.rel);
        s.docs.push({ uri: uriOf(file), languageId: d.languageId, doc: TextDocument.create(uriOf(file), d.languageId, 0, ''), open: false, lastDiagnostics: [] });
      }
      s.docs.push({ uri: 'untitled:Untitled-1', languageId: untitled.languageId, doc: TextDocument.create('untitled:Untitled-1', untitled.languageId, 0, ''), open: false, lastDiagnostics: [] });
      for (const d of s.docs) await s.open(d, d.uri.startsWith('file:') ? fs.readFileSync(new URL(d.uri), 'utf8') : untitled.text);
      const kindsCovered = new Set(docs.map((d) => d.languageId));
      assert.equal(kindsCovered.size, KINDS.length, `documents of ${[...kindsCovered]} only`);

      const problems: string[] = [];
      const checkpoint = async (when: string) => {
        // Every document open, every answer in, then the session's view against a fresh server's.
        for (const d of s.docs) if (!d.open) await s.open(d, d.doc.getText());
        const got = mode === 'pull' ? await s.pullAll() : await lastPublished(s);
        problems.push(...compare(got, await freshDiagnostics(root, s.docs), when));
      };
      for (let i = 0; i < steps; i++) {
        await s.step();
        if (i % 50 === 49) await s.settle();
        if (i === Math.floor(steps / 2)) await checkpoint(`after ${i + 1} steps`);
      }
      await checkpoint(`after ${steps} steps`);
      problems.push(...s.problems);

      // It still answers, plainly.
      const config = await client.request('deployguard/effectiveConfig', {});
      assert.ok(config && typeof config === 'object', 'no answer to deployguard/effectiveConfig');
      assert.equal(client.proc.exitCode, null, 'the server exited');
      const internal = client.logs.filter((l) => /internal error|failed: /i.test(l));
      problems.push(...internal.map((l) => `server log: ${l.slice(0, 400)}`));
      const sizes = s.docs.map((d) => d.doc.getText().length);
      console.log(
        `hostile session (${mode}): ${steps} steps, ${s.notifications} notifications, ${s.requests} requests, ${s.docs.length} documents ` +
          `(${[...kindsCovered].join(', ')}, untitled); final sizes ${sizes.join(', ')} chars; ${problems.length} problems (seed ${seed})`,
      );
      assert.ok(problems.length === 0, `${problems.length} problems:\n${problems.slice(0, 30).join('\n')}`);
    });
  });
}

hostileSession('pull', STEPS, SEED);
hostileSession('push', Math.ceil(STEPS / 4), SEED + 1);
