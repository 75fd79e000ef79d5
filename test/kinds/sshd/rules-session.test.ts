// Table-driven tests of the forwarding, session and DoS rules SSH017-SSH025.
import { sshdKind } from '../../../server/src/kinds/sshd';
import { ruleTester } from '../../helpers/rule-tester';

const K = [sshdKind];
const MAIN = 'etc/ssh/sshd_config';

ruleTester(K, 'SSH017', MAIN, {
  valid: ['X11Forwarding no\n', 'Port 22\n'],
  invalid: [
    { code: 'X11Forwarding yes\n', errors: [{ line: 1, severity: 'warning' }], output: 'X11Forwarding no\n' },
    { code: 'X11UseLocalhost no\nX11Forwarding yes\n', errors: [{ line: 2, message: /every interface/ }], output: 'X11UseLocalhost no\nX11Forwarding no\n' },
  ],
});

ruleTester(K, 'SSH018', MAIN, {
  valid: ['AllowTcpForwarding local\n', 'AllowTcpForwarding no\nGatewayPorts no\nPermitTunnel no\n', 'DisableForwarding yes\nAllowTcpForwarding yes\n', 'Port 22\n'],
  invalid: [
    { code: 'AllowTcpForwarding yes\n', errors: [{ line: 1, severity: 'warning' }], output: 'AllowTcpForwarding no\n' },
    { code: 'AllowTcpForwarding all\n', errors: [{ line: 1, message: /all/ }], output: 'AllowTcpForwarding no\n' },
    { code: 'GatewayPorts clientspecified\n', errors: [{ line: 1 }], output: 'GatewayPorts no\n' },
    { code: 'PermitTunnel point-to-point\n', errors: [{ line: 1 }], output: 'PermitTunnel no\n' },
    { code: 'AllowStreamLocalForwarding yes\n', errors: [{ line: 1 }], output: 'AllowStreamLocalForwarding no\n' },
    { name: 'Match block', code: 'AllowTcpForwarding no\nMatch Group admins\n  AllowTcpForwarding yes\n', errors: [{ line: 3 }], output: 'AllowTcpForwarding no\nMatch Group admins\n  AllowTcpForwarding no\n' },
  ],
});

ruleTester(K, 'SSH019', MAIN, {
  valid: ['AllowAgentForwarding no\n', 'Port 22\n'],
  invalid: [{ code: 'AllowAgentForwarding yes\n', errors: [{ line: 1, severity: 'info' }], output: 'AllowAgentForwarding no\n' }],
});

ruleTester(K, 'SSH020', MAIN, {
  valid: ['MaxAuthTries 4\n', 'MaxAuthTries 2\n', 'Port 22\n'],
  invalid: [{ code: 'MaxAuthTries 6\n', errors: [{ line: 1, severity: 'warning' }], output: 'MaxAuthTries 3\n' }],
});

ruleTester(K, 'SSH021', MAIN, {
  valid: ['LoginGraceTime 60\n', 'LoginGraceTime 30s\n', 'Port 22\n'],
  invalid: [
    { code: 'LoginGraceTime 2m\n', errors: [{ line: 1, message: /120 seconds/ }], output: 'LoginGraceTime 30\n' },
    { name: '0 on a regreSSHion-affected version: no automatic fix', code: 'LoginGraceTime 0\n', errors: [{ line: 1, message: /CVE-2024-6387/ }], output: null },
    { name: '0 on a fixed version', code: 'LoginGraceTime 0\n', config: { openssh: { version: '9.8' } }, errors: [{ line: 1 }], output: 'LoginGraceTime 30\n' },
  ],
});

ruleTester(K, 'SSH022', MAIN, {
  valid: ['MaxStartups 10:30:60\n', 'MaxStartups 5:50:20\n', { path: 'etc/ssh/sshd_config.d/x.conf', code: 'Port 22\n' }, { code: 'MaxStartups 10:30:60\nPerSourcePenalties authfail:30s\n', config: { openssh: { version: '9.8' } } }],
  invalid: [
    { code: 'Port 22\n', errors: [{ line: 1, severity: 'info', message: /not set/ }], output: 'Port 22\nMaxStartups 10:30:60\n' },
    { code: 'MaxStartups 100\n', errors: [{ line: 1 }], output: 'MaxStartups 10:30:60\n' },
    { name: 'the last line wins', code: 'MaxStartups 10:30:60\nMaxStartups 10:10:100\n', errors: [{ line: 2 }], output: 'MaxStartups 10:30:60\nMaxStartups 10:30:60\n' },
    { name: 'per-source limits off (9.8)', code: 'MaxStartups 10:30:60\nPerSourcePenalties no\n', config: { openssh: { version: '9.8' } }, errors: [{ line: 2 }], output: null },
  ],
});

ruleTester(K, 'SSH023', MAIN, {
  valid: ['MaxSessions 10\n', 'Port 22\n'],
  invalid: [{ code: 'MaxSessions 20\n', errors: [{ line: 1, severity: 'info' }], output: 'MaxSessions 10\n' }],
});

ruleTester(K, 'SSH024', MAIN, {
  valid: ['ClientAliveInterval 300\nClientAliveCountMax 3\n', 'ClientAliveInterval 5m\n', { path: 'etc/ssh/sshd_config.d/x.conf', code: 'Port 22\n' }],
  invalid: [
    { code: 'Port 22\n', errors: [{ line: 1, message: /not set/ }], output: 'Port 22\nClientAliveInterval 300\n' },
    { code: 'ClientAliveInterval 0\n', errors: [{ line: 1 }], output: 'ClientAliveInterval 300\n' },
    { code: 'ClientAliveInterval 10m\n', errors: [{ line: 1, message: /600/ }], output: 'ClientAliveInterval 300\n' },
    { code: 'ClientAliveInterval 300\nClientAliveCountMax 0\n', errors: [{ line: 2 }], output: 'ClientAliveInterval 300\nClientAliveCountMax 3\n' },
  ],
});

ruleTester(K, 'SSH025', MAIN, {
  valid: ['UseDNS no\nTCPKeepAlive no\n', 'Compression yes\n', { code: 'Compression delayed\n', config: { openssh: { version: '7.3' } } }],
  invalid: [
    { code: 'UseDNS yes\n', errors: [{ line: 1, severity: 'info' }], output: 'UseDNS no\n' },
    { code: 'TCPKeepAlive yes\n', errors: [{ line: 1 }], output: 'TCPKeepAlive no\n' },
    { name: 'pre-auth compression before 7.4', code: 'Compression yes\n', config: { openssh: { version: '7.3' } }, errors: [{ line: 1 }], output: 'Compression delayed\n' },
  ],
});
