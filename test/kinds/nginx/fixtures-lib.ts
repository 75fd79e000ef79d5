// The nginx fixture corpus (server/src/kinds/nginx/fixtures) and the harness that runs a fixture
// through DeployGuard (in memory) and through the real `nginx -t` (in a temporary prefix).
//
// A fixture is a file `<name>.conf`, or a folder `<name>/` whose `nginx.conf` is the main file.
// Its first comment lines describe it:
//   # fixture: what it shows
//   # wrap: none | http | server      how a single file is embedded (none: it is the main file)
//   # nginx-t: pass | fail | skip <why>
//   # expect: NGX038 NGX019 …          exactly the rule ids reported in the fixture's files
//   # config: {"nginx": {"version": "1.29.3"}}   (optional .deployguard.json)
// Fixtures are analysed with the opt-in rules switched on.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine, MemoryWorkspace, type Finding } from '../../../server/src/engine';
import { nginxKind } from '../../../server/src/kinds/nginx';

export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'server', 'src', 'kinds', 'nginx', 'fixtures');
export const PREFIX = '/ws/etc/nginx';

export interface Fixture {
  name: string;
  description: string;
  wrap: 'none' | 'http' | 'server';
  nginxT: 'pass' | 'fail' | 'skip';
  skipReason?: string;
  expect: string[];
  config?: Record<string, unknown>;
  /** Files DeployGuard analyses, relative to the nginx prefix (a wrapped file is analysed on its own). */
  files: Record<string, string>;
  /** Files nginx -t reads: the analysed files plus the generated main file of a wrapped fixture. */
  nginxFiles: Record<string, string>;
  /** The file the fixture is about, relative to the prefix. */
  main: string;
}

function header(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^#\s*([a-z-]+):\s?(.*)$/.exec(line);
    if (!m) break;
    out[m[1]] = m[2].trim();
  }
  return out;
}

function readDir(dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) readDir(p, base, out);
    else out[path.relative(base, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
  }
  return out;
}

export function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const name of fs.readdirSync(FIXTURES).sort()) {
    const p = path.join(FIXTURES, name);
    let files: Record<string, string>;
    let nginxFiles: Record<string, string>;
    let main: string;
    let wrapDefault: Fixture['wrap'] = 'none';
    if (fs.statSync(p).isDirectory()) {
      files = readDir(p);
      nginxFiles = files;
      main = 'nginx.conf';
    } else {
      const text = fs.readFileSync(p, 'utf8');
      const h = header(text);
      wrapDefault = (h.wrap as Fixture['wrap']) ?? 'http';
      if (wrapDefault === 'none') {
        files = { 'nginx.conf': text };
        nginxFiles = files;
        main = 'nginx.conf';
      } else if (wrapDefault === 'http') {
        main = `sites-available/${name}`;
        files = { [main]: text };
        nginxFiles = { 'nginx.conf': 'events {}\nhttp {\n    include mime.types;\n    include /etc/nginx/sites-enabled/*;\n}\n', [main]: text };
      } else {
        main = `snippets/${name}`;
        files = { [main]: text };
        nginxFiles = {
          'nginx.conf': `events {}\nhttp {\n    include mime.types;\n    server {\n        listen 8080;\n        server_name fixture.example;\n        include ${main};\n    }\n}\n`,
          [main]: text,
        };
      }
    }
    const h = header(files[main]);
    const [t, ...why] = (h['nginx-t'] ?? 'pass').split(/\s+/);
    out.push({
      name,
      description: h.fixture ?? name,
      wrap: wrapDefault,
      nginxT: t as Fixture['nginxT'],
      skipReason: why.join(' ') || undefined,
      expect: (h.expect ?? '').split(/[\s,]+/).filter(Boolean).sort(),
      config: h.config ? JSON.parse(h.config) : undefined,
      files,
      nginxFiles: nginxFiles!,
      main,
    });
  }
  return out;
}

export const OPT_IN = { NGX030: 'on', NGX037: 'on', NGX050: 'on' };

export function workspaceFiles(fx: Fixture, files: Record<string, string> = fx.files): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rel, text] of Object.entries(files)) out[`${PREFIX}/${rel}`] = text;
  const cfg = { ...(fx.config ?? {}), rules: { ...OPT_IN, ...((fx.config?.rules as object) ?? {}) } };
  out['/ws/.deployguard.json'] = JSON.stringify(cfg);
  return out;
}

/** Lints every file of a fixture; returns the findings by prefix-relative file. */
export function lintFixture(fx: Fixture, files: Record<string, string> = fx.files): { findings: (Finding & { rel: string })[]; logs: string[] } {
  const ws = new MemoryWorkspace(workspaceFiles(fx, files), ['/ws']);
  const logs: string[] = [];
  const engine = new Engine(ws, ['/ws'], [nginxKind], { log: (m) => logs.push(m) });
  const findings: (Finding & { rel: string })[] = [];
  for (const rel of Object.keys(files)) {
    if (rel === 'mime.types') continue;
    for (const f of engine.lintFile(`${PREFIX}/${rel}`).findings) findings.push({ ...f, rel });
  }
  return { findings, logs };
}

