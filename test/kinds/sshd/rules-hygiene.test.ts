// Table-driven tests of the logging, hygiene and effective-configuration rules SSH026-SSH034.
import { sshdKind } from '../../../server/src/kinds/sshd';
import { ruleTester } from '../../helpers/rule-tester';

const K = [sshdKind];
const MAIN = 'etc/ssh/sshd_config';
const DROPIN = 'etc/ssh/sshd_config.d/50-cloud-init.conf';
const ON = (id: string) => ({ rules: { [id]: 'on' } });

ruleTester(K, 'SSH026', MAIN, {
  valid: ['LogLevel INFO\n', 'LogLevel VERBOSE\nSyslogFacility AUTHPRIV\n', 'Subsystem sftp internal-sftp -l INFO\n', 'Subsystem backup /usr/local/bin/backup\n', 'Port 22\n'],
  invalid: [
    { code: 'LogLevel QUIET\n', errors: [{ line: 1, severity: 'warning' }], output: 'LogLevel VERBOSE\n' },
    { code: 'SyslogFacility LOCAL0\n', errors: [{ line: 1 }], output: 'SyslogFacility AUTH\n' },
    { code: 'Subsystem sftp /usr/lib/openssh/sftp-server\n', errors: [{ line: 1, severity: 'info' }], output: 'Subsystem sftp /usr/lib/openssh/sftp-server -f AUTHPRIV -l INFO\n' },
  ],
});

ruleTester(K, 'SSH027', MAIN, {
  valid: ['StrictModes yes\n', 'Port 22\n'],
  invalid: [{ code: 'StrictModes no\n', errors: [{ line: 1, severity: 'warning' }], output: 'StrictModes yes\n' }],
});

ruleTester(K, 'SSH028', MAIN, {
  valid: ['KbdInteractiveAuthentication no\n', 'Port 22\n'],
  invalid: [
    { code: 'Port 22\nProtocol 2\n', errors: [{ line: 2, severity: 'info', message: /ignored/ }], output: 'Port 22\n' },
    { name: 'renamed keyword', code: 'ChallengeResponseAuthentication no\n', errors: [{ line: 1, column: 1, endColumn: 32, message: /old name of KbdInteractiveAuthentication/ }], output: 'KbdInteractiveAuthentication no\n' },
    { code: 'RSAAuthentication yes\n', errors: [{ line: 1, message: /deprecated/ }], output: '' },
    { name: 'Protocol 1 where it still worked', code: 'Protocol 2,1\n', config: { openssh: { version: '7.3' } }, errors: [{ line: 1, severity: 'error' }], output: '' },
    { name: 'no privilege separation where it still worked', code: 'UsePrivilegeSeparation no\n', config: { openssh: { version: '7.4' } }, errors: [{ line: 1, severity: 'error' }], output: '' },
  ],
});

ruleTester(K, 'SSH029', MAIN, {
  valid: ['UsePAM yes\nKbdInteractiveAuthentication no\n', 'Port 22\n'],
  invalid: [
    { code: 'UsePAM no\n', errors: [{ line: 1, severity: 'info' }], output: 'UsePAM yes\n' },
    { name: 'PAM with keyboard-interactive', code: 'UsePAM yes\nKbdInteractiveAuthentication yes\n', errors: [{ line: 1, message: /SSH003/ }], output: null },
  ],
});

ruleTester(K, 'SSH030', MAIN, {
  valid: ['Banner none\n', 'Port 22\n', { code: 'Banner /etc/issue.net\nDebianBanner no\n', config: ON('SSH030') }],
  invalid: [
    { name: 'opt-in: no banner', code: 'Port 22\n', config: ON('SSH030'), errors: [{ line: 1, severity: 'info' }], output: 'Port 22\nBanner /etc/issue.net\n' },
    { code: 'Banner none\n', config: ON('SSH030'), errors: [{ line: 1 }], output: null },
    { code: 'Banner /etc/issue.net\nDebianBanner yes\n', config: ON('SSH030'), errors: [{ line: 2 }], output: 'Banner /etc/issue.net\nDebianBanner no\n' },
  ],
});

ruleTester(K, 'SSH031', MAIN, {
  valid: ['Port 22\n', { code: 'Port 2222\n', config: ON('SSH031') }],
  invalid: [{ code: 'Port 22\n', config: ON('SSH031'), errors: [{ line: 1, severity: 'info' }], output: null }],
});

