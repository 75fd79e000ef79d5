// Online advisories through the language server: a requirements file is answered from the cache
// first (nothing yet), the server fetches from an OSV-compatible API on 127.0.0.1
// (DEPLOYGUARD_OSV_API), asks the client to refresh, and the next pull shows REQ001.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OSV_DIR, osvDataSkip } from '../advisories/osv-data';
import { TestClient } from './client';

const skip = osvDataSkip();

describe('language server: online advisories', { skip }, () => {
  let tmp: string;
  let server: http.Server;
  let client: TestClient | undefined;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-lsp-osv-'));
    fs.writeFileSync(path.join(tmp, 'requirements.txt'), 'flask==2.2.2\n');
    fs.writeFileSync(path.join(tmp, '.deployguard.json'), JSON.stringify({ requirements: { onlineAdvisories: true } }));
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.url === '/v1/querybatch') {
          const q = JSON.parse(body) as { queries: { package: { name: string }; version: string }[] };
          const results = q.queries.map((x) => (x.package.name.toLowerCase() === 'flask' && x.version === '2.2.2' ? { vulns: [{ id: 'PYSEC-2023-62' }] } : {}));
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results }));
        } else if (req.url === '/v1/vulns/PYSEC-2023-62') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(fs.readFileSync(path.join(OSV_DIR, 'PYSEC-2023-62.json')));
        } else {
          res.writeHead(404).end('{}');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    process.env.DEPLOYGUARD_OSV_API = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.DEPLOYGUARD_CACHE_DIR = path.join(tmp, 'cache');
  });
  after(async () => {
    await client?.stop();
    delete process.env.DEPLOYGUARD_OSV_API;
    delete process.env.DEPLOYGUARD_CACHE_DIR;
    server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('fetches in the background, refreshes, and then reports REQ001', async () => {
    client = await TestClient.start({ root: tmp, settings: { debounce: 0 } });
    const uri = await client.open(path.join(tmp, 'requirements.txt'), undefined, 'pip-requirements');
    const first = await client.diagnostics(uri);
    assert.ok(!first.some((d) => d.code === 'REQ001' && /PYSEC-2023-62/.test(String(d.message))), 'not known before the fetch');
    // The fetch ends with a diagnostics refresh; pull until its result shows (other refreshes, e.g.
    // after the settings are read, may come first).
    let after = first;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      await client.waitFor('a diagnostics refresh', () => client!.refreshes > 0);
      after = await client.diagnostics(uri);
      if (after.some((d) => d.code === 'REQ001')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const req001 = after.find((d) => d.code === 'REQ001');
    assert.ok(req001, JSON.stringify(after.map((d) => [d.code, d.message])));
    assert.match(String(req001.message), /PYSEC-2023-62/);
  });
});
