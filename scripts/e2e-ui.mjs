// UI tests in a real VS Code: packages the .vsix (`npm run package`), installs that very file into
// code-server 4.139.1, opens the fixture workspace in headless Chromium and checks what a person
// sees: squiggles, the Problems panel, Ctrl+. quick fixes, the status bar item. Each test saves a
// screenshot to test-artifacts/ui/. Prints "ui: N passed, N failed".
// Usage: node scripts/e2e-ui.mjs [--no-package] [--update-readme-image]
//   --update-readme-image copies the quick-fix screenshot to docs/images/quickfix.png (README).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UI_CASE } from '../test/e2e/ui/case.mjs';
import {
  ROOT, artifactDir, copyWorkspace, installExtension, launchBrowser, log, makeTemp, startCodeServer, toolsMissing,
  userSettings, withTimeout, zipEntries,
} from './e2e-lib.mjs';

const TIMEOUT_MS = Number(process.env.DEPLOYGUARD_E2E_TIMEOUT ?? 300_000);
const VSIX = join(ROOT, 'deployguard.vsix');
const MAX_VSIX_BYTES = 2 * 1024 * 1024;
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/dist\/(extension|server)\.js$/,
  /^extension\/docs\/rules\/[A-Z]{2,3}\d{3}\.md$/,
  /^extension\/docs\/images\/quickfix\.png$/,
  /^extension\/server\/schemas\/deployguard\.schema\.json$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/images\/icon\.png$/,
];

const missing = toolsMissing();
if (missing.length) {
  console.error(`e2e-ui: missing ${missing.join(', ')}; run scripts/e2e-setup.sh (see README)`);
  process.exit(2);
}

