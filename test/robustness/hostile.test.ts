// Hostile workspaces, scanned with the real CLI bundle: code that would leave a marker if it ever
// ran, symlink loops and links out of the workspace, includes of absolute paths outside it, a 50 MB
// file, binary and unreadable files, 100,000 unrelated files, and broken project configs.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI_JS, ensureBuilt } from '../protocol/bundle';

function scan(args: string[], opts: { cwd?: string; asUser?: string } = {}) {
  const argv = [CLI_JS, 'scan', ...args];
  const r = opts.asUser
    ? spawnSync('setpriv', ['--reuid', opts.asUser, '--regid', opts.asUser, '--clear-groups', process.execPath, ...argv], { encoding: 'utf8', cwd: opts.cwd, timeout: 120_000 })
    : spawnSync(process.execPath, argv, { encoding: 'utf8', cwd: opts.cwd, timeout: 120_000, maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', json: () => JSON.parse(r.stdout) };
}

function write(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
}

interface JsonFinding {
  ruleId?: string;
  rule?: string;
  file?: string;
  path?: string;
  message: string;
}

function findingsOf(out: unknown): JsonFinding[] {
  const o = out as { findings?: JsonFinding[]; results?: JsonFinding[]; files?: { findings: JsonFinding[] }[] };
  return o.findings ?? o.results ?? (o.files ?? []).flatMap((f) => f.findings) ?? [];
}

describe('hostile workspaces', () => {
  let tmp: string;
  before(() => {
    ensureBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-hostile-'));
    fs.chmodSync(tmp, 0o755);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('never executes anything from the workspace', () => {
    const ws = path.join(tmp, 'exec');
    const marker = path.join(tmp, 'MARKER');
    const py = `open(${JSON.stringify(marker)}, "w").write("ran")\n`;
    write(ws, {
      'manage.py': `#!/usr/bin/env python3\n${py}import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")\n`,
      'setup.py': `${py}from setuptools import setup\nsetup(name="x")\n`,
      'config/settings.py': `${py}SECRET_KEY = "x" * 50\nDEBUG = True\nINSTALLED_APPS = []\nimport subprocess\nsubprocess.run(["touch", ${JSON.stringify(marker)}])\n`,
      'config/wsgi.py': `${py}`,
      'requirements.txt': `-e .\n./\nflask==2.2.2\n--install-option="--prefix=$(touch ${marker})"\n`,
      Dockerfile: `FROM python:3.12\nRUN touch ${marker}\nCMD ["sh", "-c", "touch ${marker}"]\n`,
      'etc/nginx/nginx.conf': `http { server { listen 80; location / { perl 'sub { system("touch ${marker}") }'; } } }\n`,
      'etc/ssh/sshd_config': `ForceCommand touch ${marker}\nAuthorizedKeysCommand /bin/touch ${marker}\n`,
    });
    const r = scan([ws, '--format', 'json', '--fail-on', 'none']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(findingsOf(r.json()).length > 0, 'the files were analysed');
    assert.equal(fs.existsSync(marker), false, 'a marker file appeared: workspace content was executed');
  });

  it('does not follow symlink loops or links and includes that leave the workspace', () => {
    const ws = path.join(tmp, 'links');
    const outside = path.join(tmp, 'outside');
    write(outside, { 'evil.conf': 'PermitRootLogin yes\nPasswordAuthentication yes\n', 'sshd_config': 'PermitRootLogin yes\n' });
    write(ws, {
      'etc/ssh/sshd_config': `Include ${outside}/evil.conf\nInclude /etc/shadow\nInclude ../../../outside/*.conf\nPasswordAuthentication no\nPermitRootLogin no\n`,
      'etc/nginx/nginx.conf': `events {}\nhttp {\n    include /etc/shadow;\n    include ${outside}/evil.conf;\n    server_tokens off;\n}\n`,
      'requirements.txt': `-r /etc/shadow\n-r ${outside}/evil.conf\n`,
    });
    fs.symlinkSync(ws, path.join(ws, 'loop'));
    fs.symlinkSync(outside, path.join(ws, 'out-dir'));
    fs.symlinkSync(path.join(outside, 'sshd_config'), path.join(ws, 'etc', 'sshd_config'));
    const r = scan([ws, '--format', 'json', '--fail-on', 'none']);
    assert.equal(r.status, 0, r.stderr);
    const findings = findingsOf(r.json());
    const files = findings.map((f) => path.resolve(f.file ?? f.path ?? ''));
    assert.deepEqual(files.filter((f) => !f.startsWith(ws + path.sep)), [], 'no finding points outside the workspace');
    assert.ok(!findings.some((f) => /SSH001|SSH002/.test(f.ruleId ?? f.rule ?? '')), 'settings from outside the workspace were not read');
    assert.ok(!r.stdout.includes('root:'), 'nothing of /etc/shadow appears');
  });

  it('skips a 50 MB file, a binary file and an unreadable file with an info message', () => {
    const ws = path.join(tmp, 'big');
    fs.mkdirSync(path.join(ws, 'etc', 'ssh'), { recursive: true });
    const big = path.join(ws, 'etc', 'ssh', 'sshd_config');
    const fd = fs.openSync(big, 'w');
    const chunk = Buffer.from('PermitRootLogin yes\n'.repeat(50_000));
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    write(ws, { Dockerfile: Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0, 0, 1, 2, 3]), 'requirements.txt': 'flask==2.2.2\n' });
    const unreadable = path.join(ws, 'requirements.txt');
    fs.chmodSync(unreadable, 0o000);
    const asNobody = process.getuid?.() === 0 ? '65534' : undefined;
    const r = scan([ws, '--format', 'json', '--fail-on', 'none'], { asUser: asNobody, cwd: ws });
    assert.notEqual(r.status, null, 'the scan finished');
    const findings = findingsOf(r.status === 0 ? r.json() : { findings: [] });
    const dg004 = findings.filter((f) => (f.ruleId ?? f.rule) === 'DG004');
    assert.ok(dg004.some((f) => /sshd_config/.test(f.file ?? f.path ?? '') && /limit|large/i.test(f.message)), `50 MB file: ${r.stdout.slice(0, 500)} ${r.stderr}`);
    assert.ok(dg004.some((f) => /Dockerfile/.test(f.file ?? f.path ?? '') && /binary/i.test(f.message)), 'binary file reported');
    if (asNobody) {
      assert.ok(
        dg004.some((f) => /requirements/.test(f.file ?? f.path ?? '') && /read|EACCES|permission/i.test(f.message)) || /requirements\.txt/.test(r.stderr),
        `unreadable file reported: ${JSON.stringify(dg004)} ${r.stderr}`,
      );
    }
    assert.ok(!findings.some((f) => (f.ruleId ?? f.rule) === 'SSH001'), 'the oversized file was not analysed');
    fs.chmodSync(unreadable, 0o644);
  });

  it('scans 100,000 unrelated files without reading them', () => {
    const ws = path.join(tmp, 'many');
    for (let d = 0; d < 100; d++) {
      const dir = path.join(ws, 'data', `d${d}`);
      fs.mkdirSync(dir, { recursive: true });
      for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(dir, `f${i}.dat`), '');
    }
    write(ws, { 'etc/ssh/sshd_config': 'PermitRootLogin yes\n' });
    const r = scan([ws, '--format', 'json', '--fail-on', 'none']);
    assert.equal(r.status, 0, r.stderr);
    const findings = findingsOf(r.json());
    assert.ok(findings.some((f) => (f.ruleId ?? f.rule) === 'SSH001'));
  });

  it('refuses an invalid or mistyped .deployguard.json with a clear one-line message', () => {
    const ws = path.join(tmp, 'config');
    write(ws, { 'etc/ssh/sshd_config': 'PermitRootLogin yes\n', '.deployguard.json': '{ "rules": { "SSH001": "of" }, "maxFileSize": "big" }' });
    const r = scan([ws]);
    assert.equal(r.status, 2);
    assert.match(r.stderr.trim(), /\.deployguard\.json:1:\d+: .*SSH001.*/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    write(ws, { '.deployguard.json': '{ "rules": ' });
    const broken = scan([ws]);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /invalid JSON/);
  });
});
