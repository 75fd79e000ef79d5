// `deployguard scan --advisories DIR` and `--online-advisories` on the CLI bundle: REQ001 with the
// exact advisory ids of the shared OSV data, offline from the folder and online from an
// OSV-compatible server on 127.0.0.1 (DEPLOYGUARD_OSV_API), with the answers cached.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OSV_DIR, osvDataSkip } from '../advisories/osv-data';
import { CLI_JS, ensureBuilt } from '../protocol/bundle';

const skip = osvDataSkip();

function run(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI_JS, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function ids(stdout: string): string[] {
  const json = JSON.parse(stdout) as { findings: { ruleId: string; message: string }[] };
  return json.findings.filter((f) => f.ruleId === 'REQ001').flatMap((f) => f.message.match(/PYSEC-\d+-\d+/g) ?? []).sort();
}

describe('CLI advisories', { skip }, () => {
  let tmp: string;
  let server: http.Server;
  let url = '';
  const queried: string[] = [];
  before(async () => {
    ensureBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-cli-osv-'));
    fs.writeFileSync(path.join(tmp, 'requirements.txt'), 'flask==2.2.2\njinja2==3.1.6\nPyYAML==5.1\n');
    const index = new Map<string, string[]>([
      ['flask@2.2.2', ['PYSEC-2023-62', 'PYSEC-2026-2151']],
      ['pyyaml@5.1', ['PYSEC-2020-96', 'PYSEC-2020-176', 'PYSEC-2021-142']],
    ]);
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/v1/querybatch') {
          const q = JSON.parse(body) as { queries: { package: { name: string }; version: string }[] };
          const results = q.queries.map((x) => {
            queried.push(`${x.package.name}@${x.version}`);
            const found = index.get(`${x.package.name.toLowerCase()}@${x.version}`);
            return found ? { vulns: found.map((id) => ({ id })) } : {};
          });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results }));
          return;
        }
        const m = /^\/v1\/vulns\/(PYSEC-\d+-\d+)$/.exec(req.url ?? '');
        if (m && fs.existsSync(path.join(OSV_DIR, `${m[1]}.json`))) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(fs.readFileSync(path.join(OSV_DIR, `${m[1]}.json`)));
          return;
        }
        res.writeHead(404).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reports nothing for REQ001 without an advisory source, and makes no request', async () => {
    const r = await run(['scan', tmp, '--format', 'json', '--fail-on', 'none'], { DEPLOYGUARD_OSV_API: url, DEPLOYGUARD_CACHE_DIR: path.join(tmp, 'c0') });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(ids(r.stdout), []);
    assert.deepEqual(queried, []);
  });

  it('matches pins against an offline OSV folder', async () => {
    const r = await run(['scan', tmp, '--format', 'json', '--fail-on', 'none', '--advisories', OSV_DIR]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(ids(r.stdout), ['PYSEC-2020-176', 'PYSEC-2020-96', 'PYSEC-2021-142', 'PYSEC-2023-62', 'PYSEC-2026-2151']);
  });

  it('queries an OSV-compatible API with --online-advisories and caches the answers', async () => {
    const cache = path.join(tmp, 'cache');
    const r = await run(['scan', tmp, '--format', 'json', '--fail-on', 'none', '--online-advisories'], { DEPLOYGUARD_OSV_API: url, DEPLOYGUARD_CACHE_DIR: cache });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(ids(r.stdout), ['PYSEC-2020-176', 'PYSEC-2020-96', 'PYSEC-2021-142', 'PYSEC-2023-62', 'PYSEC-2026-2151']);
    assert.ok(queried.some((q) => /flask@2\.2\.2/i.test(q)));
    const before = queried.length;
    server.close();
    const again = await run(['scan', tmp, '--format', 'json', '--fail-on', 'none', '--online-advisories'], { DEPLOYGUARD_OSV_API: url, DEPLOYGUARD_CACHE_DIR: cache });
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(ids(again.stdout), ids(r.stdout), 'answered from the cache with the server gone');
    assert.equal(queried.length, before);
  });

  it('rejects an --advisories path that is not a folder', async () => {
    const r = await run(['scan', tmp, '--advisories', path.join(tmp, 'nope')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--advisories .*not a folder/);
  });
});
