// The `deployguard` command as users and CI run it: the bundled dist/cli.js in a child process.
// Exit codes and one-line errors, the text / JSON / SARIF reports (SARIF validated against the
// official SARIF 2.1.0 schema vendored in test/), stable fingerprints, rules, explain.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import pkg from '../../package.json';
import { CLI_JS, ensureBuilt, REPO } from '../protocol/bundle';
import { DROPIN, MAIN, MAIN_TEXT, makeWorkspace, removeWorkspace } from '../protocol/fixtures';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cwd: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI_JS, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A one-line error message and exit code 2. */
function assertUsageError(r: Run, pattern: RegExp): void {
  assert.equal(r.status, 2, `exit code 2 expected, got ${r.status}\n${r.stdout}\n${r.stderr}`);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line expected:\n${r.stderr}`);
  assert.match(r.stderr, /^deployguard: /);
  assert.match(r.stderr, pattern);
}

let sarifValidator: ReturnType<Ajv['compile']> | undefined;
function validateSarif(log: unknown): void {
  if (!sarifValidator) {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'sarif-schema-2.1.0.json'), 'utf8'));
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    // Ajv's default dialect is draft-07, the schema's; its formats are checked here (no ajv-formats).
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/\s/.test(s));
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    sarifValidator = ajv.compile(schema);
  }
  assert.ok(sarifValidator(log), JSON.stringify(sarifValidator.errors, null, 2));
}

describe('deployguard CLI', () => {
  let ws: string;
  before(() => {
    ensureBuilt();
    ws = makeWorkspace();
  });
  after(() => removeWorkspace(ws));

  it('--version, --help, and usage errors', () => {
    const v = run(ws, '--version');
    assert.deepEqual([v.status, v.stdout], [0, `${pkg.version}\n`]);
    const h = run(ws, '--help');
    assert.equal(h.status, 0);
    assert.match(h.stdout, /deployguard scan|scan \[paths\.\.\.\]/);
    assert.match(h.stdout, /--fail-on/);
    const none = run(ws);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /Usage: deployguard/);
    assertUsageError(run(ws, 'lint'), /unknown command "lint"/);
    assertUsageError(run(ws, 'scan', '--colour'), /unknown option --colour/);
    assertUsageError(run(ws, 'scan', '--format', 'xml'), /--format must be one of text, json, sarif/);
    assertUsageError(run(ws, 'scan', '--fail-on'), /--fail-on needs a value/);
    assertUsageError(run(ws, 'rules', '--fail-on', 'error'), /--fail-on does not apply to "rules"/);
  });

  it('scan: text lines "path:line:col severity RULE message" relative to the cwd, and a summary', () => {
    const r = run(ws, 'scan');
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    const summary = lines.pop()!;
    assert.match(summary, /^\d+ findings? \(\d+ errors?, \d+ warnings?, \d+ info\) in 2 of 2 files scanned$/);
    for (const line of lines) assert.match(line, /^[^:\s]+:\d+:\d+ (error|warning|info) [A-Z]{2,3}\d{3} \S/, line);
    assert.ok(lines.includes(`${MAIN}:3:1 error SSH001 ${lines.find((l) => l.startsWith(`${MAIN}:3:1 error SSH001 `))!.slice(`${MAIN}:3:1 error SSH001 `.length)}`));
    assert.ok(lines.some((l) => l.startsWith(`${DROPIN}:1:1 error SSH002 `)), lines.join('\n'));
    // From a subfolder the paths stay relative to the cwd.
    const sub = run(path.join(ws, 'etc'), 'scan', '.');
    assert.ok(sub.stdout.split('\n').some((l) => l.startsWith('ssh/sshd_config:3:1 error SSH001 ')), sub.stdout);
  });

  it('exit codes follow --fail-on', () => {
    const cfg = path.join(ws, 'downgrade.json');
    fs.writeFileSync(cfg, JSON.stringify({ rules: { SSH001: 'warning', SSH002: 'warning', SSH034: 'warning' } }));
    const main = path.join(ws, MAIN);
    assert.equal(run(ws, 'scan', main, '--config', cfg).status, 0, 'no error left');
    assert.equal(run(ws, 'scan', main, '--config', cfg, '--fail-on', 'warning').status, 1);
    assert.equal(run(ws, 'scan', main, '--fail-on', 'none').status, 0);
    assert.equal(run(ws, 'scan', main, '--fail-on=error').status, 1);
    const empty = fs.mkdtempSync(path.join(ws, 'empty-'));
    const r = run(empty, 'scan');
    assert.deepEqual([r.status, r.stdout], [0, 'No findings in 0 files scanned\n']);
  });

  it('exit code 2 with a one-line message for I/O and configuration errors', () => {
    assertUsageError(run(ws, 'scan', 'no/such/path'), /no\/such\/path: no such file or directory/);
    const fifo = path.join(ws, 'a-fifo');
    spawnSync('mkfifo', [fifo]);
    if (fs.existsSync(fifo)) assertUsageError(run(ws, 'scan', fifo), /a-fifo: not a regular file or folder/);
    assertUsageError(run(ws, 'scan', '--config', 'missing.json'), /--config missing\.json: no such file or directory/);
    fs.writeFileSync(path.join(ws, 'broken.json'), '{ "rules": { "SSH001": "off" ');
    assertUsageError(run(ws, 'scan', '--config', 'broken.json'), /^deployguard: broken\.json:1:\d+: invalid JSON/);
    fs.writeFileSync(path.join(ws, 'unknown-key.json'), '{\n  "rulez": {}\n}\n');
    assertUsageError(run(ws, 'scan', '--config', 'unknown-key.json'), /unknown-key\.json:2:3: unknown key "rulez"/);
    assertUsageError(run(ws, 'scan', '--output', path.join(ws, 'no-dir', 'out.txt')), /--output .*cannot write/);
  });

  it('an invalid .deployguard.json of the scanned project stops the scan (exit 2, file:line:col)', () => {
    const proj = makeWorkspace({ [MAIN]: MAIN_TEXT, '.deployguard.json': '{\n  "rules": { "SSH001": "fatal" }\n}\n' });
    try {
      assertUsageError(run(proj, 'scan'), /^deployguard: \.deployguard\.json:2:24: rules\.SSH001 must be one of/);
    } finally {
      removeWorkspace(proj);
    }
  });

  it('a file named on its own uses the .deployguard.json of its project', () => {
    const proj = makeWorkspace({ [MAIN]: MAIN_TEXT, '.deployguard.json': '{ "rules": { "SSH001": "off" } }' });
    try {
      const r = run(path.join(proj, 'etc'), 'scan', 'ssh/sshd_config', '--format', 'json');
      const findings = JSON.parse(r.stdout).findings;
      assert.equal(findings.some((f: { ruleId: string }) => f.ruleId === 'SSH001'), false);
      assert.ok(findings.every((f: { file: string }) => f.file === 'ssh/sshd_config'));
    } finally {
      removeWorkspace(proj);
    }
  });

  it('--format json: findings with 1-based positions, related locations, fixes, and totals', () => {
    const out = path.join(ws, 'report.json');
    const r = run(ws, 'scan', '--format', 'json', '--output', out);
    assert.equal(r.stdout, '');
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(report.version, pkg.version);
    const ssh001 = report.findings.find((f: any) => f.ruleId === 'SSH001');
    assert.deepEqual(
      { file: ssh001.file, line: ssh001.line, column: ssh001.column, endLine: ssh001.endLine, endColumn: ssh001.endColumn, severity: ssh001.severity },
      { file: MAIN, line: 3, column: 1, endLine: 3, endColumn: 20, severity: 'error' },
    );
    assert.equal(ssh001.title, 'Root login allowed');
    assert.ok(ssh001.fixes[0].edits[0].newText.length > 0);
    const ssh034 = report.findings.find((f: any) => f.ruleId === 'SSH034');
    assert.ok(ssh034 && ssh034.related.length > 0 && ssh034.related[0].file === MAIN, JSON.stringify(ssh034));
    const s = report.summary;
    assert.equal(s.total, report.findings.length);
    assert.equal(s.error + s.warning + s.info, s.total);
    assert.equal(s.filesScanned, 2);
  });

  it('--format sarif: valid SARIF 2.1.0 with rule metadata, related locations and fingerprints', () => {
    const r = run(ws, 'scan', '--format', 'sarif');
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout);
    validateSarif(log);
    const run0 = log.runs[0];
    const rules = run0.tool.driver.rules;
    assert.equal(run0.tool.driver.name, 'DeployGuard');
    const dg001 = rules.find((x: any) => x.id === 'DG001');
    assert.equal(dg001.helpUri, new URL(`file://${path.join(REPO, 'docs', 'rules', 'DG001.md')}`).href);
    for (const rule of rules) {
      assert.ok(rule.shortDescription.text && rule.fullDescription.text, rule.id);
      assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
      assert.ok(rule.properties.tags.includes('security'));
    }
    const results = run0.results;
    const ssh001 = results.find((x: any) => x.ruleId === 'SSH001');
    assert.equal(ssh001.level, 'error');
    assert.equal(rules[ssh001.ruleIndex].id, 'SSH001');
    assert.deepEqual(ssh001.locations[0].physicalLocation.artifactLocation, { uri: MAIN, uriBaseId: 'SRCROOT' });
    assert.deepEqual(ssh001.locations[0].physicalLocation.region, { startLine: 3, startColumn: 1, endLine: 3, endColumn: 20 });
    assert.match(ssh001.partialFingerprints['deployguard/v1'], /^[0-9a-f]{32}$/);
    const ssh034 = results.find((x: any) => x.ruleId === 'SSH034');
    assert.ok(ssh034.relatedLocations.length > 0);
    assert.equal(ssh034.relatedLocations[0].physicalLocation.artifactLocation.uri, MAIN);
    const fingerprints = results.map((x: any) => x.partialFingerprints['deployguard/v1']);
    assert.equal(new Set(fingerprints).size, fingerprints.length, 'fingerprints are unique');
  });

  it('the README command: `deployguard scan examples/vps --format sarif` from the repository root is valid SARIF', () => {
    const r = run(REPO, 'scan', 'examples/vps', '--format', 'sarif');
    assert.equal(r.status, 1, 'the example repository has errors to show');
    const log = JSON.parse(r.stdout);
    validateSarif(log);
    const uris = new Set(log.runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri));
    assert.ok([...uris].every((u) => String(u).startsWith('examples/vps/')), [...uris].join());
  });

  it('fingerprints stay the same when an unrelated line is inserted above a finding', () => {
    const proj = makeWorkspace();
    try {
      const before = JSON.parse(run(proj, 'scan', '--format', 'sarif').stdout).runs[0].results;
      const file = path.join(proj, MAIN);
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, text.replace('Include ', '# an unrelated comment\n\nInclude '));
      const after = JSON.parse(run(proj, 'scan', '--format', 'sarif').stdout).runs[0].results;
      const key = (x: any) => `${x.ruleId} ${x.partialFingerprints['deployguard/v1']}`;
      assert.deepEqual(after.map(key).sort(), before.map(key).sort());
      const line = (rs: any[]) => rs.find((x: any) => x.ruleId === 'SSH001').locations[0].physicalLocation.region.startLine;
      assert.equal(line(after), line(before) + 2, 'the finding itself moved down two lines');
    } finally {
      removeWorkspace(proj);
    }
  });

  it('rules lists every rule (text and JSON), explain prints a rule page', () => {
    const text = run(ws, 'rules');
    assert.equal(text.status, 0);
    const lines = text.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^ID\s+SEVERITY\s+DEFAULT\s+TITLE$/);
    assert.ok(lines.some((l) => /^DG001\s+warning\s+on\s+Invalid DeployGuard configuration$/.test(l)));
    assert.ok(lines.some((l) => /^SSH001\s+error\s+on\s+/.test(l)));
    const json = JSON.parse(run(ws, 'rules', '--format', 'json').stdout);
    assert.equal(json.length, lines.length - 1);
    const optIn = json.filter((r: any) => r.optIn);
    assert.ok(optIn.length > 0, 'some rules are opt-in');
    for (const r of optIn) assert.ok(lines.some((l) => l.startsWith(r.id) && / opt-in /.test(l)), r.id);

    const page = run(ws, 'explain', 'dg002');
    assert.equal(page.status, 0);
    assert.equal(page.stdout, fs.readFileSync(path.join(REPO, 'docs', 'rules', 'DG002.md'), 'utf8'));
    assertUsageError(run(ws, 'explain', 'XYZ123'), /unknown rule "XYZ123"/);
    assertUsageError(run(ws, 'explain'), /explain takes one rule id/);
  });
});
