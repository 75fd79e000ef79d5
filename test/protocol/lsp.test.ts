// Drives the bundled language server (dist/server.js) over stdio as an editor would, on sshd
// workspaces: pull diagnostics with result ids, incremental edits, quick fixes, suppressions,
// fix-all, hover, workspace diagnostics for unopened drop-ins, cross-file refresh, settings,
// the custom requests, push diagnostics for older clients, and malformed requests.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { CancellationTokenSource, WorkspaceDiagnosticRequest, type Diagnostic } from 'vscode-languageserver/node';
import schema from '../../server/schemas/deployguard.schema.json';
import { REPO } from './bundle';
import { TestClient, uriOf } from './client';
import { DROPIN, DROPIN_TEXT, MAIN, MAIN_TEXT, makeWorkspace, positionOf, removeWorkspace } from './fixtures';

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
const find = (ds: Diagnostic[], code: string) => ds.find((d) => d.code === code);

interface Session {
  root: string;
  client: TestClient;
  mainUri: string;
  dropinUri: string;
}

async function session(files?: Record<string, string>, options: { pull?: boolean; settings?: Record<string, unknown> } = {}): Promise<Session> {
  const root = makeWorkspace(files);
  const client = await TestClient.start({ root, ...options });
  return { root, client, mainUri: uriOf(path.join(root, MAIN)), dropinUri: uriOf(path.join(root, DROPIN)) };
}

async function end(s: Session): Promise<void> {
  await s.client.stop();
  removeWorkspace(s.root);
}

describe('language server: pull diagnostics of an open file', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => end(s));

  it('announces incremental sync, pull diagnostics, code actions and hover', () => {
    const caps = s.client.initializeResult.capabilities;
    assert.equal(caps.textDocumentSync.change, 2);
    assert.deepEqual(
      { id: caps.diagnosticProvider.identifier, inter: caps.diagnosticProvider.interFileDependencies, ws: caps.diagnosticProvider.workspaceDiagnostics },
      { id: 'deployguard', inter: true, ws: true },
    );
    assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.deployguard']);
    assert.equal(caps.hoverProvider, true);
  });

  it('reports each finding with source, rule id, severity, exact range and data', async () => {
    await s.client.open(path.join(s.root, MAIN));
    const report = await s.client.pull(s.mainUri);
    assert.equal(report.kind, 'full');
    assert.equal(typeof report.resultId, 'string');
    const d = find(report.items, 'SSH001');
    assert.ok(d, `SSH001 expected, got ${codes(report.items)}`);
    assert.equal(d.source, 'deployguard');
    assert.equal(d.severity, 1);
    const at = positionOf(MAIN_TEXT, 'PermitRootLogin yes');
    assert.deepEqual(d.range, { start: at, end: { line: at.line, character: at.character + 'PermitRootLogin yes'.length } });
    assert.equal((d.data as { ruleId: string }).ruleId, 'SSH001');
    // The drop-in's findings are reported in the drop-in, not here.
    assert.equal(find(report.items, 'SSH002'), undefined);
  });

  it('answers "unchanged" for the same result id, and a full report after an incremental edit', async () => {
    const first = await s.client.pull(s.mainUri);
    const again = await s.client.pull(s.mainUri, first.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });

    const at = positionOf(s.client.text(s.mainUri), 'PermitRootLogin yes');
    const yes = { line: at.line, character: at.character + 'PermitRootLogin '.length };
    await s.client.change(s.mainUri, [{ range: { start: yes, end: { line: yes.line, character: yes.character + 3 } }, text: 'prohibit-password' }]);
    const changed = await s.client.pull(s.mainUri, first.resultId);
    assert.equal(changed.kind, 'full');
    assert.notEqual(changed.resultId, first.resultId);
    assert.equal(find(changed.items, 'SSH001'), undefined, 'SSH001 is gone after the edit');

    // Typing it back brings the finding back.
    await s.client.change(s.mainUri, [{ range: { start: yes, end: { line: yes.line, character: yes.character + 'prohibit-password'.length } }, text: 'yes' }]);
    assert.ok(find((await s.client.pull(s.mainUri)).items, 'SSH001'));
  });

  it('links each diagnostic to its rule page shipped next to the bundle', async () => {
    await s.client.change(s.mainUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# deployguard-ignore SSH001\n' }]);
    const items = await s.client.diagnostics(s.mainUri);
    const dg002 = find(items, 'DG002');
    assert.ok(dg002, `DG002 expected, got ${codes(items)}`);
    assert.equal(dg002.codeDescription?.href, pathToFileURL(path.join(REPO, 'docs', 'rules', 'DG002.md')).href);
    await s.client.change(s.mainUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
    assert.equal(s.client.text(s.mainUri), MAIN_TEXT);
  });

  it('hover on a finding shows the rule title, why, the fix and the rule page', async () => {
    const at = positionOf(MAIN_TEXT, 'PermitRootLogin yes');
    const hover = await s.client.request('textDocument/hover', { textDocument: { uri: s.mainUri }, position: { line: at.line, character: at.character + 3 } });
    assert.equal(hover.contents.kind, 'markdown');
    const text: string = hover.contents.value;
    assert.match(text, /SSH001: Root login allowed/);
    assert.match(text, /\*Why:\*/);
    assert.match(text, /\*Fix:\* Set PermitRootLogin no/);
    const plain = positionOf(MAIN_TEXT, 'AllowUsers');
    const nothing = await s.client.request('textDocument/hover', { textDocument: { uri: s.mainUri }, position: plain });
    assert.equal(nothing, null);
  });
});

