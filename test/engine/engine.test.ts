import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits, Engine, MemoryWorkspace } from '../../server/src/engine';
import { fakeKind } from './fake-kind';
import { KINDS } from '../../server/src/kinds';

function engine(files: Record<string, string>) {
  const ws = new MemoryWorkspace(files, ['/ws']);
  return { ws, engine: new Engine(ws, ['/ws'], [fakeKind]) };
}

describe('Engine.lintFile', () => {
  it('reports findings with their rule, severity and exact range', () => {
    const { engine: e } = engine({ '/ws/a.fake': 'ok\n  \nbad apple\n' });
    const r = e.lintFile('/ws/a.fake');
    assert.equal(r.findings.length, 1);
    const f = r.findings[0];
    assert.equal(f.ruleId, 'SSH990');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 9 } });
  });

  it('ignores files no kind claims', () => {
    const { engine: e } = engine({ '/ws/a.txt': 'bad apple\n' });
    assert.equal(e.lintFile('/ws/a.txt').findings.length, 0);
    assert.equal(e.supports('/ws/a.txt'), false);
  });

  it('decides unrelated files by their path alone: they are never read (every kind asked)', () => {
    const ws = new MemoryWorkspace(
      {
        '/ws/etc/nginx/nginx.conf': 'events {}\nhttp { include /etc/nginx/conf.d/*.conf; }\n',
        '/ws/assets/logo.png': 'PNG',
        '/ws/src/app.js': 'x',
        '/ws/docs/notes.txt': 'y',
        '/ws/README': 'z',
      },
      ['/ws'],
    );
    const reads: string[] = [];
    const view = { read: (f: string) => (reads.push(f), ws.read(f)), list: (d: string) => ws.list(d), contains: (f: string) => ws.contains(f) };
    const e = new Engine(view, ['/ws'], KINDS);
    for (const f of ['/ws/assets/logo.png', '/ws/src/app.js', '/ws/docs/notes.txt', '/ws/README']) assert.equal(e.supports(f), false, f);
    assert.deepEqual(reads.filter((f) => !f.endsWith('nginx.conf') && !f.endsWith('.deployguard.json')), []);
  });

  it('keeps opt-in rules off unless the project config turns them on', () => {
    const files = { '/ws/a.fake': 'worse pear\n' };
    assert.equal(engine(files).engine.lintFile('/ws/a.fake').findings.length, 0);
    const on = engine({ ...files, '/ws/.deployguard.json': '{"rules": {"SSH991": "on"}}' });
    assert.deepEqual(on.engine.lintFile('/ws/a.fake').findings.map((f) => [f.ruleId, f.severity]), [['SSH991', 'info']]);
  });

  it('applies severity overrides, rules off, per-path overrides and ignore globs', () => {
    const config = JSON.stringify({
      rules: { SSH990: 'error' },
      overrides: [{ files: ['dev/**'], rules: { SSH990: 'off' } }],
      ignore: ['vendor/**'],
    });
    const { engine: e } = engine({
      '/ws/.deployguard.json': config,
      '/ws/a.fake': 'bad a\n',
      '/ws/dev/b.fake': 'bad b\n',
      '/ws/vendor/c.fake': 'bad c\n',
    });
    assert.deepEqual(e.lintFile('/ws/a.fake').findings.map((f) => f.severity), ['error']);
    assert.equal(e.lintFile('/ws/dev/b.fake').findings.length, 0);
    const ignored = e.lintFile('/ws/vendor/c.fake');
    assert.equal(ignored.findings.length, 0);
    assert.match(ignored.skipped ?? '', /ignored/);
  });

  it('reports findings of an included file only in that file, computed in its unit', () => {
    const { engine: e, ws } = engine({
      '/ws/main.fake': 'include part-1.fake\nbad main\n',
      '/ws/part-1.fake': 'bad part\n',
    });
    assert.deepEqual(e.lintFile('/ws/main.fake').findings.map((f) => f.message), ['bad word main']);
    assert.deepEqual(e.lintFile('/ws/part-1.fake').findings.map((f) => f.message), ['bad word part']);
    assert.deepEqual(e.dependentsOf('/ws/part-1.fake'), ['/ws/main.fake']);
    ws.set('/ws/part-1.fake', 'good\n');
    e.invalidate('/ws/part-1.fake');
    assert.equal(e.lintFile('/ws/part-1.fake').findings.length, 0);
  });

  it('gives a clear info finding, not a crash, for a file it cannot analyse', () => {
    const { engine: e } = engine({});
    const broken = new Engine(
      {
        read: () => ({ ok: false, reason: 'binary', message: '/ws/x.fake is a binary file: not analysed' }),
        list: () => undefined,
        contains: () => true,
      },
      ['/ws'],
      [fakeKind],
    );
    const r = broken.lintFile('/ws/x.fake');
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.severity]), [['DG004', 'info']]);
    assert.match(r.findings[0].message, /binary/);
    assert.equal(e.lintFile('/ws/missing.fake').findings.length, 0);
  });

  it('survives a kind that throws, and logs it', () => {
    const logs: string[] = [];
    const ws = new MemoryWorkspace({ '/ws/a.fake': 'bad a\n' });
    const e = new Engine(ws, ['/ws'], [{ ...fakeKind, analyze: () => { throw new Error('boom'); } }], { log: (m) => logs.push(m) });
    assert.equal(e.lintFile('/ws/a.fake').findings.length, 0);
    assert.ok(logs.some((l) => l.includes('boom')));
  });
});

