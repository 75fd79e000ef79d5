// The OSV API source against a small OSV-compatible server started on 127.0.0.1 that serves the
// shared folder: batch queries, pagination through next_page_token, /v1/vulns/{id}, the on-disk
// cache (hits without the server, expiry), HTTP 500, a timeout, and the host protocol through the
// engine (pending → fetch → change event → re-lint).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  configureAdvisories,
  fetchPendingAdvisories,
  FolderAdvisorySource,
  OnlineAdvisorySource,
  onAdvisoriesChanged,
  pendingAdvisoryQueries,
  resetAdvisories,
} from '../../server/src/advisories';
import { makeEngine, WS } from '../helpers/rule-tester';
import { requirementsKind } from '../../server/src/kinds/requirements';
import { OSV_DIR, osvDataSkip } from './osv-data';

const skip = osvDataSkip();

interface FakeOsv {
  url: string;
  mode: 'ok' | 'error500' | 'hang';
  pageSize: number;
  batches: { queries: { package: { name: string; ecosystem: string }; version: string; page_token?: string }[] }[];
  vulnGets: string[];
  close(): Promise<void>;
}

async function startFakeOsv(folder: FolderAdvisorySource): Promise<FakeOsv> {
  const state: FakeOsv = { url: '', mode: 'ok', pageSize: 1, batches: [], vulnGets: [], close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (state.mode === 'hang') return; // never answers
      if (state.mode === 'error500') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        return;
      }
      if (req.method === 'POST' && req.url === '/v1/querybatch') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        state.batches.push(body);
        const results = body.queries.map((q: FakeOsv['batches'][number]['queries'][number]) => {
          const answer = folder.lookup(q.package.name, q.version);
          const vulns = answer.state === 'ok' ? answer.advisories.map((a) => ({ id: a.id, modified: a.modified })) : [];
          const start = q.page_token ? Number(q.page_token) : 0;
          const page = vulns.slice(start, start + state.pageSize);
          if (page.length === 0) return {};
          return start + state.pageSize < vulns.length ? { vulns: page, next_page_token: String(start + state.pageSize) } : { vulns: page };
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results }));
        return;
      }
      const m = /^\/v1\/vulns\/([A-Za-z0-9-]+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && m) {
        state.vulnGets.push(m[1]);
        const file = path.join(OSV_DIR, `${m[1]}.json`);
        if (!fs.existsSync(file)) {
          res.writeHead(404).end('{}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(fs.readFileSync(file));
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

const idsOf = (answer: ReturnType<OnlineAdvisorySource['lookup']>) => (answer.state === 'ok' ? answer.advisories.map((a) => a.id).sort() : answer.state);

describe('OSV API source', { skip }, () => {
  let folder: FolderAdvisorySource;
  let osv: FakeOsv;
  let cacheDir: string;

  before(async () => {
    folder = new FolderAdvisorySource(OSV_DIR);
    folder.ensureIndexed();
    osv = await startFakeOsv(folder);
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-osv-cache-'));
  });
  after(async () => {
    await osv.close();
    fs.rmSync(cacheDir, { recursive: true, force: true });
    resetAdvisories();
  });

  it('answers "pending" first, then fetches in one batch, follows next_page_token and downloads each record once', async () => {
    osv.mode = 'ok';
    osv.pageSize = 1;
    osv.batches = [];
    osv.vulnGets = [];
    const src = new OnlineAdvisorySource({ apiUrl: osv.url, cacheDir });
    assert.equal(src.lookup('flask', '2.2.2').state, 'pending');
    assert.equal(src.lookup('requests', '2.31.0').state, 'pending');
    assert.equal(src.lookup('jinja2', '3.1.6').state, 'pending');
    assert.equal(src.pendingCount, 3);
    let changes = 0;
    src.onChange(() => changes++);
    const result = await src.fetchPending();
    assert.deepEqual({ queried: result.queried, downloaded: result.downloaded, changed: result.changed, error: result.error }, { queried: 3, downloaded: 5, changed: true, error: undefined });
    assert.equal(changes, 1);
    // Round 1: three queries; then page tokens for flask (2 results) and requests (3 results).
    assert.deepEqual(
      osv.batches.map((b) => b.queries.map((q) => `${q.package.name}@${q.version}${q.page_token ? `#${q.page_token}` : ''}`)),
      [['flask@2.2.2', 'requests@2.31.0', 'jinja2@3.1.6'], ['flask@2.2.2#1', 'requests@2.31.0#1'], ['requests@2.31.0#2']],
    );
    assert.ok(osv.batches.every((b) => b.queries.every((q) => q.package.ecosystem === 'PyPI')));
    assert.equal(new Set(osv.vulnGets).size, osv.vulnGets.length);
    assert.deepEqual(idsOf(src.lookup('flask', '2.2.2')), ['PYSEC-2023-62', 'PYSEC-2026-2151']);
    assert.deepEqual(idsOf(src.lookup('Requests', '2.31.0')), ['PYSEC-2026-1872', 'PYSEC-2026-1873', 'PYSEC-2026-2275']);
    assert.deepEqual(idsOf(src.lookup('jinja2', '3.1.6')), []);
    assert.equal(src.pendingCount, 0);
    assert.equal(src.status().state, 'ok');
  });

  it('answers from the on-disk cache without the server, and re-asks once an entry expires', async () => {
    const src = new OnlineAdvisorySource({ apiUrl: osv.url, cacheDir });
    assert.ok(fs.existsSync(src.cacheFile));
    osv.batches = [];
    assert.deepEqual(idsOf(src.lookup('flask', '2.2.2')), ['PYSEC-2023-62', 'PYSEC-2026-2151']);
    assert.equal(src.pendingCount, 0);
    assert.equal(osv.batches.length, 0);

    const later = new OnlineAdvisorySource({ apiUrl: osv.url, cacheDir, now: () => Date.now() + 48 * 3600 * 1000 });
    const stale = later.lookup('flask', '2.2.2');
    assert.deepEqual(idsOf(stale), ['PYSEC-2023-62', 'PYSEC-2026-2151'], 'stale results are still shown');
    assert.equal(later.pendingCount, 1, 'and refreshed by the next fetch');

    // A different API URL does not reuse the cache.
    const other = new OnlineAdvisorySource({ apiUrl: 'http://127.0.0.1:9', cacheDir });
    assert.equal(other.lookup('flask', '2.2.2').state, 'pending');
  });

  it('reports HTTP 500 as "unavailable" (never silence), keeps stale data with a note, and backs off', async () => {
    osv.mode = 'error500';
    const src = new OnlineAdvisorySource({ apiUrl: osv.url, cacheDir, now: () => Date.now() + 48 * 3600 * 1000 });
    let changes = 0;
    src.onChange(() => changes++);
    src.lookup('flask', '2.2.2');
    src.lookup('django', '4.2');
    const result = await src.fetchPending();
    assert.match(result.error ?? '', /HTTP 500/);
    assert.equal(changes, 1, 'the status change is announced once');
    const fresh = src.lookup('django', '4.2');
    assert.equal(fresh.state, 'unavailable');
    assert.match(fresh.state === 'unavailable' ? fresh.reason : '', /OSV API .* is unavailable: HTTP 500/);
    const stale = src.lookup('flask', '2.2.2');
    assert.equal(stale.state, 'ok');
    assert.match(stale.state === 'ok' ? (stale.unavailable ?? []).join() : '', /HTTP 500 for POST \/v1\/querybatch; showing cached results from \d{4}-\d\d-\d\d/);
    assert.equal(src.status().state, 'unavailable');
    const again = await src.fetchPending();
    assert.equal(again.skipped, true, 'no new request right after a failure');
    assert.equal(changes, 1);
    osv.mode = 'ok';
  });

  it('gives up on a server that does not answer within the timeout', async () => {
    osv.mode = 'hang';
    const src = new OnlineAdvisorySource({ apiUrl: osv.url, cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'dg-osv-empty-')), timeoutMs: 300 });
    src.lookup('flask', '2.2.2');
    const result = await src.fetchPending();
    assert.match(result.error ?? '', /no answer within 0\.3 s/);
    const answer = src.lookup('flask', '2.2.2');
    assert.equal(answer.state, 'unavailable');
    osv.mode = 'ok';
  });

  it('runs the host protocol through the engine: pending, fetch, change event, re-lint shows REQ001', async () => {
    osv.mode = 'ok';
    resetAdvisories();
    const freshCache = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-osv-host-'));
    configureAdvisories({ online: true, apiUrl: osv.url, cacheDir: freshCache });
    const { engine } = makeEngine([requirementsKind], { 'requirements.txt': 'flask==2.2.2\njinja2==3.1.6\n' });
    const file = `${WS}/requirements.txt`;
    assert.deepEqual(engine.lintFile(file).findings.filter((f) => f.ruleId === 'REQ001'), []);
    assert.equal(pendingAdvisoryQueries(), 2);
    let changed = 0;
    const off = onAdvisoriesChanged(() => {
      changed++;
      engine.invalidate();
    });
    await fetchPendingAdvisories();
    off();
    assert.equal(changed, 1);
    const findings = engine.lintFile(file).findings.filter((f) => f.ruleId === 'REQ001');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /^flask 2\.2\.2 has 2 known vulnerabilities.*PYSEC-2023-62 \(CVE-2023-30861, GHSA-m2qf-hxjv-5gpq\)/);
    assert.equal(findings[0].fixes?.[0].edits[0].newText, '3.1.3');
    resetAdvisories();
    fs.rmSync(freshCache, { recursive: true, force: true });
  });
});
