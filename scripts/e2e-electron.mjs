// `npm run test:electron`: the same extension-host suite as scripts/e2e-api.mjs, run by
// @vscode/test-electron in a desktop VS Code. It DOWNLOADS VS Code from Microsoft's update server
// on first use (into .e2e-tools/vscode-test/), so it needs internet; on machines without it use
// `npm run test:e2e` (code-server, offline). On Linux CI without a display, run it under xvfb-run.
// Usage: node scripts/e2e-electron.mjs [--version stable|1.91.0|…]
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT, SUITE_OUT, buildSuite, copyWorkspace, makeTemp } from './e2e-lib.mjs';

const vi = process.argv.indexOf('--version');
const version = vi > 0 ? process.argv[vi + 1] : 'stable';

await buildSuite();
const tmp = makeTemp('electron');
const ws = copyWorkspace(tmp);
const resultsFile = join(tmp, 'results.json');
let code = 0;
try {
  code = await runTests({
    version,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(SUITE_OUT, 'index'),
    cachePath: join(ROOT, '.e2e-tools', 'vscode-test'),
    launchArgs: [ws, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', join(tmp, 'user')],
    extensionTestsEnv: { DEPLOYGUARD_E2E_RESULTS: resultsFile, DEPLOYGUARD_E2E_WORKSPACE: ws },
  });
} catch (e) {
  console.error(`test-electron: ${e?.message ?? e}`);
  code = 1;
}
const s = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : { passed: 0, failed: 1 };
if (code !== 0 && s.failed === 0) s.failed = 1;
console.log(`electron: ${s.passed} passed, ${s.failed} failed`);
rmSync(tmp, { recursive: true, force: true });
process.exit(s.failed === 0 ? 0 : 1);