describe('language server: code actions', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => end(s));

  async function actionsFor(code: string) {
    const items = await s.client.diagnostics(s.mainUri);
    const d = find(items, code);
    assert.ok(d, `${code} expected, got ${codes(items)}`);
    return { d, actions: await s.client.codeActions(s.mainUri, d.range, [d]) };
  }

  it('offers the preferred quick fix; applying it removes the finding', async () => {
    await s.client.open(path.join(s.root, MAIN));
    const { actions } = await actionsFor('SSH001');
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, 'a preferred fix');
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.title, 'Set PermitRootLogin no');
    assert.deepEqual(fix.diagnostics.map((d: Diagnostic) => d.code), ['SSH001']);
    await s.client.apply(fix.edit);
    assert.match(s.client.text(s.mainUri), /^PermitRootLogin no$/m);
    assert.equal(find(await s.client.diagnostics(s.mainUri), 'SSH001'), undefined);
    // The fix went to the buffer, not to the disk.
    assert.equal(fs.readFileSync(path.join(s.root, MAIN), 'utf8'), MAIN_TEXT);
  });

  it('"Suppress on this line" inserts a comment before the line; the finding is gone and no reason is missing', async () => {
    await s.client.close(s.mainUri);
    await s.client.open(path.join(s.root, MAIN));
    const { actions } = await actionsFor('SSH001');
    const suppress = actions.find((a) => a.title === 'Suppress SSH001 on this line');
    assert.ok(suppress, `actions: ${actions.map((a) => a.title)}`);
    await s.client.apply(suppress.edit);
    assert.match(s.client.text(s.mainUri), /^# deployguard-ignore SSH001 -- TODO: reason\nPermitRootLogin yes$/m);
    const items = await s.client.diagnostics(s.mainUri);
    assert.deepEqual(codes(items).filter((c) => c === 'SSH001' || c === 'DG002' || c === 'DG003'), []);
  });

  it('"Suppress in this file" inserts a file-level comment at the top', async () => {
    await s.client.close(s.mainUri);
    await s.client.open(path.join(s.root, MAIN));
    const { actions } = await actionsFor('SSH001');
    const suppress = actions.find((a) => a.title === 'Suppress SSH001 in this file');
    assert.ok(suppress);
    await s.client.apply(suppress.edit);
    assert.ok(s.client.text(s.mainUri).startsWith('# deployguard-ignore-file SSH001 -- TODO: reason\n# Managed by hand\n'));
    assert.equal(find(await s.client.diagnostics(s.mainUri), 'SSH001'), undefined);
  });

  it('keeps indentation and CRLF line breaks when suppressing inside a Match block', async () => {
    const text = 'AllowUsers deploy\r\nPasswordAuthentication no\r\nMatch User deploy\r\n    PermitRootLogin yes\r\n';
    const file = path.join(s.root, 'crlf/sshd_config');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const uri = await s.client.open(file, text);
    const items = await s.client.diagnostics(uri);
    const d = find(items, 'SSH001');
    assert.ok(d, `SSH001 expected in the Match block, got ${codes(items)}`);
    const actions = await s.client.codeActions(uri, d.range, [d]);
    await s.client.apply(actions.find((a) => a.title === 'Suppress SSH001 on this line').edit);
    assert.equal(s.client.text(uri), 'AllowUsers deploy\r\nPasswordAuthentication no\r\nMatch User deploy\r\n    # deployguard-ignore SSH001 -- TODO: reason\r\n    PermitRootLogin yes\r\n');
    assert.equal(find(await s.client.diagnostics(uri), 'SSH001'), undefined);
  });

  it('source.fixAll.deployguard applies every preferred fix of the file at once', async () => {
    const text = 'PermitRootLogin yes\nPasswordAuthentication yes\nAllowUsers deploy\n';
    const file = path.join(s.root, 'fixall/sshd_config');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const uri = await s.client.open(file, text);
    const before = await s.client.diagnostics(uri);
    assert.ok(find(before, 'SSH001') && find(before, 'SSH002'), `SSH001 and SSH002 expected, got ${codes(before)}`);
    const actions = await s.client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.deployguard');
    await s.client.apply(actions[0].edit);
    const after = await s.client.diagnostics(uri);
    assert.deepEqual(codes(after).filter((c) => c === 'SSH001' || c === 'SSH002'), []);
    // Every finding that had a preferred fix before is gone: the fixes were applied together.
    const fixable = before.filter((d) => (d.data as { fixes: number }).fixes > 0).map((d) => d.code);
    assert.deepEqual(codes(after).filter((c) => fixable.includes(c)), []);
  });
});

