// The effective-configuration model: Include expansion and mapping, Match scoping and evaluation,
// how repeated lines combine, algorithm-list resolution per version, and drop-ins linted in the
// unit of the main file that includes them (unsaved buffers included).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Engine, MemoryWorkspace } from '../../../server/src/engine';
import { claimsSshd, looksLikeSshd, sshdKind } from '../../../server/src/kinds/sshd';
import { resolveAlgorithms } from '../../../server/src/kinds/sshd/crypto';
import { buildModel, effectiveSettings, globalWinner, mapIncludePath, type Connection } from '../../../server/src/kinds/sshd/model';
import { addrMatchList, matchPatternList } from '../../../server/src/kinds/sshd/patterns';
import { parseVersion } from '../../../server/src/kinds/sshd/versions';

const V96 = parseVersion('9.6')!;
const MAIN = '/ws/etc/ssh/sshd_config';

function model(files: Record<string, string>, root = MAIN, sshDir?: string) {
  const ws = new MemoryWorkspace(Object.fromEntries(Object.entries(files).map(([k, v]) => [k.startsWith('/') ? k : `/ws/etc/ssh/${k}`, v])), ['/ws']);
  return buildModel(ws, root, { version: V96, sshDir });
}

const value = (m: ReturnType<typeof model>, option: string, conn: Connection = {}) => effectiveSettings(m, option, conn).map((s) => s.parsed.value);

describe('Include', () => {
  it('expands globs in lexical (bytewise) order at the place of the Include', () => {
    const m = model({
      sshd_config: 'MaxAuthTries 6\nInclude sshd_config.d/*.conf\n',
      'sshd_config.d/9-b.conf': 'MaxSessions 9\n',
      'sshd_config.d/10-a.conf': 'MaxSessions 10\n',
      'sshd_config.d/notes.txt': 'MaxSessions 1\n',
    });
    assert.deepEqual(m.includes[0].files, ['/ws/etc/ssh/sshd_config.d/10-a.conf', '/ws/etc/ssh/sshd_config.d/9-b.conf']);
    assert.deepEqual(value(m, 'maxsessions'), ['10']);
    assert.deepEqual(value(m, 'maxauthtries'), ['6']);
  });

  it('maps relative paths and /etc/ssh onto the main file folder, or onto the configured root', () => {
    assert.equal(mapIncludePath('sshd_config.d/*.conf', '/ws/etc/ssh'), '/ws/etc/ssh/sshd_config.d/*.conf');
    assert.equal(mapIncludePath('/etc/ssh/x.conf', '/ws/deploy'), '/ws/deploy/x.conf');
    assert.equal(mapIncludePath('/etc/crypto-policies/back-ends/opensshserver.config', '/ws/etc/ssh'), '/ws/etc/crypto-policies/back-ends/opensshserver.config');
    assert.equal(mapIncludePath('/opt/x.conf', '/ws/deploy'), undefined);
    assert.equal(mapIncludePath('~/x.conf', '/ws/etc/ssh'), undefined);
    const m = model({ '/ws/conf/sshd_config': 'Include /etc/ssh/extra.conf\n', '/ws/ssh-root/extra.conf': 'MaxSessions 3\n' }, '/ws/conf/sshd_config', '/ws/ssh-root');
    assert.deepEqual(value(m, 'maxsessions'), ['3']);
  });

  it('reports cycles and unreadable includes at the Include line without failing', () => {
    const m = model({ sshd_config: 'Include a.conf\nPermitRootLogin no\n', 'a.conf': 'Include b.conf\n', 'b.conf': 'Include a.conf\nMaxSessions 2\n' });
    const cycle = m.diagnostics.find((d) => /cycle/.test(d.message))!;
    assert.equal(cycle.file, '/ws/etc/ssh/b.conf');
    assert.equal(cycle.range.start.line, 0);
    assert.equal(cycle.fatal, true);
    assert.deepEqual(value(m, 'permitrootlogin'), ['no']);
    assert.deepEqual(value(m, 'maxsessions'), ['2']);
  });

  it('an included file starts in the includer\'s Match state and cannot change it', () => {
    const m = model({
      sshd_config: 'Include d/*.conf\nX11Forwarding no\nMatch User alice\n  Include alice.conf\n  MaxSessions 2\n',
      'd/1.conf': 'Match User bob\n  X11Forwarding yes\n',
      'alice.conf': 'PasswordAuthentication yes\nMatch Address 10.0.0.0/8\n  MaxAuthTries 1\n',
    });
    // The drop-in's Match does not capture the main file's "X11Forwarding no".
    assert.deepEqual(value(m, 'x11forwarding'), ['no']);
    assert.deepEqual(value(m, 'x11forwarding', { user: 'bob' }), ['yes']);
    // Lines of alice.conf before its own Match belong to "Match User alice".
    assert.deepEqual(value(m, 'passwordauthentication', { user: 'alice' }), ['yes']);
    assert.deepEqual(value(m, 'passwordauthentication', { user: 'bob' }), []);
    // Its own Match applies only within alice's block: both must match.
    assert.deepEqual(value(m, 'maxauthtries', { user: 'alice', addr: '10.1.2.3' }), ['1']);
    assert.deepEqual(value(m, 'maxauthtries', { user: 'bob', addr: '10.1.2.3' }), []);
    // After the Include, the main file is still in alice's block.
    assert.deepEqual(value(m, 'maxsessions', { user: 'alice' }), ['2']);
    assert.deepEqual(value(m, 'maxsessions', { user: 'bob' }), []);
  });
});

