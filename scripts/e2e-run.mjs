// `npm run test:e2e`: the real-VS-Code suites, each in its own process with a hard timeout.
//   grammars  TextMate grammars tokenized by VS Code's engine (scripts/e2e-grammars.mjs)
//   api       extension-host mocha suite in code-server (scripts/e2e-api.mjs)
//   ui        the packaged .vsix in code-server, driven through Chromium (scripts/e2e-ui.mjs)
// Usage: node scripts/e2e-run.mjs [grammars|api|ui ...]
// Installs Node 24 and code-server into .e2e-tools/ when missing (scripts/e2e-setup.sh; needs the npm
// registry). Chromium and libkrb5-dev come from apt (.ci/run). Without them the suites fail in CI
// (CI set) and are skipped with a message elsewhere.
import { spawn, spawnSync } from 'node:child_process';
import { ROOT, toolsMissing } from './e2e-lib.mjs';

const SUITES = {
  grammars: { script: 'scripts/e2e-grammars.mjs', timeout: 120_000 },
  api: { script: 'scripts/e2e-api.mjs', timeout: 420_000 },
  ui: { script: 'scripts/e2e-ui.mjs', timeout: 480_000 },
};
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(SUITES);
for (const n of names) {
  if (!SUITES[n]) {
    console.error(`e2e: unknown suite "${n}" (grammars, api, ui)`);
    process.exit(2);
  }
}

if (toolsMissing().length) {
  const setup = spawnSync('bash', ['scripts/e2e-setup.sh'], { cwd: ROOT, stdio: 'inherit' });
  const still = toolsMissing();
  if (setup.status !== 0 || still.length) {
    const msg = `e2e: cannot run the real-VS-Code suites: missing ${still.join(', ') || 'tools (scripts/e2e-setup.sh failed)'}`;
    if (process.env.CI) {
      console.error(`${msg}\n0 passed, 1 failed`);
      process.exit(1);
    }
    console.log(`${msg}\ne2e: SKIPPED (install them as README "Tests in a real VS Code" says; CI fails instead of skipping)`);
    process.exit(0);
  }
}

function runSuite(name) {
  const { script, timeout } = SUITES[name];
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    let summary;
    let buf = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      buf += d;
      const m = buf.match(new RegExp(`^${name}: (\\d+) passed, (\\d+) failed`, 'm'));
      if (m) summary = { passed: Number(m[1]), failed: Number(m[2]) };
    });
    const timer = setTimeout(() => {
      console.log(`e2e: ${name} exceeded ${timeout / 1000} s; stopping it`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, timeout);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const s = summary ?? { passed: 0, failed: 1 };
      if (code !== 0 && s.failed === 0) s.failed = 1;
      resolve({ name, ...s, seconds: Math.round((Date.now() - t0) / 1000) });
    });
  });
}

const results = [];
for (const n of names) results.push(await runSuite(n));
console.log('\ne2e summary:');
for (const r of results) console.log(`  ${r.name.padEnd(9)} ${r.passed} passed, ${r.failed} failed (${r.seconds} s)`);
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
