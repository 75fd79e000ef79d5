// The protocol and CLI tests drive the real bundles (dist/server.js, dist/cli.js). This builds them
// with `node scripts/build.mjs` when they are missing or older than the sources; a lock folder keeps
// test files that run in parallel from building at the same time.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
export const SERVER_JS = path.join(REPO, 'dist', 'server.js');
export const CLI_JS = path.join(REPO, 'dist', 'cli.js');
const SOURCES = [path.join(REPO, 'server', 'src'), path.join(REPO, 'server', 'schemas'), path.join(REPO, 'package.json')];
const LOCK = path.join(REPO, 'dist', '.build-lock');

function newestMtime(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, name)));
  return max;
}

function upToDate(): boolean {
  const built = Math.min(...[SERVER_JS, CLI_JS].map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
  return built > 0 && built >= Math.max(...SOURCES.map(newestMtime));
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureBuilt(): void {
  if (upToDate()) return;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // Another test file is building: wait for it (a lock older than two minutes is stale).
      try {
        if (Date.now() - fs.statSync(LOCK).mtimeMs > 120_000) fs.rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // it went away meanwhile
      }
      if (Date.now() > deadline) throw new Error('timed out waiting for another build of dist/');
      sleepSync(200);
    }
  }
  try {
    if (upToDate()) return;
    const r = spawnSync(process.execPath, [path.join('scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