describe('how lines combine', () => {
  it('first value wins, lists accumulate, MaxStartups keeps the last, AuthenticationMethods the first line', () => {
    const m = model({
      sshd_config:
        'PermitRootLogin no\npermitrootlogin yes\nAllowUsers a b\nAllowUsers c\nMaxStartups 10:30:60\nMaxStartups 5:50:20\nAuthenticationMethods publickey\nAuthenticationMethods password\n',
    });
    assert.deepEqual(value(m, 'permitrootlogin'), ['no']);
    assert.deepEqual(effectiveSettings(m, 'allowusers', {}).flatMap((s) => s.parsed.items), ['a', 'b', 'c']);
    assert.deepEqual(value(m, 'maxstartups'), ['5:50:20']);
    assert.deepEqual(value(m, 'authenticationmethods'), ['publickey']);
  });

  it('a Match block replaces a global list for matching connections, and "Match all" applies at startup', () => {
    const m = model({ sshd_config: 'AllowUsers a b\nMatch Address 192.0.2.0/24\n  AllowUsers c\nMatch all\n  X11Forwarding yes\n' });
    assert.deepEqual(effectiveSettings(m, 'allowusers', { addr: '192.0.2.7' }).flatMap((s) => s.parsed.items), ['c']);
    assert.deepEqual(effectiveSettings(m, 'allowusers', { addr: '198.51.100.7' }).flatMap((s) => s.parsed.items), ['a', 'b']);
    assert.equal(globalWinner(m, 'x11forwarding')?.parsed.value, 'yes');
  });

  it('aliases set the option they stand for', () => {
    const m = model({ sshd_config: 'ChallengeResponseAuthentication no\nKbdInteractiveAuthentication yes\n' });
    assert.equal(globalWinner(m, 'kbdinteractiveauthentication')?.d.keyword, 'ChallengeResponseAuthentication');
  });
});

describe('Match evaluation', () => {
  it('follows OpenSSH pattern lists (wildcards, negation, CIDR)', () => {
    assert.equal(matchPatternList('alice', 'a*,!admin'), 1);
    assert.equal(matchPatternList('admin', 'a*,!admin'), -1);
    assert.equal(matchPatternList('root', '!root'), -1);
    assert.equal(matchPatternList('bob', '!root'), 0);
    assert.equal(addrMatchList('10.1.2.3', '10.0.0.0/8,!10.1.0.0/16'), -1);
    assert.equal(addrMatchList('10.2.2.3', '10.0.0.0/8,!10.1.0.0/16'), 1);
    assert.equal(addrMatchList('2001:db8::1', '2001:db8::/32'), 1);
    assert.equal(addrMatchList('192.168.4.4', '192.168.*'), 1);
    assert.equal(addrMatchList(undefined, '10.0.0.1/8'), -2);
  });

  it('evaluates User, Group, Host, Address, LocalPort; missing attributes do not match', () => {
    const m = model({
      sshd_config:
        'Match User deploy Address 192.0.2.0/24\n  MaxSessions 1\nMatch Group wheel\n  MaxSessions 2\nMatch Host *.example.com\n  MaxSessions 3\nMatch LocalPort 2222\n  MaxSessions 4\n',
    });
    assert.deepEqual(value(m, 'maxsessions', { user: 'deploy', addr: '192.0.2.1' }), ['1']);
    assert.deepEqual(value(m, 'maxsessions', { user: 'deploy', addr: '198.51.100.1' }), []);
    assert.deepEqual(value(m, 'maxsessions', { user: 'x', groups: ['users', 'wheel'] }), ['2']);
    assert.deepEqual(value(m, 'maxsessions', { host: 'WWW.Example.COM' }), ['3']);
    assert.deepEqual(value(m, 'maxsessions', { lport: 2222 }), ['4']);
    assert.deepEqual(value(m, 'maxsessions', {}), []);
  });
});

