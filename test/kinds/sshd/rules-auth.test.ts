// Table-driven tests of the authentication rules SSH000-SSH009 (valid, invalid, quick-fix output).
import { sshdKind } from '../../../server/src/kinds/sshd';
import { ruleTester } from '../../helpers/rule-tester';

const K = [sshdKind];
const MAIN = 'etc/ssh/sshd_config';
const DROPIN = 'etc/ssh/sshd_config.d/50-cloud-init.conf';

ruleTester(K, 'SSH000', MAIN, {
  valid: ['PasswordAuthentication no\n', 'Include sshd_config.d/*.conf\n', 'Protocol 2\n', '', '# only a comment\n', { code: 'PerSourcePenalties authfail:30s\n', config: { openssh: { version: '9.8' } } }],
  invalid: [
    { name: 'unknown keyword', code: 'PermitRootLogn no\n', errors: [{ line: 1, column: 1, endColumn: 15, severity: 'error', message: /unknown keyword "PermitRootLogn"/ }], output: null },
    { name: 'keyword without value', code: 'PasswordAuthentication\n', errors: [{ line: 1, column: 1, message: /no argument/ }] },
    { name: 'comment instead of value', code: 'PermitRootLogin # no\n', errors: [{ line: 1, message: /missing argument/ }] },
    { name: 'bad enum value', code: 'PermitRootLogin maybe\n', errors: [{ line: 1, column: 17, endColumn: 22, message: /unsupported PermitRootLogin value "maybe"/ }] },
    { name: 'extra argument', code: 'Port 22 2222\n', errors: [{ line: 1, column: 9, message: /extra arguments/ }] },
    { name: 'unbalanced quotes', code: 'Banner "/etc/issue\n', errors: [{ line: 1, column: 8, message: /unbalanced quotes/ }] },
    { name: 'quoted keyword never closed', code: '"Port 22\n', errors: [{ line: 1, severity: 'warning', message: /silently ignores/ }] },
    { name: 'bad time', code: 'LoginGraceTime 2x\n', errors: [{ line: 1, column: 16, message: /invalid time value/ }] },
    { name: 'unknown cipher', code: 'Ciphers aes128-ctr,arcfour\n', errors: [{ line: 1, column: 9, message: /unknown cipher "arcfour"/ }] },
    { name: 'keyword newer than the target version', code: 'PerSourcePenalties authfail:30s\n', errors: [{ line: 1, message: /not known to OpenSSH 9\.6 \(added in OpenSSH 9\.8\)/ }] },
    { name: 'missing literal include', code: 'Include extra.conf\n', errors: [{ line: 1, column: 9, severity: 'warning', message: /not in the workspace/ }] },
    { name: 'include outside the ssh directory (not a filesystem mirror)', path: 'deploy/sshd_config', code: 'Include /opt/ssh/x.conf\n', errors: [{ line: 1, severity: 'info', message: /outside the ssh directory/ }] },
    { name: 'absolute include in a filesystem mirror', code: 'Include /opt/ssh/x.conf\n', errors: [{ line: 1, severity: 'warning', message: /\/ws\/opt\/ssh\/x\.conf/ }] },
    {
      name: 'include cycle, reported in the file that closes it',
      code: 'Include sshd_config.d/*.conf\n',
      files: { 'etc/ssh/sshd_config.d/a.conf': 'Include /etc/ssh/sshd_config.d/a.conf\n' },
      errors: [{ line: 1, column: 9, path: 'etc/ssh/sshd_config.d/a.conf', severity: 'error', message: /Include cycle/ }],
    },
  ],
});

