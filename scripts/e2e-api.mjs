// Runs the extension-host mocha suite (test/e2e/suite) inside a real VS Code: code-server 4.139.1
// (VS Code 1.139.1) driven by headless Chromium, offline. The extension is loaded from this
// checkout (extensionDevelopmentPath), the workspace is a fresh copy of test/e2e/workspace.
// Usage: node scripts/e2e-api.mjs [--grep PATTERN]   (prints "api: N passed, N failed")
// DEPLOYGUARD_E2E_VERBOSE=1 also prints the workbench's log; DEPLOYGUARD_E2E_TIMEOUT (ms) bounds the run.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, SUITE_OUT, artifactDir, buildSuite, copyWorkspace, launchBrowser, log, makeTemp, startCodeServer, toolsMissing,
  userSettings, withTimeout,
} from './e2e-lib.mjs';

const VERBOSE = !!process.env.DEPLOYGUARD_E2E_VERBOSE;
const TIMEOUT_MS = Number(process.env.DEPLOYGUARD_E2E_TIMEOUT ?? 300_000);
const grepIndex = process.argv.indexOf('--grep');
const grep = grepIndex > 0 ? process.argv[grepIndex + 1] : undefined;

const missing = toolsMissing();
if (missing.length) {
  console.error(`e2e-api: missing ${missing.join(', ')}; run scripts/e2e-setup.sh (see README)`);
  process.exit(2);
}

const started = Date.now();
await buildSuite();
const tmp = makeTemp('api');
const ws = copyWorkspace(tmp);
userSettings(join(tmp, 'user'));
const resultsFile = join(tmp, 'results.json');
const env = { DEPLOYGUARD_E2E_RESULTS: resultsFile, DEPLOYGUARD_E2E_WORKSPACE: ws };
if (grep) env.DEPLOYGUARD_E2E_GREP = grep;

let server;
let browser;
let exitCode = 1;
try {
  server = await startCodeServer(tmp, { env });
  browser = await launchBrowser(tmp);
  const page = browser.pages()[0] ?? (await browser.newPage());
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const text = Array.isArray(args) ? args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') : String(args);
    for (const line of text.split('\n')) {
      if (line.startsWith('[dg] ')) console.log(`  ${line.slice(5)}`);
      else if (VERBOSE && line.trim()) console.log(`  | ${line}`);
    }
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(join(SUITE_OUT, 'index'))],
    ['skipWelcome', 'true'],
  ];
  const url = `${server.base}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log(`code-server on ${server.base}; workspace ${ws}`);
  await page.goto(url);
  try {
    exitCode = await withTimeout(finished, TIMEOUT_MS, 'extension-host suite');
  } catch (e) {
    const shot = join(artifactDir('api'), 'timeout.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    console.error(`e2e-api: ${e.message}; screenshot ${shot}; code-server log ${server.logFile}`);
    exitCode = 1;
  }
} finally {
  await browser?.close().catch(() => undefined);
  await server?.stop();
}

let summary = { passed: 0, failed: 0, failures: [] };
if (existsSync(resultsFile)) summary = JSON.parse(readFileSync(resultsFile, 'utf8'));
else if (exitCode === 0) summary.failed = 1; // no results but "success": treat as a harness failure
for (const f of summary.failures ?? []) console.log(`  FAILED ${f.title}\n    ${String(f.error).split('\n').join('\n    ')}`);
if (exitCode !== 0 && summary.failed === 0) summary.failed = 1;
console.log(`api: ${summary.passed} passed, ${summary.failed} failed (${Math.round((Date.now() - started) / 1000)} s)`);
if (exitCode === 0 && summary.failed === 0) rmSync(tmp, { recursive: true, force: true });
else console.log(`e2e-api: kept ${tmp} for inspection`);
process.exit(exitCode === 0 && summary.failed === 0 ? 0 : 1);