describe('language server: workspace diagnostics and cross-file changes', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => end(s));

  it('lists findings of files never opened, with work-done progress', async () => {
    s.client.watchProgress('ws-1');
    const report = await s.client.request('workspace/diagnostic', { previousResultIds: [], workDoneToken: 'ws-1' });
    const byUri = new Map<string, any>(report.items.map((i: any) => [i.uri, i]));
    const dropin = byUri.get(s.dropinUri);
    assert.ok(dropin, `the drop-in is listed: ${[...byUri.keys()]}`);
    assert.equal(dropin.kind, 'full');
    assert.equal(dropin.version, null);
    assert.ok(find(dropin.items, 'SSH002'), `SSH002 in the drop-in: ${codes(dropin.items)}`);
    // The drop-in's "yes" wins over the main file's "no": SSH034 points at both.
    const conflict = find(dropin.items, 'SSH034');
    assert.ok(conflict?.relatedInformation?.some((r) => r.location.uri === s.mainUri), JSON.stringify(conflict));
    const main = byUri.get(s.mainUri);
    assert.ok(main && find(main.items, 'SSH001'));
    const kinds = s.client.progress.filter((p) => p.token === 'ws-1').map((p) => p.value.kind);
    assert.deepEqual([kinds[0], kinds[kinds.length - 1]], ['begin', 'end']);
  });

  it('streams partial results when the client asks for them', async () => {
    const partial: any[] = [];
    const token = 'partial-1';
    const disposable = s.client.conn.onProgress(WorkspaceDiagnosticRequest.partialResult, token, (v) => void partial.push(...v.items));
    const final = await s.client.request('workspace/diagnostic', { previousResultIds: [], partialResultToken: token });
    disposable.dispose();
    assert.deepEqual(final.items, []);
    assert.ok(partial.some((i) => i.uri === s.dropinUri), 'the drop-in came as a partial result');
  });

  it('an unsaved edit of a drop-in changes the main file\'s findings, and the server asks for a refresh', async () => {
    await s.client.open(path.join(s.root, MAIN));
    assert.ok(find(await s.client.diagnostics(s.mainUri), 'SSH001'));
    const refreshes = s.client.refreshes;
    await s.client.open(path.join(s.root, DROPIN));
    // Drop-ins are read first, so a "PermitRootLogin no" there wins over the main file's "yes".
    await s.client.change(s.dropinUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'PermitRootLogin no\n' }]);
    await s.client.waitFor('a diagnostic refresh request', () => s.client.refreshes > refreshes);
    assert.equal(find(await s.client.diagnostics(s.mainUri), 'SSH001'), undefined);
    assert.equal(fs.readFileSync(path.join(s.root, DROPIN), 'utf8'), DROPIN_TEXT, 'nothing was saved');
    // Closing the buffer without saving brings back what is on disk.
    await s.client.close(s.dropinUri);
    assert.ok(find(await s.client.diagnostics(s.mainUri), 'SSH001'));
  });

  it('holds a workspace request while nothing changes and answers when a file changes on disk', async () => {
    const first = await s.client.request('workspace/diagnostic', { previousResultIds: [] });
    const previousResultIds = first.items.map((i: any) => ({ uri: i.uri, value: i.resultId }));
    const box: { answer?: any } = {};
    const pending = s.client.request('workspace/diagnostic', { previousResultIds }).then((r) => (box.answer = r));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(box.answer, undefined, 'no answer while nothing changed');
    fs.writeFileSync(path.join(s.root, DROPIN), 'PasswordAuthentication no\n');
    await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: s.dropinUri, type: 2 }] });
    const answered = await pending;
    const dropin = answered.items.find((i: any) => i.uri === s.dropinUri);
    assert.equal(dropin.kind, 'full');
    assert.equal(find(dropin.items, 'SSH002'), undefined);
    const unchanged = answered.items.find((i: any) => i.uri === s.mainUri);
    assert.equal(unchanged.kind, 'unchanged');
  });

  it('a .deployguard.json change takes effect without restart', async () => {
    await s.client.open(path.join(s.root, MAIN));
    assert.ok(find(await s.client.diagnostics(s.mainUri), 'SSH001'));
    const config = path.join(s.root, '.deployguard.json');
    fs.writeFileSync(config, '{ "rules": { "SSH001": "off" } }\n');
    const refreshes = s.client.refreshes;
    await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 1 }] });
    await s.client.waitFor('a diagnostic refresh request', () => s.client.refreshes > refreshes);
    assert.equal(find(await s.client.diagnostics(s.mainUri), 'SSH001'), undefined);
    fs.writeFileSync(config, '{ "rules": { "SSH001": "warning" } }\n');
    await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 2 }] });
    assert.equal(find(await s.client.diagnostics(s.mainUri), 'SSH001')?.severity, 2);
    fs.rmSync(config);
    await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 3 }] });
  });

  it('an invalid .deployguard.json is reported in the file (DG001) and the defaults apply', async () => {
    const config = path.join(s.root, '.deployguard.json');
    const text = '{\n  "rules": { "SSH001": "fatal" }\n}\n';
    fs.writeFileSync(config, text);
    const uri = await s.client.open(config, text, 'json');
    const items = await s.client.diagnostics(uri);
    const d = find(items, 'DG001');
    assert.ok(d, `DG001 expected, got ${codes(items)}`);
    assert.equal(d.range.start.line, 1);
    assert.ok(find(await s.client.diagnostics(s.mainUri), 'SSH001'), 'the default (SSH001 on) applies');
    await s.client.close(uri);
    fs.rmSync(config);
    await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
  });
});