ruleTester(K, 'SSH033', MAIN, {
  valid: ['Match User a\n  X11Forwarding no\n', 'Match all\nPort 2222\n', 'Match User *,!root\n  X11Forwarding no\n', 'Subsystem sftp internal-sftp\nMatch User a\n  X11Forwarding no\n'],
  invalid: [
    { name: 'global-only keyword in Match', code: 'Match User a\n  Port 2222\n', errors: [{ line: 2, column: 3, endColumn: 7, severity: 'error', message: /not allowed inside a Match block/ }], output: 'Port 2222\nMatch User a\n' },
    {
      name: 'global-only keyword in a drop-in included inside Match: no move possible',
      code: 'Match User a\n  Include /etc/ssh/sshd_config.d/x.conf\n',
      files: { 'etc/ssh/sshd_config.d/x.conf': 'Ciphers aes256-ctr\n' },
      errors: [{ line: 1, path: 'etc/ssh/sshd_config.d/x.conf' }],
      output: null,
    },
    {
      name: 'hardening appended after a trailing Match block',
      code: 'PermitRootLogin no\nMatch User sftp\n    ForceCommand internal-sftp\n\nPasswordAuthentication no\n',
      errors: [{ line: 5, message: /applies only to matching connections/ }],
      output: 'PermitRootLogin no\nPasswordAuthentication no\nMatch User sftp\n    ForceCommand internal-sftp\n\n',
    },
    { name: 'criteria that never match', code: 'Match User !root\n  X11Forwarding yes\n', errors: [{ line: 1, column: 7, endColumn: 17, message: /can never match/ }], output: null },
    { name: 'unknown criterion', code: 'Match Users alice\n  X11Forwarding yes\n', errors: [{ line: 1, message: /unsupported Match criterion "Users"/ }] },
    { name: 'all combined', code: 'Match all User a\n', errors: [{ line: 1, message: /cannot be combined/ }] },
    { name: 'missing value', code: 'Match User\n', errors: [{ line: 1, message: /needs a value/ }] },
    { name: 'bad address', code: 'Match Address 10.0.0.1/8\n', errors: [{ line: 1, message: /invalid address list/ }] },
    { name: 'Subsystem in Match before 9.4', code: 'Match User a\n  Subsystem sftp internal-sftp\n', config: { openssh: { version: '9.2' } }, errors: [{ line: 2 }], output: 'Subsystem sftp internal-sftp\nMatch User a\n' },
  ],
});

ruleTester(K, 'SSH034', MAIN, {
  valid: [
    'PasswordAuthentication no\nPasswordAuthentication no\n',
    { name: 'aliases with the same meaning', code: 'PermitRootLogin prohibit-password\nPermitRootLogin without-password\n' },
    { name: 'a Match block overrides on purpose', code: 'PasswordAuthentication no\nMatch User a\n  PasswordAuthentication yes\n' },
    { name: 'list keywords accumulate', code: 'AllowUsers a\nAllowUsers b\nPort 22\nPort 2222\n' },
    { name: 'hardening before the Include wins', code: 'PasswordAuthentication no\nInclude /etc/ssh/sshd_config.d/*.conf\n', files: { [DROPIN]: 'PermitRootLogin no\n' } },
  ],
  invalid: [
    {
      name: 'cloud-init drop-in shadows the main file (flagship)',
      code: 'Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\n',
      files: { [DROPIN]: 'PasswordAuthentication yes\n' },
      errors: [{ line: 1, column: 1, endColumn: 27, path: DROPIN, severity: 'error', message: /safer "PasswordAuthentication no" at sshd_config:2 is ignored/ }],
      output: 'Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\n',
    },
    { name: 'dead configuration: the safer value wins', code: 'PasswordAuthentication no\nPasswordAuthentication yes\n', errors: [{ line: 1, severity: 'info', message: /dead configuration/ }], output: 'PasswordAuthentication no\n' },
    { name: 'insecure value first in one file', code: 'X11Forwarding yes\n# hardening\nX11Forwarding no\n', errors: [{ line: 1, severity: 'error' }], output: 'X11Forwarding no\n# hardening\nX11Forwarding no\n' },
    { name: 'values not comparable', code: 'Banner /etc/a\nBanner /etc/b\n', errors: [{ line: 1, severity: 'warning' }], output: 'Banner /etc/a\n' },
    { name: 'last value wins for MaxStartups', code: 'MaxStartups 10:30:60\nMaxStartups 100\n', errors: [{ line: 2, severity: 'warning', message: /last value/ }] },
    { name: 'inside one Match block', code: 'Match User a\n  X11Forwarding yes\n  X11Forwarding no\n', errors: [{ line: 2, severity: 'error' }], output: 'Match User a\n  X11Forwarding no\n  X11Forwarding no\n' },
    { name: 'algorithm lists compared by weakness', code: 'Ciphers aes128-cbc\nCiphers aes256-gcm@openssh.com\n', errors: [{ line: 1, severity: 'error' }], output: 'Ciphers aes256-gcm@openssh.com\nCiphers aes256-gcm@openssh.com\n' },
  ],
});
