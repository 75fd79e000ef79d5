import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, discoverFiles, expandGlob, FsWorkspace, LineIndex, MemoryWorkspace, pathRole, pathTokens, range, relativeTo } from '../../server/src/engine';

describe('LineIndex', () => {
  it('maps offsets and positions over \\n, \\r\\n and \\r line breaks', () => {
    const idx = new LineIndex('a\r\nbc\rd\ne');
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(6), { line: 2, character: 0 });
    assert.equal(idx.lineText(1), 'bc');
    assert.equal(idx.offsetAt({ line: 1, character: 99 }), 5);
    assert.equal(idx.eol, '\r\n');
  });

  it('applies non-overlapping edits against the original text', () => {
    assert.equal(applyEdits('one\ntwo\n', [{ range: range(1, 0, 1, 3), newText: '2' }, { range: range(0, 0, 0, 0), newText: '#' }]), '#one\n2\n');
    assert.throws(() => applyEdits('abc', [{ range: range(0, 0, 0, 2), newText: '' }, { range: range(0, 1, 0, 3), newText: '' }]));
  });
});

describe('relativeTo', () => {
  it('gives the path below a root with forward slashes, or undefined outside it (fast and slow ways agree)', () => {
    const cases: [string, string, string | undefined][] = [
      ['/ws', '/ws/etc/nginx/nginx.conf', 'etc/nginx/nginx.conf'],
      ['/ws', '/ws/.deployguard.json', '.deployguard.json'],
      ['/ws', '/ws/..hidden/x', '..hidden/x'],
      ['/ws', '/ws/a/../b', 'b'],
      ['/ws', '/ws/a/./b', 'a/b'],
      ['/ws', '/ws//a', 'a'],
      ['/ws', '/ws/../etc/shadow', undefined],
      ['/ws', '/ws', ''],
      ['/ws', '/wsx/a', undefined],
      ['/ws', '/other/a', undefined],
      ['/ws', 'relative/a', undefined],
      ['/ws/', '/ws/a', 'a'],
      ['/', '/etc/a', 'etc/a'],
    ];
    for (const [root, file, want] of cases) assert.equal(relativeTo(root, file), want, `${root} ${file}`);
  });
});

describe('path roles', () => {
  it('judges development by whole tokens, not substrings', () => {
    assert.equal(pathRole('requirements/dev.txt'), 'development');
    assert.equal(pathRole('config/settings/local.py'), 'development');
    assert.equal(pathRole('requirements-test.txt'), 'development');
    assert.equal(pathRole('app/social.py'), 'production');
    assert.equal(pathRole('precise/prod-dockerized.txt'), 'production');
    assert.deepEqual(pathTokens('a/b-c_d.e.txt'), ['a', 'b', 'c', 'd', 'e']);
  });
});

describe('expandGlob', () => {
  it('expands one segment at a time in bytewise order, leading dots only explicitly', () => {
    const ws = new MemoryWorkspace({
      '/ws/etc/ssh/sshd_config.d/b.conf': '',
      '/ws/etc/ssh/sshd_config.d/A.conf': '',
      '/ws/etc/ssh/sshd_config.d/10-x.conf': '',
      '/ws/etc/ssh/sshd_config.d/.hidden.conf': '',
      '/ws/etc/ssh/sshd_config.d/notes.txt': '',
    });
    assert.deepEqual(expandGlob(ws, '/ws/etc/ssh/sshd_config.d/*.conf').files, [
      '/ws/etc/ssh/sshd_config.d/10-x.conf',
      '/ws/etc/ssh/sshd_config.d/A.conf',
      '/ws/etc/ssh/sshd_config.d/b.conf',
    ]);
    assert.deepEqual(expandGlob(ws, '/ws/etc/*/sshd_config.d/.h*').files, ['/ws/etc/ssh/sshd_config.d/.hidden.conf']);
    assert.deepEqual(expandGlob(ws, '/ws/none/*.conf').files, []);
  });
});

describe('FsWorkspace', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-ws-'));
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-out-'));
  fs.writeFileSync(path.join(outside, 'shadow'), 'root:x:0:0\n');
  fs.mkdirSync(path.join(tmp, 'conf'));
  fs.writeFileSync(path.join(tmp, 'conf', 'a.conf'), '\ufeffhello\n');
  fs.writeFileSync(path.join(tmp, 'conf', 'bin.conf'), Buffer.from([1, 0, 2]));
  fs.writeFileSync(path.join(tmp, 'conf', 'big.conf'), 'x'.repeat(2048));
  fs.symlinkSync(path.join(outside, 'shadow'), path.join(tmp, 'conf', 'link.conf'));
  const ws = new FsWorkspace([tmp], { maxFileSize: 1024 });

  it('reads text without BOM and prefers open buffers', () => {
    const r = ws.read(path.join(tmp, 'conf', 'a.conf'));
    assert.ok(r.ok && r.text === 'hello\n');
    ws.setOverlay(path.join(tmp, 'conf', 'a.conf'), 'edited', 3);
    const o = ws.read(path.join(tmp, 'conf', 'a.conf'));
    assert.ok(o.ok && o.text === 'edited');
    ws.deleteOverlay(path.join(tmp, 'conf', 'a.conf'));
  });

  it('refuses binary, too large, missing, outside and symlinked-outside files with a reason', () => {
    const reason = (p: string) => {
      const r = ws.read(p);
      return r.ok ? 'ok' : r.reason;
    };
    assert.equal(reason(path.join(tmp, 'conf', 'bin.conf')), 'binary');
    assert.equal(reason(path.join(tmp, 'conf', 'big.conf')), 'too-large');
    assert.equal(reason(path.join(tmp, 'conf', 'nope.conf')), 'missing');
    assert.equal(reason(path.join(outside, 'shadow')), 'outside-workspace');
    assert.equal(reason(path.join(tmp, 'conf', 'link.conf')), 'outside-workspace');
    assert.equal(reason('/etc/shadow'), 'outside-workspace');
    assert.ok(!ws.list(path.join(tmp, 'conf'))!.some((e) => e.name === 'link.conf'));
  });

  it('discovers files without descending into skipped folders or following symlinks', () => {
    fs.mkdirSync(path.join(tmp, 'node_modules', 'x'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'node_modules', 'x', 'a.conf'), '');
    fs.mkdirSync(path.join(tmp, 'env'));
    fs.writeFileSync(path.join(tmp, 'env', 'pyvenv.cfg'), '');
    fs.writeFileSync(path.join(tmp, 'env', 'a.conf'), '');
    fs.symlinkSync(tmp, path.join(tmp, 'loop'));
    const found = discoverFiles(tmp, { accept: (rel) => rel.endsWith('.conf') }).files.map((f) => path.relative(tmp, f));
    assert.deepEqual(found, ['conf/a.conf', 'conf/big.conf', 'conf/bin.conf']);
    let n = 0;
    const cancelled = discoverFiles(tmp, { accept: () => true, isCancelled: () => ++n > 1 });
    assert.equal(cancelled.truncated, 'cancelled');
  });
});

describe('expandGlob on hostile patterns', () => {
  it('matches nothing, without throwing, for a segment picomatch cannot compile or no file name can match', () => {
    const ws = new MemoryWorkspace({ '/ws/conf.d/acl-1.conf': '' });
    assert.deepEqual(expandGlob(ws, `/ws/conf.d/acl-*.con${'x'.repeat(43_146)}f`).files, []);
    assert.deepEqual(expandGlob(ws, '/ws/conf.d/acl-*.conf').files, ['/ws/conf.d/acl-1.conf']);
  });
});