describe('language server: what a change analyses again', () => {
  let s: Session;
  const REQS = 'requirements.txt';
  before(
    async () =>
      (s = await session(
        { [MAIN]: MAIN_TEXT, [DROPIN]: DROPIN_TEXT, [REQS]: 'django==4.2.0\n', Dockerfile: 'FROM python:3.12-slim\nUSER app\n' },
        { settings: { trace: { server: 'verbose' } } },
      )),
  );
  after(() => end(s));

  /** The files the server analysed while `act` ran (its verbose log names each analysis). */
  async function analysedDuring(act: () => Promise<unknown>): Promise<string[]> {
    const from = s.client.logs.length;
    await act();
    return s.client.logs
      .slice(from)
      .map((l) => /^analysed (.+) in \d+ ms/.exec(l)?.[1])
      .filter((f): f is string => f !== undefined)
      .map((f) => path.relative(s.root, f))
      .sort();
  }

  it('a file changed on disk: that file and the files computed from it, not the whole workspace', async () => {
    const known = new Map<string, string>();
    const pullAll = async () => {
      const previousResultIds = [...known].map(([uri, value]) => ({ uri, value }));
      const r = await s.client.request('workspace/diagnostic', { previousResultIds });
      for (const i of r.items) known.set(i.uri, i.resultId);
      return r;
    };
    // The first pull already runs with the client's settings (verbose trace): it does not race them.
    assert.deepEqual(await analysedDuring(pullAll), [DROPIN, 'Dockerfile', REQS, MAIN].sort());
    fs.writeFileSync(path.join(s.root, REQS), 'django>=4.2\n');
    const reqs = await analysedDuring(async () => {
      await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(s.root, REQS)), type: 2 }] });
      await pullAll();
    });
    assert.deepEqual(reqs, [REQS]);
    fs.writeFileSync(path.join(s.root, DROPIN), 'PasswordAuthentication no\n');
    const dropin = await analysedDuring(async () => {
      await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: s.dropinUri, type: 2 }] });
      await pullAll();
    });
    assert.deepEqual(dropin, [DROPIN, MAIN].sort(), 'the drop-in and the sshd_config that includes it');
    // Opening a file analyses it (and what depends on it), not the others.
    const opened = await analysedDuring(async () => {
      await s.client.open(path.join(s.root, 'Dockerfile'));
      await s.client.diagnostics(uriOf(path.join(s.root, 'Dockerfile')));
      await pullAll();
    });
    assert.deepEqual(opened, ['Dockerfile']);
  });
});