ruleTester(K, 'SSH001', MAIN, {
  valid: ['PermitRootLogin no\n', 'PermitRootLogin prohibit-password\n', 'PermitRootLogin without-password\n', 'Port 22\n', { code: 'PermitRootLogin yes\n', config: { rules: { SSH001: 'off' } } }],
  invalid: [
    { code: 'PermitRootLogin yes\n', errors: [{ line: 1, column: 1, endColumn: 20, severity: 'error' }], output: 'PermitRootLogin no\n' },
    { name: '= syntax and comment kept', code: 'PermitRootLogin=yes # legacy\n', errors: [{ line: 1 }], output: 'PermitRootLogin=no # legacy\n' },
    { name: 'value case-insensitive', code: 'permitrootlogin "YES"\n', errors: [{ line: 1 }], output: 'permitrootlogin no\n' },
    { name: 'inside a Match block', code: 'PermitRootLogin no\nMatch Address 10.0.0.0/8\n  PermitRootLogin yes\n', errors: [{ line: 3, column: 3, message: /Match Address/ }], output: 'PermitRootLogin no\nMatch Address 10.0.0.0/8\n  PermitRootLogin no\n' },
    { name: 'absent on OpenSSH < 7.0', code: 'Port 22\n', config: { openssh: { version: '6.9' } }, errors: [{ line: 1, message: /default .* is "yes"/ }], output: 'Port 22\nPermitRootLogin no\n' },
  ],
});

ruleTester(K, 'SSH002', MAIN, {
  valid: [
    'PasswordAuthentication no\n',
    'AuthenticationMethods publickey\n',
    { name: 'drop-in alone: absence not judged', path: 'etc/ssh/sshd_config.d/10-x.conf', code: 'Port 22\n' },
    { name: 'main file wins over the drop-in included after it', code: 'PasswordAuthentication no\nInclude /etc/ssh/sshd_config.d/*.conf\n', files: { [DROPIN]: 'PasswordAuthentication yes\n' } },
  ],
  invalid: [
    { name: 'explicit yes', code: 'PasswordAuthentication yes\n', errors: [{ line: 1, column: 1, endColumn: 27 }], output: 'PasswordAuthentication no\n' },
    { name: 'CRLF kept', code: 'PasswordAuthentication yes\r\nPort 22\r\n', errors: [{ line: 1 }], output: 'PasswordAuthentication no\r\nPort 22\r\n' },
    { name: 'absent: default is yes', code: 'Port 22\n', errors: [{ line: 1, column: 1, message: /defaults to "yes"/ }], output: 'Port 22\nPasswordAuthentication no\n' },
    { name: 'absent, no final newline', code: 'Port 22', errors: [{ line: 1 }], output: 'Port 22\nPasswordAuthentication no\n' },
    { name: 'absent, empty file', code: '', errors: [{ line: 1 }], output: 'PasswordAuthentication no\n' },
    {
      name: 'absent: the fix goes before the first Include so it wins',
      code: '# main\nInclude /etc/ssh/sshd_config.d/*.conf\nPort 22\n',
      errors: [{ line: 1 }],
      output: '# main\nPasswordAuthentication no\nInclude /etc/ssh/sshd_config.d/*.conf\nPort 22\n',
    },
    {
      name: 'cloud-init drop-in wins: reported in the drop-in, fixed in the main file before the Include',
      path: DROPIN,
      code: 'PasswordAuthentication yes\n',
      files: { [MAIN]: 'Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\n' },
      errors: [{ line: 1, path: DROPIN, message: /password logins are enabled/ }],
      output: 'PasswordAuthentication yes\n',
    },
    { name: 'drop-in alone: fixed in place', path: 'etc/ssh/sshd_config.d/10-x.conf', code: 'PasswordAuthentication yes\n', errors: [{ line: 1 }], output: 'PasswordAuthentication no\n' },
    { name: 'Match block', code: 'PasswordAuthentication no\nMatch User ci\n\tPasswordAuthentication yes\n', errors: [{ line: 3, column: 2 }], output: 'PasswordAuthentication no\nMatch User ci\n\tPasswordAuthentication no\n' },
  ],
});

ruleTester(K, 'SSH003', MAIN, {
  valid: ['UsePAM yes\nKbdInteractiveAuthentication no\n', 'KbdInteractiveAuthentication yes\n', 'UsePAM yes\nKbdInteractiveAuthentication yes\nAuthenticationMethods publickey,keyboard-interactive:pam\n', 'UsePAM yes\n'],
  invalid: [
    { code: 'UsePAM yes\nKbdInteractiveAuthentication yes\n', errors: [{ line: 2, severity: 'warning' }], output: 'UsePAM yes\nKbdInteractiveAuthentication no\n' },
    { name: 'old name', code: 'UsePAM yes\nChallengeResponseAuthentication yes\n', errors: [{ line: 2 }], output: 'UsePAM yes\nChallengeResponseAuthentication no\n' },
  ],
});