const started = Date.now();
const shots = artifactDir('ui');
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });
if (!process.argv.includes('--no-package')) {
  const t0 = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`${r.stdout}\n${r.stderr}\ne2e-ui: npm run package failed\nui: 0 passed, 1 failed`);
    process.exit(1);
  }
  log(`npm run package: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const results = [];
let page;
let shotIndex = 0;
let quickFixShot;
async function test(name, fn) {
  const slug = `${String(++shotIndex).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 50)}`;
  const t0 = Date.now();
  try {
    await fn(slug);
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false, error: e });
    console.log(`  ✗ ${name}: ${e?.message ?? e}`);
  } finally {
    if (page) await page.screenshot({ path: join(shots, `${slug}.png`) }).catch(() => undefined);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Text of the DeployGuard status bar item. */
async function statusText() {
  return (await page.locator('[id$="deployguard.status"]').first().textContent())?.trim() ?? '';
}

/** Runs a command by its palette title (F1). */
async function palette(title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
  await page.keyboard.type(title);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

async function openFile(relPath) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
  await page.keyboard.type(relPath);
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor();
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .view-lines').first().waitFor();
}

async function goToLine(line) {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
}

/** Rows of the Problems panel naming the rule. */
function problemRows(rule) {
  return page.locator('.markers-panel .monaco-list-row', { hasText: rule });
}

async function main() {
  await test('package: the .vsix is under 2 MB and holds only bundles, docs, schema, grammars and texts', async () => {
    const size = statSync(VSIX).size;
    assert(size < MAX_VSIX_BYTES, `deployguard.vsix is ${size} bytes`);
    const entries = zipEntries(readFileSync(VSIX)).map((e) => e.name);
    const unexpected = entries.filter((n) => !ALLOWED.some((re) => re.test(n)));
    assert(unexpected.length === 0, `unexpected files in the .vsix: ${unexpected.join(', ')}`);
    for (const need of ['extension/dist/extension.js', 'extension/dist/server.js', 'extension/server/schemas/deployguard.schema.json', 'extension/images/icon.png']) {
      assert(entries.includes(need), `${need} missing from the .vsix`);
    }
    assert(entries.some((n) => /^extension\/docs\/rules\/[A-Z]+\d{3}\.md$/.test(n)), 'no rule pages in the .vsix');
    log(`deployguard.vsix: ${(size / 1024).toFixed(0)} KB, ${entries.length} files`);
  });

  const tmp = makeTemp('ui');
  installExtension(tmp, VSIX);
  const ws = copyWorkspace(tmp);
  userSettings(join(tmp, 'user'));
  const server = await startCodeServer(tmp);
  const browser = await launchBrowser(tmp);
  try {
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.base}/?folder=${encodeURIComponent(ws)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
    await openFile(UI_CASE.file);

    let before = 0;
    await test('status bar item shows the number of findings and files', async () => {
      await page.waitForFunction(
        () => /\d+ findings? in \d+ files?/.test(document.querySelector('[id$="deployguard.status"]')?.textContent ?? ''),
        undefined,
        { timeout: 60_000 },
      );
      // The workspace scan reports files as it goes: take the count once it has settled.
      let text = await statusText();
      for (let still = 0; still < 3; ) {
        await page.waitForTimeout(1000);
        const now = await statusText();
        still = now === text ? still + 1 : 0;
        text = now;
      }
      before = Number(/(\d+) findings?/.exec(text)[1]);
      assert(before > 0, `status bar says "${text}"`);
    });

    await test('a squiggle is rendered under the finding', async () => {
      await page.locator(`.view-overlays [class*="squiggly-${UI_CASE.squiggle}"]`).first().waitFor({ timeout: 30_000 });
      const count = await page.locator('.view-overlays [class*="squiggly-"]').count();
      assert(count > 0, 'no squiggle');
    });

    await test('the Problems panel lists the finding with its rule id', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor({ state: 'visible' });
      // The list is virtual and the workspace has findings of every kind: filter it to the rule.
      await page.getByPlaceholder(/^Filter \(e\.g\./).first().fill(UI_CASE.rule);
      await problemRows(UI_CASE.rule).first().waitFor({ timeout: 30_000 });
      const text = await problemRows(UI_CASE.rule).first().textContent();
      assert(text.includes(UI_CASE.messageFragment), `Problems row: ${text}`);
    });

    await test('Ctrl+. offers the quick fix; applying it changes the line and clears the problem', async (slug) => {
      await page.locator('.editor-instance .view-lines').first().click();
      await goToLine(UI_CASE.line);
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget .monaco-list-row', { hasText: UI_CASE.fixTitle }).first();
      await item.waitFor({ state: 'visible', timeout: 30_000 });
      quickFixShot = join(shots, `${slug}-menu.png`);
      await page.screenshot({ path: quickFixShot });
      await item.click();
      await page.locator('.view-lines', { hasText: UI_CASE.fixedText }).first().waitFor({ timeout: 30_000 });
      await page.waitForFunction(
        (rule) => ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => r.textContent.includes(rule)),
        UI_CASE.rule,
        { timeout: 30_000 },
      );
    });

    await test('clicking the status bar item opens the Problems panel', async () => {
      await page.keyboard.press('Control+J'); // hide the panel
      await page.locator('.markers-panel').waitFor({ state: 'hidden' });
      await page.locator('[id$="deployguard.status"]').first().click();
      await page.locator('.markers-panel').waitFor({ state: 'visible' });
    });

    await test('the status bar count drops after the fix', async () => {
      await page.waitForFunction(
        (n) => {
          const m = /(\d+) findings? in/.exec(document.querySelector('[id$="deployguard.status"]')?.textContent ?? '');
          return m && Number(m[1]) < n;
        },
        before,
        { timeout: 30_000 },
      );
    });
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

let crashed;
try {
  await withTimeout(main(), TIMEOUT_MS, 'UI tests');
} catch (e) {
  crashed = e;
  console.log(`  ✗ UI run aborted: ${e?.stack ?? e}`);
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed + (crashed ? 1 : 0);
if (failed === 0 && process.argv.includes('--update-readme-image')) {
  mkdirSync(join(ROOT, 'docs/images'), { recursive: true });
  copyFileSync(quickFixShot, join(ROOT, 'docs/images/quickfix.png'));
  log('updated docs/images/quickfix.png');
}
console.log(`ui: ${passed} passed, ${failed} failed (${Math.round((Date.now() - started) / 1000)} s; screenshots in test-artifacts/ui/)`);
process.exit(failed === 0 ? 0 : 1);