describe('language server: settings and custom requests', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => end(s));

  async function setSettings(settings: Record<string, unknown>) {
    s.client.settings = { debounce: 20, ...settings };
    await s.client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { deployguard: s.client.settings } });
    // A pull waits until the server has read the new settings.
    await s.client.pull(s.mainUri);
  }

  it('deployguard.enable false reports nothing; true brings the findings back', async () => {
    await s.client.open(path.join(s.root, MAIN));
    await setSettings({ enable: false });
    const off = await s.client.request('textDocument/diagnostic', { textDocument: { uri: s.mainUri } });
    assert.deepEqual(off.items, []);
    await setSettings({ enable: true });
    assert.ok(find(await s.client.diagnostics(s.mainUri), 'SSH001'));
  });

  it('deployguard.exclude keeps matching files out of the editor', async () => {
    await setSettings({ exclude: ['etc/ssh/sshd_config.d/**'] });
    const report = await s.client.request('workspace/diagnostic', { previousResultIds: [] });
    assert.ok(!report.items.some((i: any) => i.uri === s.dropinUri && i.items.length > 0), 'the excluded drop-in has no findings');
    await setSettings({});
  });

  it('deployguard.run onSave analyses a buffer when it is saved, not while typing', async () => {
    await setSettings({ run: 'onSave' });
    const at = positionOf(MAIN_TEXT, 'PermitRootLogin yes');
    const yes = { line: at.line, character: at.character + 'PermitRootLogin '.length };
    await s.client.change(s.mainUri, [{ range: { start: yes, end: { line: yes.line, character: yes.character + 3 } }, text: 'no' }]);
    assert.ok(find(await s.client.diagnostics(s.mainUri), 'SSH001'), 'still the saved text');
    // Code actions are withheld while the buffer differs from what was analysed.
    assert.deepEqual(await s.client.codeActions(s.mainUri, { start: yes, end: yes }, []), []);
    await s.client.conn.sendNotification('textDocument/didSave', { textDocument: { uri: s.mainUri } });
    assert.equal(find(await s.client.diagnostics(s.mainUri), 'SSH001'), undefined);
    await setSettings({});
  });

  it('explains a setting that conflicts with .deployguard.json in the log', async () => {
    const config = path.join(s.root, '.deployguard.json');
    fs.writeFileSync(config, '{ "requirements": { "onlineAdvisories": false } }\n');
    await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 1 }] });
    await setSettings({ advisories: { online: true } });
    await s.client.diagnostics(s.mainUri);
    await s.client.waitFor('the conflict explained', () => s.client.logs.some((l) => /onlineAdvisories.*wins over the setting deployguard\.advisories\.online/.test(l)));
    fs.rmSync(config);
    await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 3 }] });
    await setSettings({});
  });

  it('deployguard/ruleDoc returns the rule page, null for an unknown id', async () => {
    const page = await s.client.request('deployguard/ruleDoc', { id: 'dg002' });
    assert.equal(page, fs.readFileSync(path.join(REPO, 'docs', 'rules', 'DG002.md'), 'utf8'));
    assert.equal(await s.client.request('deployguard/ruleDoc', { id: 'XYZ999' }), null);
    assert.equal(await s.client.request('deployguard/ruleDoc', { id: '../../package' }), null);
  });

  it('deployguard/effectiveConfig returns the project configuration, valid against its schema', async () => {
    const config = path.join(s.root, '.deployguard.json');
    fs.writeFileSync(config, '{ "rules": { "SSH001": "warning" }, "openssh": { "version": "9.2" } }\n');
    await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 1 }] });
    const effective = await s.client.request('deployguard/effectiveConfig', { uri: s.mainUri });
    assert.deepEqual(effective.rules, { SSH001: 'warning' });
    assert.equal(effective.openssh.version, '9.2');
    assert.equal(effective.nginx.version, '1.24');
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.ok(validate(effective), JSON.stringify(validate.errors));
    fs.rmSync(config);
    await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 3 }] });
    const defaults = await s.client.request('deployguard/effectiveConfig', {});
    assert.deepEqual(defaults.rules, {});
  });

  it('deployguard/scanWorkspace analyses every file with progress, reports status, then asks for a refresh', async () => {
    const refreshes = s.client.refreshes;
    const statuses = s.client.statuses.length;
    s.client.watchProgress('scan-1');
    const result = await s.client.request('deployguard/scanWorkspace', { workDoneToken: 'scan-1' });
    assert.equal(result.cancelled, false);
    assert.ok(result.files >= 2, `files: ${result.files}`);
    assert.ok(result.findings >= 2, `findings: ${result.findings}`);
    const kinds = s.client.progress.filter((p) => p.token === 'scan-1').map((p) => p.value.kind);
    assert.deepEqual([kinds[0], kinds[kinds.length - 1]], ['begin', 'end']);
    await s.client.waitFor('a refresh', () => s.client.refreshes > refreshes);
    await s.client.waitFor('status idle with counts', () => {
      const last = s.client.statuses[s.client.statuses.length - 1];
      return s.client.statuses.length > statuses && last.state === 'idle' && last.findings > 0 && last.files > 0;
    });
    assert.ok(s.client.statuses.slice(statuses).some((st) => st.state === 'scanning'));
  });
});

