// `npm run bench`: what users feel, measured over the real LSP protocol and the real CLI.
// Prints a table with each figure's target and writes bench/results.json (not committed).
//   1. keystroke → pulled diagnostics, per kind, large and typical files (+ ½× and 2× for linearity)
//   2. workspace scan of 10,000 supported files among 50,000 unrelated ones (CLI and workspace/diagnostic)
//   3. start-up: server start → first diagnostics; offline advisory folder indexing
//   4. peers available here, as whole processes: dockerfile-utils, nginx -t
// Options: --quick (fewer edits, smaller scan), --only keystroke,scan,startup,peers,
//          --kinds nginx,sshd (keystroke scenarios of these kinds only)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceDiagnosticRequest } from 'vscode-languageserver/node';
import { TestClient } from '../test/protocol/client';
import { CLI_JS, ensureBuilt, SERVER_JS } from '../test/protocol/bundle';
import * as gen from './generate';

const REPO = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only'));
const ONLY = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',') : undefined;
const want = (s: string) => !ONLY || ONLY.includes(s);
const kindsArg = args.find((a) => a.startsWith('--kinds'));
const KINDS_ONLY = kindsArg ? (kindsArg.includes('=') ? kindsArg.split('=')[1] : args[args.indexOf(kindsArg) + 1]).split(',') : undefined;

interface Row {
  section: string;
  name: string;
  value: string;
  target?: string;
  pass?: boolean;
}
const rows: Row[] = [];
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, quick: QUICK };

function row(r: Row): void {
  rows.push(r);
  const mark = r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL';
  console.log(`  ${r.section.padEnd(11)} ${r.name.padEnd(46)} ${r.value.padStart(22)}  ${(r.target ?? '').padEnd(14)} ${mark}`);
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
}
const median = (xs: number[]) => quantile(xs, 0.5);
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

function tmpdir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `dg-bench-${name}-`));
}

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
}

// ---------------------------------------------------------------- 1. keystroke → diagnostics

interface Scenario {
  kind: string;
  target: string;
  languageId: string;
  files: (scale: number) => Record<string, string>;
  /** Lines of the target at scale 1 (large) and for the typical-size run. */
  large: number;
}

const SCENARIOS: Scenario[] = [
  {
    kind: 'nginx',
    target: 'etc/nginx/sites-enabled/app.conf',
    languageId: 'nginx',
    large: 5000,
    files: (lines) => ({
      'etc/nginx/nginx.conf': gen.nginxMain(),
      'etc/nginx/sites-enabled/app.conf': gen.nginxSite(1, lines),
      'etc/nginx/snippets/headers.conf': gen.NGINX_HEADERS,
    }),
  },
  {
    kind: 'django',
    target: 'config/settings/prod.py',
    languageId: 'python',
    large: 2000,
    files: (lines) => ({
      'config/settings/base.py': gen.djangoBase(2, Math.max(30, Math.round(lines / 2))),
      'config/settings/prod.py': gen.djangoProd(3, lines),
    }),
  },
  { kind: 'requirements', target: 'requirements.txt', languageId: 'pip-requirements', large: 1000, files: (lines) => ({ 'requirements.txt': gen.requirements(4, lines) }) },
  { kind: 'dockerfile', target: 'Dockerfile', languageId: 'dockerfile', large: 500, files: (lines) => ({ Dockerfile: gen.dockerfile(5, lines) }) },
  {
    kind: 'sshd',
    target: 'etc/ssh/sshd_config',
    languageId: 'sshd_config',
    large: 300,
    files: (lines) => {
      const files: Record<string, string> = { 'etc/ssh/sshd_config': gen.sshdMain(6, lines) };
      for (let i = 0; i < 5; i++) files[`etc/ssh/sshd_config.d/${10 + i}-drop.conf`] = gen.sshdDropIn(i);
      return files;
    },
  },
];

/** CPU time and run-queue wait of a process's main thread so far, in ms (Linux); undefined elsewhere. */
function schedstat(pid: number): { cpu: number; wait: number } | undefined {
  try {
    const [cpu, wait] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return { cpu: cpu / 1e6, wait: wait / 1e6 };
  } catch {
    return undefined;
  }
}

