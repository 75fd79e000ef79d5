// Reports written as the scan goes: the JSON and SARIF reports assembled piece by piece are laid out
// exactly as one JSON.stringify(report, null, 2) would lay them out, and a reader that falls behind
// (stdout returning false) makes the scan wait for it instead of queueing the report in memory.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { main, type CliIo } from '../../server/src/cli/main';
import { KINDS } from '../../server/src/kinds';
import { DROPIN, DROPIN_TEXT, MAIN, MAIN_TEXT, makeWorkspace, removeWorkspace } from '../protocol/fixtures';

function io(cwd: string, behind = false) {
  const chunks: string[] = [];
  let waits = 0;
  const target: CliIo & { text: () => string; waits: () => number } = {
    cwd,
    stdout: (t) => {
      chunks.push(t);
      return !behind;
    },
    drained: () => {
      waits++;
      return new Promise((resolve) => setImmediate(resolve));
    },
    stderr: () => {},
    text: () => chunks.join(''),
    waits: () => waits,
  };
  return target;
}

describe('CLI reports written as the scan goes', () => {
  let root: string;
  before(() => {
    const files: Record<string, string> = { [MAIN]: MAIN_TEXT, [DROPIN]: DROPIN_TEXT, 'requirements.txt': 'django>=4\nflask\n', 'empty/requirements.txt': '' };
    // Enough files for the report to pass the writer's 64 KB chunks several times.
    for (let i = 0; i < 60; i++) files[`app${i}/Dockerfile`] = `FROM python:3\nENV SECRET_KEY=${'x'.repeat(20)}${i}\nRUN pip install --trusted-host example.org flask\n`;
    root = makeWorkspace(files);
  });
  after(() => removeWorkspace(root));

  for (const format of ['json', 'sarif']) {
    it(`${format}: the streamed report is JSON.stringify(report, null, 2) of itself`, async () => {
      const out = io(root);
      assert.equal(await main(['scan', '.', '--format', format, '--fail-on', 'none'], out, KINDS), 0);
      const text = out.text();
      const report = JSON.parse(text);
      assert.equal(text, JSON.stringify(report, null, 2) + '\n');
      const count = format === 'json' ? report.findings.length : report.runs[0].results.length;
      assert.ok(count > 60, `${count} findings`);
    });
  }

  it('an empty report is laid out the same way', async () => {
    const out = io(`${root}/empty`);
    assert.equal(await main(['scan', '.', '--format', 'json'], out, KINDS), 0);
    const text = out.text();
    assert.equal(text, JSON.stringify(JSON.parse(text), null, 2) + '\n');
    assert.deepEqual(JSON.parse(text).findings, []);
  });

  it('waits for a reader that is behind, and still writes the whole report', async () => {
    const fast = io(root);
    await main(['scan', '.', '--format', 'json', '--fail-on', 'none'], fast, KINDS);
    const slow = io(root, true);
    assert.equal(await main(['scan', '.', '--format', 'json', '--fail-on', 'none'], slow, KINDS), 0);
    assert.ok(slow.waits() > 0, 'the scan waited for the reader');
    assert.equal(fast.waits(), 0);
    assert.equal(slow.text(), fast.text());
  });
});