describe('algorithm lists', () => {
  it('resolve +, - and ^ against the target version defaults', () => {
    const def = resolveAlgorithms('ciphers', undefined, V96).effective;
    assert.equal(def[0], 'chacha20-poly1305@openssh.com');
    assert.deepEqual(resolveAlgorithms('ciphers', '+aes128-cbc', V96).effective, [...def, 'aes128-cbc']);
    assert.deepEqual(resolveAlgorithms('ciphers', '^aes128-cbc', V96).effective, ['aes128-cbc', ...def]);
    assert.deepEqual(resolveAlgorithms('ciphers', '-aes*-ctr', V96).effective, ['chacha20-poly1305@openssh.com', 'aes128-gcm@openssh.com', 'aes256-gcm@openssh.com']);
    assert.deepEqual(resolveAlgorithms('hostkeyalgorithms', 'ssh-ed25519*', V96).effective, ['ssh-ed25519', 'ssh-ed25519-cert-v01@openssh.com']);
    assert.deepEqual(resolveAlgorithms('macs', '-hmac-sha1', V96).stated, []);
  });

  it('differ per version: 8.9, 9.2 Debian, 9.6, 10.0', () => {
    const kex = (v: string) => resolveAlgorithms('kexalgorithms', undefined, parseVersion(v)!).effective[0];
    assert.equal(kex('8.9'), 'curve25519-sha256');
    assert.equal(kex('9.6'), 'sntrup761x25519-sha512@openssh.com');
    assert.equal(kex('9.2p1-2+deb12u10'), 'sntrup761x25519-sha512');
    assert.equal(kex('10.0'), 'mlkem768x25519-sha256');
    assert.ok(!resolveAlgorithms('hostkeyalgorithms', '+ssh-*', parseVersion('10.0')!).effective.includes('ssh-dss'));
  });
});