interface KeystrokeTimes {
  /** didChange → pulled diagnostics, wall ms. */
  times: number[];
  /** The server's main-thread CPU ms per keystroke, and ms it waited for a CPU (a busy machine). */
  cpu: number[];
  wait: number[];
}

async function keystroke(s: Scenario, lines: number, edits: number): Promise<KeystrokeTimes> {
  const root = tmpdir(s.kind);
  write(root, s.files(lines));
  const client = await TestClient.start({ root, settings: { debounce: 0 } });
  try {
    const file = path.join(root, s.target);
    const uri = await client.open(file, undefined, s.languageId);
    // Pulls carry the previous result id, as VS Code sends it: unchanged diagnostics come back as
    // an "unchanged" report.
    let resultId: string | undefined = (await client.pull(uri)).resultId;
    const r = gen.rng(lines * 31 + s.kind.length);
    const times: number[] = [];
    const cpu: number[] = [];
    const wait: number[] = [];
    const pid = client.proc.pid!;
    for (let i = 0; i < edits; i++) {
      const text = client.text(uri);
      const lineCount = text.split('\n').length;
      const line = Math.floor(r() * lineCount);
      const lineText = text.split('\n')[line] ?? '';
      const ch = Math.floor(r() * (lineText.length + 1));
      const typing = i % 2 === 0 || lineText.length === 0;
      const change = typing
        ? { range: { start: { line, character: ch }, end: { line, character: ch } }, text: 'x' }
        : { range: { start: { line, character: Math.max(0, ch - 1) }, end: { line, character: Math.max(0, ch - 1) + 1 } }, text: '' };
      const before = schedstat(pid);
      const t0 = process.hrtime.bigint();
      await client.change(uri, [change]);
      resultId = (await client.pull(uri, resultId)).resultId;
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const after = schedstat(pid);
      if (before && after) {
        cpu.push(after.cpu - before.cpu);
        wait.push(after.wait - before.wait);
      }
    }
    return { times, cpu, wait };
  } finally {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function benchKeystroke(): Promise<void> {
  console.log('\n1. Keystroke → pulled diagnostics (over LSP, debounce 0, incremental didChange + textDocument/diagnostic)');
  const edits = QUICK ? 60 : 300;
  const out: Record<string, unknown> = {};
  for (const s of SCENARIOS) {
    if (!fs.existsSync(path.join(REPO, 'server', 'src', 'kinds', s.kind))) continue;
    if (KINDS_ONLY && !KINDS_ONLY.includes(s.kind)) continue;
    const largeRun = await keystroke(s, s.large, edits);
    const typicalRun = await keystroke(s, 150, edits);
    const large = largeRun.times;
    const typical = typicalRun.times;
    const half = (await keystroke(s, Math.round(s.large / 2), Math.round(edits / 5))).times;
    const double = (await keystroke(s, s.large * 2, Math.round(edits / 5))).times;
    const p95L = quantile(large, 0.95);
    const p95T = quantile(typical, 0.95);
    row({ section: 'keystroke', name: `${s.kind} ${s.large} lines: p50 / p95 / max`, value: `${median(large).toFixed(1)} / ${p95L.toFixed(1)} / ${Math.max(...large).toFixed(1)} ms`, target: 'p95 ≤ 30 ms', pass: p95L <= 30 });
    row({ section: 'keystroke', name: `${s.kind} 150 lines: p50 / p95 / max`, value: `${median(typical).toFixed(1)} / ${p95T.toFixed(1)} / ${Math.max(...typical).toFixed(1)} ms`, target: 'p95 ≤ 10 ms', pass: p95T <= 10 });
    for (const [label, run] of [[`${s.large} lines`, largeRun], ['150 lines', typicalRun]] as const) {
      if (run.cpu.length === 0) continue;
      row({ section: 'keystroke', name: `${s.kind} ${label}: server CPU p50 / p95`, value: `${median(run.cpu).toFixed(1)} / ${quantile(run.cpu, 0.95).toFixed(1)} ms` });
      row({ section: 'keystroke', name: `${s.kind} ${label}: waiting for a CPU p50 / p95`, value: `${median(run.wait).toFixed(1)} / ${quantile(run.wait, 0.95).toFixed(1)} ms` });
    }
    const ratio = median(double) / median(half);
    row({ section: 'linearity', name: `${s.kind} p50 at 2× ÷ p50 at ½× (4× the input)`, value: ratio.toFixed(2), target: '≈ 4 or less', pass: ratio <= 6 });
    const cpuOf = (run: KeystrokeTimes) => (run.cpu.length ? { cpuP50: median(run.cpu), cpuP95: quantile(run.cpu, 0.95), waitP50: median(run.wait), waitP95: quantile(run.wait, 0.95) } : {});
    out[s.kind] = {
      large: { lines: s.large, p50: median(large), p95: p95L, max: Math.max(...large), ...cpuOf(largeRun) },
      typical: { lines: 150, p50: median(typical), p95: p95T, max: Math.max(...typical), ...cpuOf(typicalRun) },
      half: median(half),
      double: median(double),
    };
  }
  results.keystroke = out;
}

// ---------------------------------------------------------------- 2. workspace scan

/** A repo of `supported` config files of realistic size mixed into `unrelated` other files. */
function makeBigRepo(supported: number, unrelated: number): string {
  const root = tmpdir('repo');
  const perApp = 10;
  for (let i = 0; i < supported / perApp; i++) {
    const app = `apps/app${i}`;
    write(root, {
      [`${app}/etc/nginx/nginx.conf`]: gen.nginxMain(),
      [`${app}/etc/nginx/sites-enabled/site.conf`]: gen.nginxSite(i, 120),
      [`${app}/etc/nginx/snippets/headers.conf`]: gen.NGINX_HEADERS,
      [`${app}/etc/ssh/sshd_config`]: gen.sshdMain(i, 60),
      [`${app}/etc/ssh/sshd_config.d/50-cloud-init.conf`]: gen.sshdDropIn(0),
      [`${app}/config/settings/base.py`]: gen.djangoBase(i, 120),
      [`${app}/config/settings/prod.py`]: gen.djangoProd(i, 60),
      [`${app}/requirements/prod.txt`]: gen.requirements(i, 40),
      [`${app}/requirements/dev.txt`]: gen.requirements(i + 1, 20),
      [`${app}/Dockerfile`]: gen.dockerfile(i, 60),
    });
  }
  const blob = Buffer.alloc(2048, 7);
  for (let i = 0; i < unrelated; i++) {
    const bucket = i % 3;
    const dir = bucket === 0 ? `node_modules/pkg${i % 500}/lib` : bucket === 1 ? `.git/objects/${(i % 256).toString(16).padStart(2, '0')}` : `assets/img${i % 200}`;
    fs.mkdirSync(path.join(root, dir), { recursive: true });
    fs.writeFileSync(path.join(root, dir, bucket === 0 ? `m${i}.js` : bucket === 1 ? `o${i}` : `i${i}.png`), bucket === 0 ? `module.exports = ${i};\n` : blob);
  }
  return root;
}

const RSS_HOOK = path.join(os.tmpdir(), 'dg-bench-rss-hook.js');
fs.writeFileSync(RSS_HOOK, "process.on('exit', () => { try { require('fs').writeSync(2, `\\nDG_MAXRSS_KB=${process.resourceUsage().maxRSS}\\n`); } catch {} });\n");

function runCli(argv: string[]): { ms: number; rssMb: number; stdout: string; status: number | null } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', RSS_HOOK, CLI_JS, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /DG_MAXRSS_KB=(\d+)/.exec(r.stderr ?? '');
  return { ms: elapsed, rssMb: m ? Number(m[1]) / 1024 : NaN, stdout: r.stdout, status: r.status };
}

function vmHwmMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function benchScan(): Promise<void> {
  const supported = QUICK ? 1000 : 10_000;
  const unrelated = QUICK ? 5000 : 50_000;
  console.log(`\n2. Workspace scan: ${supported} supported files among ${unrelated} unrelated ones`);
  const t0 = Date.now();
  const root = makeBigRepo(supported, unrelated);
  console.log(`  (generated in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  try {
    const runs = QUICK ? 1 : 2;
    const cli: { ms: number; rssMb: number; files: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const r = runCli(['scan', root, '--format', 'json', '--fail-on', 'none']);
      let files = NaN;
      try {
        const json = JSON.parse(r.stdout);
        files = json.summary?.filesScanned ?? json.filesScanned ?? NaN;
      } catch {
        // reported below as NaN
      }
      cli.push({ ms: r.ms, rssMb: r.rssMb, files });
    }
    const wall = median(cli.map((c) => c.ms));
    const rss = Math.max(...cli.map((c) => c.rssMb));
    row({ section: 'scan', name: `CLI: wall time (median of ${runs})`, value: `${(wall / 1000).toFixed(2)} s`, target: '≤ 10 s', pass: wall <= 10_000 });
    row({ section: 'scan', name: 'CLI: files per second', value: `${Math.round(supported / (wall / 1000))}` });
    row({ section: 'scan', name: 'CLI: peak RSS', value: `${rss.toFixed(0)} MB`, target: '≤ 400 MB', pass: rss <= 400 });
    row({ section: 'scan', name: 'CLI: files reported as scanned', value: `${cli[0].files}` });

    const client = await TestClient.start({ root });
    try {
      // As VS Code asks: with a partial-result token, so reports stream in chunks.
      let streamed = 0;
      const token = 'bench-workspace-diagnostic';
      client.conn.onProgress(WorkspaceDiagnosticRequest.partialResult, token, (chunk) => void (streamed += chunk.items.length));
      const t1 = process.hrtime.bigint();
      const report = await client.request('workspace/diagnostic', { previousResultIds: [], partialResultToken: token });
      const lspMs = Number(process.hrtime.bigint() - t1) / 1e6;
      const lspRss = vmHwmMb(client.proc.pid!);
      const documents = streamed + report.items.length;
      row({ section: 'scan', name: 'workspace/diagnostic: wall time', value: `${(lspMs / 1000).toFixed(2)} s`, target: '≤ 10 s', pass: lspMs <= 10_000 });
      row({ section: 'scan', name: 'workspace/diagnostic: documents reported', value: `${documents}` });
      row({ section: 'scan', name: 'workspace/diagnostic: server peak RSS', value: `${lspRss.toFixed(0)} MB`, target: '≤ 400 MB', pass: lspRss <= 400 });
      results.scan = { supported, unrelated, cli: { wallMs: wall, peakRssMb: rss, runs: cli }, lsp: { wallMs: lspMs, peakRssMb: lspRss, documents } };
    } finally {
      await client.stop();
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- 3. start-up

async function benchStartup(): Promise<void> {
  console.log('\n3. Start-up');
  const root = tmpdir('start');
  write(root, { 'etc/ssh/sshd_config': gen.sshdMain(7, 120), 'etc/nginx/nginx.conf': gen.nginxMain('sites/*.conf'), 'etc/nginx/sites/a.conf': gen.nginxSite(7, 150) });
  const times: number[] = [];
  try {
    for (let i = 0; i < (QUICK ? 3 : 7); i++) {
      const t0 = process.hrtime.bigint();
      const client = await TestClient.start({ root, settings: { debounce: 0 } });
      const uri = await client.open(path.join(root, 'etc/ssh/sshd_config'), undefined, 'sshd_config');
      await client.diagnostics(uri);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      await client.stop();
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  row({ section: 'startup', name: 'server start → first diagnostics (median)', value: ms(median(times)), target: '≤ 500 ms', pass: median(times) <= 500 });
  results.startup = { firstDiagnosticsMs: times };

  const osv = path.resolve(REPO, '..', 'shared', 'osv-pypi');
  const indexer = path.join(REPO, 'bench', 'advisories.ts');
  if (fs.existsSync(osv) && fs.existsSync(indexer)) {
    const loads: number[] = [];
    for (let i = 0; i < (QUICK ? 2 : 5); i++) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', indexer, '--json', osv], { encoding: 'utf8', cwd: REPO });
      const m = /"indexMs"\s*:\s*([\d.]+)/.exec(r.stdout);
      if (m) loads.push(Number(m[1]));
    }
    if (loads.length) {
      row({ section: 'startup', name: 'offline advisory folder indexed (median)', value: ms(median(loads)), target: '≤ 1000 ms', pass: median(loads) <= 1000 });
      results.advisoriesIndexMs = loads;
    } else {
      row({ section: 'startup', name: 'offline advisory folder indexed', value: 'n/a (indexer printed no indexMs)' });
    }
  } else {
    row({ section: 'startup', name: 'offline advisory folder indexed', value: 'skipped: ../shared/osv-pypi missing' });
  }
}

// ---------------------------------------------------------------- 4. peers

function whole(cmd: string, argv: string[], opts: { cwd?: string } = {}): number {
  const t0 = process.hrtime.bigint();
  spawnSync(cmd, argv, { encoding: 'utf8', cwd: opts.cwd });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function benchPeers(): Promise<void> {
  console.log('\n4. Peers available here, as whole processes (median per file)');
  const root = tmpdir('peers');
  const n = QUICK ? 3 : 7;
  try {
    write(root, { Dockerfile: gen.dockerfile(9, 150) });
    const peerScript = path.join(root, 'peer.js');
    fs.writeFileSync(peerScript, `const u=require(${JSON.stringify(require.resolve('dockerfile-utils'))});const t=require('fs').readFileSync(process.argv[2],'utf8');u.validate(t);`);
    const dfu = Array.from({ length: n }, () => whole(process.execPath, [peerScript, path.join(root, 'Dockerfile')]));
    const ours = Array.from({ length: n }, () => whole(process.execPath, [CLI_JS, 'scan', path.join(root, 'Dockerfile'), '--fail-on', 'none']));
    row({ section: 'peers', name: 'dockerfile-utils validate (whole process)', value: ms(median(dfu)) });
    row({ section: 'peers', name: 'deployguard scan Dockerfile (whole process)', value: ms(median(ours)) });
    row({ section: 'peers', name: 'ratio dockerfile-utils ÷ deployguard', value: (median(dfu) / median(ours)).toFixed(2) });
    results.peers = { dockerfileUtilsMs: dfu, deployguardDockerfileMs: ours };

    const nginx = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim();
    if (nginx) {
      const prefix = path.join(root, 'nginx');
      write(prefix, { 'conf/nginx.conf': `pid ${prefix}/nginx.pid;\nerror_log ${prefix}/error.log;\nevents {}\nhttp {\n  access_log off;\n  server {\n    listen 127.0.0.1:8080;\n    location / { root /srv; autoindex on; }\n    location /api/ { proxy_pass http://127.0.0.1:8000; }\n  }\n}\n` });
      fs.mkdirSync(path.join(prefix, 'logs'), { recursive: true });
      const t = Array.from({ length: n }, () => whole(nginx, ['-t', '-q', '-p', prefix, '-c', path.join(prefix, 'conf/nginx.conf')]));
      const o = Array.from({ length: n }, () => whole(process.execPath, [CLI_JS, 'scan', path.join(prefix, 'conf/nginx.conf'), '--fail-on', 'none']));
      row({ section: 'peers', name: 'nginx -t (whole process)', value: ms(median(t)) });
      row({ section: 'peers', name: 'deployguard scan nginx.conf (whole process)', value: ms(median(o)) });
      row({ section: 'peers', name: 'ratio nginx -t ÷ deployguard', value: (median(t) / median(o)).toFixed(2) });
      (results.peers as Record<string, unknown>).nginxTMs = t;
      (results.peers as Record<string, unknown>).deployguardNginxMs = o;
    } else {
      row({ section: 'peers', name: 'nginx -t', value: 'skipped: nginx not installed' });
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  ensureBuilt();
  if (!fs.existsSync(SERVER_JS)) throw new Error('dist/server.js missing');
  const t0 = Date.now();
  console.log(`DeployGuard benchmark — node ${process.version}, ${os.cpus().length} cores${QUICK ? ', quick mode' : ''}`);
  console.log(`  ${'section'.padEnd(11)} ${'figure'.padEnd(46)} ${'value'.padStart(22)}  ${'target'.padEnd(14)} result`);
  if (want('keystroke')) await benchKeystroke();
  if (want('scan')) await benchScan();
  if (want('startup')) await benchStartup();
  if (want('peers')) await benchPeers();
  const failed = rows.filter((r) => r.pass === false);
  results.rows = rows;
  results.totalSeconds = (Date.now() - t0) / 1000;
  fs.writeFileSync(path.join(REPO, 'bench', 'results.json'), JSON.stringify(results, null, 2));
  console.log(`\n${rows.filter((r) => r.pass).length} targets met, ${failed.length} missed; ${results.totalSeconds} s; results in bench/results.json`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