describe('language server: robustness', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => end(s));

  it('answers malformed requests with errors, ignores malformed notifications, and keeps working', async () => {
    const rejects = async (method: string, params: unknown) => {
      await assert.rejects(s.client.request(method, params), (e: any) => e.code === -32602, `${method} ${JSON.stringify(params)}`);
    };
    await rejects('textDocument/diagnostic', {});
    await rejects('textDocument/diagnostic', { textDocument: { uri: 'not a uri' } });
    await rejects('textDocument/codeAction', { textDocument: { uri: s.mainUri }, range: 'everything', context: {} });
    await rejects('textDocument/hover', { textDocument: { uri: s.mainUri }, position: { line: -1, character: 'x' } });
    await rejects('workspace/diagnostic', { previousResultIds: 'all' });
    await rejects('deployguard/effectiveConfig', { uri: 42 });
    await rejects('deployguard/ruleDoc', null);
    await assert.rejects(s.client.request('deployguard/noSuchThing', {}), (e: any) => e.code === -32601);
    await s.client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///nowhere' }, contentChanges: [{ text: 'x' }] });
    await s.client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 5 } });
    await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', null);
    // Still alive and correct.
    await s.client.open(path.join(s.root, MAIN));
    assert.ok(find(await s.client.diagnostics(s.mainUri), 'SSH001'));
    assert.ok(s.client.logs.some((l) => /didChange: ignored, invalid params/.test(l)), s.client.logs.join('\n'));
    assert.equal(s.client.proc.exitCode, null);
  });

  it('lints an untitled buffer by its language id, and a binary-looking or huge edit does not crash it', async () => {
    const uri = 'untitled:Untitled-1';
    await s.client.openUri(uri, 'sshd_config', 'PermitRootLogin yes\n');
    assert.ok(find(await s.client.diagnostics(uri), 'SSH001'));
    await s.client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '\u0000\u0001'.repeat(1000) + 'x'.repeat(200_000) }]);
    const report = await s.client.pull(uri);
    assert.equal(report.kind, 'full');
    await s.client.close(uri);
  });
});

