// Entry point of the extension-host suite. Runner-agnostic: code-server (scripts/e2e-api.mjs) and
// @vscode/test-electron (scripts/e2e-electron.mjs) both load this module as `extensionTestsPath`
// and await `run()`; a rejected promise means failures. Lines of the report start with "[dg] " so
// the runner can pick them out of the workbench's own log.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

/** The report is written by run() from runner events; mocha's own reporter stays silent. */
class SilentReporter {
  constructor(_runner: Mocha.Runner) {}
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: SilentReporter as unknown as typeof Mocha.reporters.Base });
  if (process.env.DEPLOYGUARD_E2E_GREP) mocha.grep(process.env.DEPLOYGUARD_E2E_GREP);
  for (const f of testFiles(__dirname)) mocha.addFile(f);
  const say = (s: string) => console.log(`[dg] ${s}`);
  return new Promise((resolve, reject) => {
    const failures: { title: string; error: string }[] = [];
    let passed = 0;
    let depth = 0;
    const runner = mocha.run(() => {
      say(`${passed} passed, ${failures.length} failed`);
      const out = process.env.DEPLOYGUARD_E2E_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify({ passed, failed: failures.length, failures }, null, 2));
      if (failures.length > 0) reject(new Error(`${failures.length} test(s) failed`));
      else resolve();
    });
    runner.on('suite', (s) => {
      if (s.title) say(`${'  '.repeat(depth)}${s.title}`);
      if (s.title) depth++;
    });
    runner.on('suite end', (s) => {
      if (s.title) depth--;
    });
    runner.on('pass', (t) => {
      passed++;
      say(`${'  '.repeat(depth)}✓ ${t.title} (${t.duration ?? 0} ms)`);
    });
    runner.on('fail', (t, err: Error) => {
      failures.push({ title: t.fullTitle(), error: err?.stack ?? String(err) });
      say(`${'  '.repeat(depth)}✗ ${t.title}: ${String(err?.message ?? err).split('\n')[0]}`);
    });
  });
}