// ---- nginx -t ------------------------------------------------------------------------------------

export function nginxBinary(): string | undefined {
  for (const p of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(p)) return p;
  return undefined;
}

let certDir: string | undefined;
function certs(): { cert: string; key: string; dh: string } {
  if (!certDir) {
    certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-nginx-certs-'));
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=fixture.example', '-keyout', path.join(certDir, 'key.pem'), '-out', path.join(certDir, 'cert.pem')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl req failed: ${r.stderr}`);
    const d = spawnSync('openssl', ['genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', 'group:ffdhe2048', '-out', path.join(certDir, 'dh.pem')], { encoding: 'utf8' });
    if (d.status !== 0) throw new Error(`openssl genpkey failed: ${d.stderr}`);
  }
  return { cert: path.join(certDir, 'cert.pem'), key: path.join(certDir, 'key.pem'), dh: path.join(certDir, 'dh.pem') };
}

const STOCK = ['mime.types', 'fastcgi_params', 'fastcgi.conf', 'proxy_params', 'uwsgi_params', 'scgi_params', 'snippets/fastcgi-php.conf'];
const CERT_DIRECTIVE = /\b(ssl_certificate_key|ssl_certificate|ssl_trusted_certificate|ssl_client_certificate|proxy_ssl_trusted_certificate|ssl_dhparam)\s+("[^"\n]{1,500}"|'[^'\n]{1,500}'|[^\s;]{1,500})/g;

/**
 * Runs `nginx -t` on the files (relative to the prefix) in a temporary prefix. Absolute paths under
 * /etc, /var/log and /run are mapped into the temporary folder; certificate, key and dhparam files
 * the configuration names are generated there (a throwaway self-signed pair, an ffdhe2048 group);
 * the stock mime.types and fastcgi/proxy/uwsgi params come from the installed nginx.
 */
export function nginxTest(files: Record<string, string>): { ok: boolean; output: string } {
  const bin = nginxBinary();
  if (!bin) throw new Error('nginx is not installed (apt-get install nginx-light)');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-nginx-t-'));
  try {
    const prefix = path.join(tmp, 'etc', 'nginx');
    fs.mkdirSync(prefix, { recursive: true });
    for (const d of ['var/log/nginx', 'run', 'var/lib/nginx']) fs.mkdirSync(path.join(tmp, d), { recursive: true });
    const mapPaths = (text: string) => text.replace(/(^|[\s"'=])\/(etc|var\/log|run|var\/lib\/nginx)\//gm, (_m, pre: string, dir: string) => `${pre}${tmp}/${dir}/`);
    for (const stock of STOCK) {
      const src = path.join('/etc/nginx', stock);
      if (fs.existsSync(src) && !(stock in files)) {
        fs.mkdirSync(path.dirname(path.join(prefix, stock)), { recursive: true });
        fs.copyFileSync(src, path.join(prefix, stock));
      }
    }
    const { cert, key, dh } = certs();
    // Deployment links sites-enabled to sites-available; a repository holds only the latter.
    const all: Record<string, string> = { ...files };
    if (!Object.keys(files).some((f) => f.startsWith('sites-enabled/'))) {
      for (const [rel, text] of Object.entries(files)) if (rel.startsWith('sites-available/')) all[rel.replace('sites-available/', 'sites-enabled/')] = text;
    }
    for (const [rel, text] of Object.entries(all)) {
      const p = path.join(prefix, rel);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      const mapped = mapPaths(text);
      fs.writeFileSync(p, mapped);
      CERT_DIRECTIVE.lastIndex = 0;
      for (let m = CERT_DIRECTIVE.exec(mapped); m; m = CERT_DIRECTIVE.exec(mapped)) {
        let target = m[2].replace(/^["']|["']$/g, '');
        if (target.includes('$') || target.startsWith('data:')) continue;
        if (!path.isAbsolute(target)) target = path.join(prefix, target);
        if (fs.existsSync(target) && !target.startsWith(prefix)) continue;
        if (Object.keys(files).some((f) => path.join(prefix, f) === target)) continue;
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(m[1] === 'ssl_certificate_key' ? key : m[1] === 'ssl_dhparam' ? dh : cert, target);
      }
    }
    const r = spawnSync(bin, ['-t', '-q', '-p', prefix + '/', '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(tmp, 'error.log')], { encoding: 'utf8', timeout: 30_000 });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.split(tmp).join('');
    return { ok: r.status === 0, output: output.trim() };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Fails in CI, skips visibly elsewhere, when nginx is missing. */
export function requireNginx(): boolean {
  if (nginxBinary()) return true;
  if (process.env.CI) throw new Error('nginx is required in CI: apt-get install nginx-light');
  console.log('SKIPPED: nginx is not installed (apt-get install nginx-light); the nginx -t agreement tests did not run');
  return false;
}