describe('the sshd kind in the engine', () => {
  it('claims sshd_config, sshd_config.d drop-ins and *sshd*.conf, not other files', () => {
    assert.ok(claimsSshd('etc/ssh/sshd_config'));
    assert.ok(claimsSshd('etc/ssh/sshd_config.d/50-cloud-init.conf'));
    assert.ok(claimsSshd('roles/ssh/templates/sshd-hardening.conf'));
    assert.ok(!claimsSshd('etc/ssh/ssh_config'));
    assert.ok(!claimsSshd('etc/nginx/nginx.conf'));
    assert.deepEqual(sshdKind.languageIds, ['sshd_config']);
  });

  it('claims other .conf files by content when every directive is an sshd keyword', () => {
    assert.ok(looksLikeSshd('etc/ssh/hardening.conf', '# hardening\nPasswordAuthentication no\nCiphers aes256-gcm@openssh.com\n'));
    assert.ok(looksLikeSshd('etc/crypto-policies/back-ends/opensshserver.config', 'Ciphers aes256-gcm@openssh.com\n'));
    assert.ok(!looksLikeSshd('etc/nginx/conf.d/site.conf', 'server {\n  listen 80;\n}\n'));
    assert.ok(!looksLikeSshd('etc/nginx/snippet.conf', 'include /etc/nginx/mime.types;\n'));
    assert.ok(!looksLikeSshd('etc/app.conf', '# nothing\n'));
    assert.ok(!looksLikeSshd('etc/ssh/notes.txt', 'PasswordAuthentication no\n'));
  });

  it('reports findings of an included file with any name in that file, computed in the main unit', () => {
    const ws = new MemoryWorkspace({ [MAIN]: 'Include /etc/ssh/hardening.conf\nPasswordAuthentication no\n', '/ws/etc/ssh/hardening.conf': 'PasswordAuthentication yes\n' }, ['/ws']);
    const engine = new Engine(ws, ['/ws'], [sshdKind]);
    assert.ok(engine.supports('/ws/etc/ssh/hardening.conf'));
    assert.deepEqual(engine.lintFile('/ws/etc/ssh/hardening.conf').findings.map((f) => f.ruleId), ['SSH002', 'SSH034']);
  });

  it('lints a drop-in in the unit of its main file; an unsaved edit of the drop-in changes the main file findings', () => {
    const dropin = '/ws/etc/ssh/sshd_config.d/50-cloud-init.conf';
    const ws = new MemoryWorkspace({ [MAIN]: 'Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication yes\n', [dropin]: 'PasswordAuthentication yes\n' }, ['/ws']);
    const engine = new Engine(ws, ['/ws'], [sshdKind]);
    assert.deepEqual(sshdKind.unitsFor(dropin, { ws, config: engine.configFor(dropin), root: '/ws', log: () => {} }), [MAIN]);
    const ids = (f: string) => engine.lintFile(f).findings.map((x) => `${x.ruleId}:${x.severity}:${x.range.start.line + 1}`);
    assert.deepEqual(ids(dropin), ['SSH002:error:1']);
    assert.ok(!ids(MAIN).includes('SSH002:error:2'), 'the drop-in wins, not the main file line');
    assert.ok(ids(MAIN).includes('SSH024:info:1'));
    assert.ok(engine.dependentsOf(dropin).includes(MAIN));
    // The user edits the drop-in (an unsaved buffer): the main file's findings follow.
    ws.set(dropin, 'PasswordAuthentication no\nClientAliveInterval 300\n');
    engine.invalidate(dropin);
    assert.deepEqual(ids(dropin), ['SSH034:info:1']);
    assert.ok(!ids(MAIN).includes('SSH024:info:1'), JSON.stringify(ids(MAIN)));
    ws.set(dropin, 'X11Forwarding yes\n');
    engine.invalidate(dropin);
    assert.deepEqual(ids(dropin), ['SSH017:warning:1']);
    assert.ok(ids(MAIN).includes('SSH002:error:2'), JSON.stringify(ids(MAIN)));
  });

  it('maps /etc/ssh onto openssh.configRoot from .deployguard.json', () => {
    const ws = new MemoryWorkspace(
      {
        '/ws/.deployguard.json': JSON.stringify({ openssh: { configRoot: 'ssh-root' } }),
        '/ws/deploy/sshd_config': 'Include /etc/ssh/hardening.conf\nPasswordAuthentication yes\n',
        '/ws/ssh-root/hardening.conf': 'PasswordAuthentication no\n',
      },
      ['/ws'],
    );
    const engine = new Engine(ws, ['/ws'], [sshdKind]);
    const ids = engine.lintFile('/ws/deploy/sshd_config').findings.map((f) => `${f.ruleId}:${f.range.start.line + 1}`);
    assert.ok(!ids.includes('SSH002:2'), JSON.stringify(ids));
  });

  it('analyses a drop-in without a main file alone (no absent-setting findings)', () => {
    const ws = new MemoryWorkspace({ '/ws/sshd_config.d/x.conf': 'X11Forwarding yes\n' }, ['/ws']);
    const engine = new Engine(ws, ['/ws'], [sshdKind]);
    assert.deepEqual(engine.lintFile('/ws/sshd_config.d/x.conf').findings.map((f) => f.ruleId), ['SSH017']);
  });

  it('reads an untitled buffer by language id', () => {
    const ws = new MemoryWorkspace({ 'untitled:Untitled-1': 'PermitRootLogin yes\n' }, ['/ws']);
    const engine = new Engine(ws, ['/ws'], [sshdKind]);
    const r = engine.lintFile('untitled:Untitled-1', 'sshd_config');
    assert.ok(r.findings.some((f) => f.ruleId === 'SSH001'));
    assert.ok(r.findings.some((f) => f.ruleId === 'SSH002'), 'an untitled buffer is analysed as a main file (absent settings judged)');
  });

  it('honours suppressions in sshd comment syntax', () => {
    const ws = new MemoryWorkspace({ [MAIN]: 'PasswordAuthentication no\n# deployguard-ignore SSH001 -- break-glass host\nPermitRootLogin yes\nX11Forwarding yes # deployguard-ignore SSH017 -- lab\n' }, ['/ws']);
    const engine = new Engine(ws, ['/ws'], [sshdKind]);
    const ids = engine.lintFile(MAIN).findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('SSH001') && !ids.includes('SSH017'), JSON.stringify(ids));
  });

  it('never throws on hostile input', () => {
    const inputs = ['\u0000\u0001', '"'.repeat(10_000), 'Match\n'.repeat(2000), 'Include ' + '*/'.repeat(500) + '\n', 'Ciphers ' + ',' .repeat(10_000) + '\n', '=\n==\n= =\n', '\f\n\t\r\n'];
    for (const text of inputs) {
      const ws = new MemoryWorkspace({ [MAIN]: text }, ['/ws']);
      const logs: string[] = [];
      const engine = new Engine(ws, ['/ws'], [sshdKind], { log: (l) => logs.push(l) });
      engine.lintFile(MAIN);
      assert.deepEqual(logs, []);
    }
  });
});