ruleTester(K, 'SSH004', MAIN, {
  valid: ['PermitEmptyPasswords no\n', 'Port 22\n'],
  invalid: [{ code: 'PermitEmptyPasswords yes\n', errors: [{ line: 1, severity: 'error' }], output: 'PermitEmptyPasswords no\n' }],
});

ruleTester(K, 'SSH005', MAIN, {
  valid: ['AuthenticationMethods publickey\n', 'AuthenticationMethods publickey,password\n', 'AuthenticationMethods any\n', 'PubkeyAuthentication no\nAuthenticationMethods keyboard-interactive:pam\n', 'Port 22\n'],
  invalid: [
    { name: 'alternatives where a chain was meant', code: 'AuthenticationMethods publickey password\n', errors: [{ line: 1, message: /spaces separate alternatives/ }], output: 'AuthenticationMethods publickey,password\n' },
    { name: 'password alone', code: 'AuthenticationMethods publickey,password password\n', errors: [{ line: 1, message: /"password" alone/ }], output: null },
    { name: 'password first in a chain', code: 'AuthenticationMethods password,publickey\n', errors: [{ line: 1, message: /password first/ }], output: null },
    { name: 'keys disabled, no methods', code: 'PubkeyAuthentication no\n', errors: [{ line: 1 }], output: null },
  ],
});

ruleTester(K, 'SSH006', MAIN, {
  valid: ['HostbasedAuthentication no\nIgnoreRhosts yes\nIgnoreUserKnownHosts yes\n', 'IgnoreRhosts shosts-only\n', 'Port 22\n'],
  invalid: [
    { code: 'HostbasedAuthentication yes\n', errors: [{ line: 1, severity: 'error' }], output: 'HostbasedAuthentication no\n' },
    { code: 'IgnoreRhosts no\n', errors: [{ line: 1 }], output: 'IgnoreRhosts yes\n' },
    { code: 'IgnoreUserKnownHosts no\n', errors: [{ line: 1 }], output: 'IgnoreUserKnownHosts yes\n' },
  ],
});

ruleTester(K, 'SSH007', MAIN, {
  valid: ['PermitUserEnvironment no\n', 'AcceptEnv LANG LC_*\n', 'AcceptEnv TZ\n'],
  invalid: [
    { code: 'PermitUserEnvironment yes\n', errors: [{ line: 1, severity: 'warning' }], output: 'PermitUserEnvironment no\n' },
    { name: 'pattern list', code: 'PermitUserEnvironment LANG,LC_*\n', errors: [{ line: 1 }], output: 'PermitUserEnvironment no\n' },
    { name: 'trim one variable', code: 'AcceptEnv LANG LC_* LD_PRELOAD\n', errors: [{ line: 1, message: /LD_PRELOAD/ }], output: 'AcceptEnv LANG LC_*\n' },
    { name: 'trim the first variable', code: 'AcceptEnv PATH LANG\n', errors: [{ line: 1 }], output: 'AcceptEnv LANG\n' },
    { name: 'everything: line removed', code: 'Port 22\nAcceptEnv *\n', errors: [{ line: 2 }], output: 'Port 22\n' },
  ],
});

ruleTester(K, 'SSH008', MAIN, {
  valid: ['GSSAPIAuthentication no\nKerberosAuthentication no\n', 'Port 22\n'],
  invalid: [
    { code: 'GSSAPIAuthentication yes\n', errors: [{ line: 1, severity: 'info' }], output: 'GSSAPIAuthentication no\n' },
    { code: 'KerberosTicketCleanup no\n', errors: [{ line: 1 }], output: 'KerberosTicketCleanup yes\n' },
    { code: 'KerberosAuthentication yes\nKerberosOrLocalPasswd yes\n', errors: [{ line: 1 }, { line: 2 }], output: 'KerberosAuthentication no\nKerberosOrLocalPasswd yes\n' },
  ],
});

ruleTester(K, 'SSH009', MAIN, {
  valid: ['AllowGroups ssh-users\n', 'DenyUsers guest\n', 'Match User deploy\n  AllowUsers deploy\n', { path: 'etc/ssh/sshd_config.d/x.conf', code: 'Port 22\n' }],
  invalid: [{ code: 'Port 22\n', errors: [{ line: 1, severity: 'info' }], output: 'Port 22\nAllowGroups ssh-users\n' }],
});