describe('suppressions', () => {
  it('silences a finding on the same line or the line before, and reports reasonless or unused ones', () => {
    const { engine: e } = engine({
      '/ws/a.fake': [
        'bad one # deployguard-ignore SSH990 -- accepted risk',
        '# deployguard-ignore SSH990 -- legacy host',
        'bad two',
        'bad three # deployguard-ignore SSH990',
        'fine # deployguard-ignore SSH990 -- stale',
        'bad four # deployguard-ignore XYZ123 -- typo',
      ].join('\n'),
    });
    const r = e.lintFile('/ws/a.fake');
    assert.deepEqual(
      r.findings.map((f) => [f.range.start.line, f.ruleId]),
      [[3, 'DG002'], [4, 'DG003'], [5, 'SSH990'], [5, 'DG003']],
    );
    assert.match(r.findings[1].message, /suppresses nothing/);
    assert.match(r.findings[3].message, /not a DeployGuard rule/);
  });

  it('file-level suppressions cover the whole file', () => {
    const { engine: e } = engine({ '/ws/a.fake': '# deployguard-ignore-file SSH990 -- lab box\nbad a\nbad b\n' });
    assert.equal(e.lintFile('/ws/a.fake').findings.length, 0);
  });

  it('does not call a suppression of a rule that is turned off unused', () => {
    const { engine: e } = engine({
      '/ws/.deployguard.json': '{"rules": {"SSH990": "off"}}',
      '/ws/a.fake': 'x # deployguard-ignore SSH990 -- because\n',
    });
    assert.equal(e.lintFile('/ws/a.fake').findings.length, 0);
  });
});

describe('project configuration', () => {
  it('reports an unknown key and a bad value with their lines and keeps the valid rest', () => {
    const text = '{\n  "rules": { "SSH990": "error", "SSH999": "off", "SSH991": "loud" },\n  "rulez": {}\n}\n';
    const { engine: e } = engine({ '/ws/.deployguard.json': text, '/ws/a.fake': 'bad a\n' });
    const problems = e.lintFile('/ws/.deployguard.json').findings;
    const byLine = problems.map((p) => [p.ruleId, p.range.start.line, p.message]);
    assert.ok(byLine.some(([id, line, m]) => id === 'DG001' && line === 2 && /unknown key "rulez"/.test(m as string)), JSON.stringify(byLine));
    assert.ok(byLine.some(([, line, m]) => line === 1 && /rules\.SSH991 must be one of/.test(m as string)), JSON.stringify(byLine));
    assert.ok(byLine.some(([, line, m]) => line === 1 && /unknown rule "SSH999"/.test(m as string)), JSON.stringify(byLine));
    assert.deepEqual(e.lintFile('/ws/a.fake').findings.map((f) => f.severity), ['error']);
  });

  it('falls back to defaults on invalid JSON, with a message at the error', () => {
    const { engine: e } = engine({ '/ws/.deployguard.json': '{ "rules": { "SSH990": "off" ', '/ws/a.fake': 'bad a\n' });
    const problems = e.lintFile('/ws/.deployguard.json').findings;
    assert.ok(problems.length >= 1);
    assert.match(problems[0].message, /invalid JSON/);
    assert.equal(e.lintFile('/ws/a.fake').findings.length, 1);
  });
});

describe('unused suppression fixes', () => {
  it('removes a stale trailing or whole-line suppression, or only the stale id', () => {
    const text = 'fine # deployguard-ignore SSH990 -- stale\n# deployguard-ignore SSH990 -- also stale\nok\nbad x # deployguard-ignore SSH990, SSH991 -- x\n';
    const { engine: e } = engine({ '/ws/.deployguard.json': '{"rules":{"SSH991":"on"}}', '/ws/a.fake': text });
    const fixes = e.lintFile('/ws/a.fake').findings.filter((f) => f.ruleId === 'DG003').map((f) => f.fixes![0]);
    assert.equal(fixes.length, 3);
    assert.equal(applyEdits(text, fixes[0].edits), text.replace(' # deployguard-ignore SSH990 -- stale', ''));
    assert.equal(applyEdits(text, fixes[1].edits), text.replace('# deployguard-ignore SSH990 -- also stale\n', ''));
    assert.equal(applyEdits(text, fixes[2].edits), text.replace('SSH990, SSH991', 'SSH990'));
  });
});