describe('language server: cancellation', () => {
  let s: Session;
  before(async () => {
    const files: Record<string, string> = { [MAIN]: MAIN_TEXT, [DROPIN]: DROPIN_TEXT };
    for (let i = 0; i < 200; i++) files[`hosts/h${i}/etc/ssh/sshd_config`] = 'PermitRootLogin yes\nAllowUsers deploy\n';
    s = await session(files);
  });
  after(() => end(s));

  it('a cancelled scanWorkspace stops early and says so', async () => {
    const source = new CancellationTokenSource();
    const pending = s.client.alive(s.client.conn.sendRequest('deployguard/scanWorkspace', {}, source.token));
    source.cancel();
    const result: any = await pending;
    assert.equal(result.cancelled, true);
    assert.ok(result.files < 202, `stopped before the end: ${result.files}`);
    const full: any = await s.client.request('deployguard/scanWorkspace', {});
    assert.deepEqual([full.cancelled, full.files], [false, 202]);
  });

  it('a held workspace request ends with RequestCancelled when the client cancels it', async () => {
    const first = await s.client.request('workspace/diagnostic', { previousResultIds: [] });
    const previousResultIds = first.items.map((i: any) => ({ uri: i.uri, value: i.resultId }));
    const source = new CancellationTokenSource();
    const pending = s.client.alive(s.client.conn.sendRequest('workspace/diagnostic', { previousResultIds }, source.token));
    await new Promise((r) => setTimeout(r, 100));
    source.cancel();
    await assert.rejects(pending, (e: any) => e.code === -32800);
  });
});

describe('language server: transports and workspace folders', () => {
  it('works over Node IPC', async () => {
    const root = makeWorkspace();
    const client = await TestClient.start({ root, transport: 'ipc' });
    try {
      const uri = await client.open(path.join(root, MAIN));
      assert.ok(find(await client.diagnostics(uri), 'SSH001'));
    } finally {
      await client.stop();
      removeWorkspace(root);
    }
  });

  it('without a workspace folder, lints an opened file in its project (nearest .git or .deployguard.json)', async () => {
    // No PasswordAuthentication anywhere: SSH002 (absent setting) unless the project turns it off.
    const main = 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\nAllowUsers deploy\n';
    const config = '.deployguard.json';
    const root = makeWorkspace({ [MAIN]: main, [DROPIN]: 'PermitRootLogin no\n', [config]: '{ "rules": { "SSH002": "off" } }' });
    const client = await TestClient.start({ root: null });
    try {
      const uri = await client.open(path.join(root, MAIN));
      const items = await client.diagnostics(uri);
      // The drop-in was found (its "no" wins) and the project config applies (SSH002 off).
      assert.deepEqual(codes(items).filter((c) => c === 'SSH001' || c === 'SSH002'), []);
      fs.writeFileSync(path.join(root, config), '{}');
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(root, config)), type: 2 }] });
      assert.ok(find(await client.diagnostics(uri), 'SSH002'), 'SSH002 once the project config allows it');
    } finally {
      await client.stop();
      removeWorkspace(root);
    }
  });
});

describe('language server: push diagnostics for a client without pull support', () => {
  let s: Session;
  before(async () => (s = await session(undefined, { pull: false })));
  after(() => end(s));

  it('publishes on open, on change (debounced) and clears on close', async () => {
    assert.equal(s.client.initializeResult.capabilities.diagnosticProvider, undefined);
    await s.client.open(path.join(s.root, MAIN));
    const first = await s.client.waitFor('diagnostics published', () =>
      s.client.published.find((p) => p.uri === s.mainUri && p.diagnostics.some((d) => d.code === 'SSH001')),
    );
    assert.equal(first.version, 1);
    const count = s.client.published.length;
    const at = positionOf(MAIN_TEXT, 'PermitRootLogin yes');
    const yes = { line: at.line, character: at.character + 'PermitRootLogin '.length };
    await s.client.change(s.mainUri, [{ range: { start: yes, end: { line: yes.line, character: yes.character + 3 } }, text: 'no' }]);
    await s.client.waitFor('republished without SSH001', () =>
      s.client.published.slice(count).find((p) => p.uri === s.mainUri && !p.diagnostics.some((d) => d.code === 'SSH001')),
    );
    await s.client.close(s.mainUri);
    await s.client.waitFor('cleared on close', () => {
      const last = s.client.published.filter((p) => p.uri === s.mainUri).pop();
      return last && last.diagnostics.length === 0;
    });
  });

  it('publishes a dependent main file when an open drop-in changes', async () => {
    await s.client.open(path.join(s.root, MAIN));
    await s.client.waitFor('SSH001 published', () => s.client.published.find((p) => p.uri === s.mainUri && p.diagnostics.some((d) => d.code === 'SSH001')));
    await s.client.open(path.join(s.root, DROPIN));
    const count = s.client.published.length;
    await s.client.change(s.dropinUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'PermitRootLogin no\n' }]);
    await s.client.waitFor('main republished without SSH001', () =>
      s.client.published.slice(count).find((p) => p.uri === s.mainUri && !p.diagnostics.some((d) => d.code === 'SSH001')),
    );
  });
});
