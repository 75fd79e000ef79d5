// Table-driven tests of the cryptography rules SSH010-SSH016.
import { sshdKind } from '../../../server/src/kinds/sshd';
import { ruleTester } from '../../helpers/rule-tester';
import { RSA_2048_PUB, RSA_4096_PUB } from './keys';

const K = [sshdKind];
const MAIN = 'etc/ssh/sshd_config';
const RECOMMENDED_CIPHERS = 'chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr';

ruleTester(K, 'SSH010', MAIN, {
  valid: ['Port 22\n', 'Ciphers -aes128-ctr\n', 'Ciphers aes256-gcm@openssh.com,chacha20-poly1305@openssh.com\n', 'Ciphers ^aes256-gcm@openssh.com\n'],
  invalid: [
    { name: 'CBC', code: 'Ciphers aes128-cbc\n', errors: [{ line: 1, column: 9, endColumn: 19, severity: 'warning', message: /aes128-cbc \(CBC/ }], output: `Ciphers ${RECOMMENDED_CIPHERS}\n` },
    { name: 'appended to the defaults', code: 'Ciphers +3des-cbc\n', errors: [{ line: 1, severity: 'error', message: /3des-cbc \(broken cipher\)/ }], output: `Ciphers ${RECOMMENDED_CIPHERS}\n` },
    { name: 'worst severity, others listed', code: 'Ciphers aes256-ctr,3des-cbc,aes128-cbc\n', errors: [{ line: 1, severity: 'error', message: /also weak: aes128-cbc/ }] },
    { name: 'quoted list', code: 'Ciphers "aes256-cbc"\n', errors: [{ line: 1, column: 9, endColumn: 21 }], output: `Ciphers ${RECOMMENDED_CIPHERS}\n` },
  ],
});

ruleTester(K, 'SSH011', MAIN, {
  valid: ['MACs hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com\n', 'MACs -hmac-sha1\n', 'Port 22\n'],
  invalid: [
    { code: 'MACs +hmac-md5\n', errors: [{ line: 1, severity: 'error', message: /hmac-md5/ }], output: 'MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com\n' },
    { name: 'encrypt-and-MAC', code: 'MACs hmac-sha2-256\n', errors: [{ line: 1, severity: 'info', message: /encrypt-and-MAC/ }] },
    { name: '64-bit tag', code: 'MACs umac-64-etm@openssh.com\n', errors: [{ line: 1, severity: 'error' }] },
  ],
});

ruleTester(K, 'SSH012', MAIN, {
  valid: [
    'KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256\n',
    'KexAlgorithms +curve25519-sha256\n',
    'KexAlgorithms -ecdh-sha2-*\n',
    { name: 'no PQ check before 9.0', code: 'KexAlgorithms curve25519-sha256\n', config: { openssh: { version: '8.9' } } },
  ],
  invalid: [
    {
      code: 'KexAlgorithms diffie-hellman-group1-sha1,curve25519-sha256\n',
      errors: [
        { line: 1, column: 15, severity: 'error', message: /Logjam/ },
        { line: 1, severity: 'info', message: /post-quantum/ },
      ],
      output: 'KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512\n',
    },
    { name: 'NIST curve', code: 'KexAlgorithms ecdh-sha2-nistp256,sntrup761x25519-sha512@openssh.com\n', errors: [{ line: 1, severity: 'warning' }] },
    { name: 'no hybrid PQ (9.6)', code: 'KexAlgorithms curve25519-sha256\n', errors: [{ line: 1, severity: 'info' }], output: 'KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256\n' },
    { name: 'no hybrid PQ (10.0)', code: 'KexAlgorithms curve25519-sha256\n', config: { openssh: { version: '10.0' } }, errors: [{ line: 1 }], output: 'KexAlgorithms mlkem768x25519-sha256,curve25519-sha256\n' },
  ],
});

ruleTester(K, 'SSH013', MAIN, {
  valid: ['HostKey /etc/ssh/ssh_host_ecdsa_key\n', 'HostKeyAlgorithms -ssh-rsa\n', 'PubkeyAcceptedAlgorithms ssh-ed25519,rsa-sha2-512\n', 'Port 22\n'],
  invalid: [
    { name: 'only weak names: line removed', code: 'HostKeyAlgorithms +ssh-rsa\n', errors: [{ line: 1, column: 19, severity: 'warning' }], output: '' },
    { code: 'PubkeyAcceptedAlgorithms ssh-ed25519,ssh-rsa\n', errors: [{ line: 1, message: /ssh-rsa/ }], output: 'PubkeyAcceptedAlgorithms ssh-ed25519\n' },
    { name: 'old keyword name', code: 'PubkeyAcceptedKeyTypes +ssh-dss\n', errors: [{ line: 1, message: /DSA/ }], output: '' },
    { name: 'wildcard: no automatic fix', code: 'HostKeyAlgorithms ssh-*\n', errors: [{ line: 1 }], output: null },
    { name: 'DSA host key', code: 'HostKey /etc/ssh/ssh_host_ed25519_key\nHostKey /etc/ssh/ssh_host_dsa_key\n', errors: [{ line: 2 }], output: 'HostKey /etc/ssh/ssh_host_ed25519_key\n' },
  ],
});

ruleTester(K, 'SSH014', MAIN, {
  valid: [
    'RequiredRSASize 3072\n',
    { name: 'before 9.1', code: 'Port 22\n', config: { openssh: { version: '8.9' } } },
    { name: 'long host key', code: 'RequiredRSASize 4096\nHostKey /etc/ssh/ssh_host_rsa_key\n', files: { 'etc/ssh/ssh_host_rsa_key.pub': RSA_4096_PUB } },
    { name: 'drop-in alone', path: 'etc/ssh/sshd_config.d/x.conf', code: 'Port 22\n' },
  ],
  invalid: [
    { code: 'Port 22\n', errors: [{ line: 1, severity: 'info', message: /RequiredRSASize is not set/ }], output: 'Port 22\nRequiredRSASize 3072\n' },
    { code: 'RequiredRSASize 2048\n', errors: [{ line: 1 }], output: 'RequiredRSASize 3072\n' },
    { name: 'short RSA host key in the workspace', code: 'RequiredRSASize 3072\nHostKey /etc/ssh/ssh_host_rsa_key\n', files: { 'etc/ssh/ssh_host_rsa_key.pub': RSA_2048_PUB }, errors: [{ line: 2, message: /is 2048 bits/ }], output: null },
    { name: 'default host key', code: 'RequiredRSASize 3072\n', files: { 'etc/ssh/ssh_host_rsa_key.pub': RSA_2048_PUB }, errors: [{ line: 1, message: /ssh_host_rsa_key is 2048 bits/ }] },
  ],
});

const MODULI = '# Time Type Tests Tries Size Generator Modulus\n20230101 2 6 100 2047 2 C0FFEE\n20230101 2 6 100 3071 2 C0FFEE\n20230101 2 6 100 4095 5 C0FFEE\n';
ruleTester(K, 'SSH015', MAIN, {
  valid: [
    { name: 'no short groups', code: 'Port 22\n', files: { 'etc/ssh/moduli': '20230101 2 6 100 3071 2 C0FFEE\n' } },
    { name: 'group exchange disabled', code: 'KexAlgorithms curve25519-sha256\n', files: { 'etc/ssh/moduli': MODULI } },
    { name: 'no moduli file in the workspace', code: 'Port 22\n' },
  ],
  invalid: [
    { code: 'Port 22\n', files: { 'etc/ssh/moduli': MODULI }, errors: [{ line: 1, severity: 'info', message: /1 Diffie-Hellman group shorter than 3072 bits \(down to 2048\)/ }], output: 'Port 22\n' },
    { name: 'ModuliFile', code: 'ModuliFile /etc/ssh/moduli.safe\n', files: { 'etc/ssh/moduli.safe': MODULI }, errors: [{ line: 1 }] },
  ],
});

ruleTester(K, 'SSH016', MAIN, {
  valid: [
    'Port 22\n',
    { name: 'back-end included', code: 'Include /etc/crypto-policies/back-ends/opensshserver.config\n', files: { 'etc/crypto-policies/back-ends/opensshserver.config': 'Ciphers aes256-gcm@openssh.com\n' } },
    { name: 'commented override', code: 'Port 22\n', files: { 'etc/sysconfig/sshd': '# CRYPTO_POLICY="-oCiphers=aes256-ctr"\n' } },
  ],
  invalid: [
    { code: 'Port 22\n', files: { 'etc/sysconfig/sshd': 'CRYPTO_POLICY="-oCiphers=aes256-ctr -oMACs=hmac-sha2-256"\n' }, errors: [{ line: 1, severity: 'info', message: /sysconfig/ }], output: null },
    { name: 'back-end not included', code: 'Port 22\n', files: { 'etc/crypto-policies/back-ends/opensshserver.config': 'Ciphers aes256-gcm@openssh.com\n' }, errors: [{ line: 1, message: /does not Include it/ }] },
  ],
});
