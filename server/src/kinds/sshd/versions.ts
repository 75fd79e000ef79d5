// Target OpenSSH versions and the compiled-in defaults that depend on them (myproposal.h of each
// release): default and supported algorithm lists, and the few defaults that changed over time.
//
// Tables kept: 8.9 (Ubuntu 22.04), 9.0-9.8 (9.2, 9.6 …), the Debian 12 build of 9.2 (its
// sntrup761x25519-sha512 backport; verified against the installed daemon with `sshd -T`), 9.9 and
// 10.0+. Older versions use the 8.9 lists with the pre-8.8 `ssh-rsa` default added back.

export interface OpensshVersion {
  major: number;
  minor: number;
  /** Distribution build whose defaults differ from upstream. */
  vendor?: 'debian';
  label: string;
}

/** Parses "9.6", "9.2p1", "OpenSSH_9.2p1 Debian-2+deb12u10", "9.2p1-2+deb12u10" (Debian package). */
export function parseVersion(s: string | undefined): OpensshVersion | undefined {
  if (!s) return undefined;
  // The first "<digits>.<digits>" in the text (a hand-written scan: linear on any input).
  const isDigit = (c: string) => c >= '0' && c <= '9';
  for (let i = 0; i < s.length && i < 200; i++) {
    if (!isDigit(s[i]) || (i > 0 && isDigit(s[i - 1]))) continue;
    let j = i;
    while (j < s.length && isDigit(s[j])) j++;
    if (s[j] !== '.' || !isDigit(s[j + 1] ?? '')) continue;
    let k = j + 1;
    while (k < s.length && isDigit(s[k])) k++;
    const lower = s.toLowerCase();
    const vendor = lower.includes('debian') || lower.includes('+deb') ? ('debian' as const) : undefined;
    return { major: Number(s.slice(i, j)), minor: Number(s.slice(j + 1, k)), vendor, label: s.trim() };
  }
  return undefined;
}

export function versionAtLeast(v: OpensshVersion, target: string): boolean {
  const [maj, min] = target.split('.').map(Number);
  return v.major > maj || (v.major === maj && v.minor >= min);
}

export function versionText(v: OpensshVersion): string {
  return `OpenSSH ${v.major}.${v.minor}${v.vendor === 'debian' ? ' (Debian)' : ''}`;
}

export interface AlgorithmTables {
  ciphersDefault: string[];
  ciphersAll: string[];
  macsDefault: string[];
  macsAll: string[];
  kexDefault: string[];
  kexAll: string[];
  /** HostKeyAlgorithms / PubkeyAcceptedAlgorithms / HostbasedAcceptedAlgorithms defaults. */
  keyDefault: string[];
  /** Every key/signature algorithm name (sshkey_alg_list(0, 0, 1)), in OpenSSH's order. */
  keyAll: string[];
  caDefault: string[];
  caAll: string[];
}

const list = (s: string) => s.split(',');

const CIPHERS_ALL =
  '3des-cbc,aes128-cbc,aes192-cbc,aes256-cbc,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com';
const CIPHERS_DEFAULT = 'chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com';
const CIPHERS_DEFAULT_99 = 'chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr';
const MACS_ALL =
  'hmac-sha1,hmac-sha1-96,hmac-sha2-256,hmac-sha2-512,hmac-md5,hmac-md5-96,umac-64@openssh.com,umac-128@openssh.com,hmac-sha1-etm@openssh.com,hmac-sha1-96-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-md5-etm@openssh.com,hmac-md5-96-etm@openssh.com,umac-64-etm@openssh.com,umac-128-etm@openssh.com';
const MACS_DEFAULT =
  'umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1';
const KEX_ALL_89 =
  'diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,diffie-hellman-group14-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha1,diffie-hellman-group-exchange-sha256,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,curve25519-sha256,curve25519-sha256@libssh.org,sntrup761x25519-sha512@openssh.com';
const KEX_ALL_DEBIAN_92 = KEX_ALL_89.replace('sntrup761x25519-sha512@openssh.com', 'sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com');
const KEX_ALL_99 = KEX_ALL_DEBIAN_92 + ',mlkem768x25519-sha256';
const KEX_TAIL =
  'curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256';
const KEX_DEFAULT_89 =
  'curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,sntrup761x25519-sha512@openssh.com,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256';
const KEX_DEFAULT_90 = 'sntrup761x25519-sha512@openssh.com,' + KEX_TAIL;
const KEX_DEFAULT_DEBIAN_92 = 'sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,' + KEX_TAIL;
const KEX_DEFAULT_99 = 'sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,mlkem768x25519-sha256,' + KEX_TAIL;
const KEX_DEFAULT_100 =
  'mlkem768x25519-sha256,sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521';
const KEY_DEFAULT =
  'ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256';
const KEY_ALL =
  'ssh-ed25519,ssh-ed25519-cert-v01@openssh.com,sk-ssh-ed25519@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,webauthn-sk-ecdsa-sha2-nistp256@openssh.com,ssh-dss,ssh-dss-cert-v01@openssh.com,ssh-rsa,ssh-rsa-cert-v01@openssh.com,rsa-sha2-256,rsa-sha2-256-cert-v01@openssh.com,rsa-sha2-512,rsa-sha2-512-cert-v01@openssh.com';
const CA_DEFAULT = 'ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256';
const CA_ALL = 'ssh-ed25519,sk-ssh-ed25519@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ecdsa-sha2-nistp256@openssh.com,webauthn-sk-ecdsa-sha2-nistp256@openssh.com,ssh-dss,ssh-rsa,rsa-sha2-256,rsa-sha2-512';

const withoutDsa = (names: string) =>
  list(names)
    .filter((n) => !n.startsWith('ssh-dss'))
    .join(',');

const cache = new Map<string, AlgorithmTables>();

export function algorithmTables(v: OpensshVersion): AlgorithmTables {
  const key = `${v.major}.${v.minor}.${v.vendor ?? ''}`;
  let t = cache.get(key);
  if (t) return t;
  const ge = (x: string) => versionAtLeast(v, x);
  let kexDefault = KEX_DEFAULT_89;
  let kexAll = KEX_ALL_89;
  if (ge('10.0')) {
    kexDefault = KEX_DEFAULT_100;
    kexAll = KEX_ALL_99;
  } else if (ge('9.9')) {
    kexDefault = KEX_DEFAULT_99;
    kexAll = KEX_ALL_99;
  } else if (v.vendor === 'debian' && ge('9.2')) {
    kexDefault = KEX_DEFAULT_DEBIAN_92;
    kexAll = KEX_ALL_DEBIAN_92;
  } else if (ge('9.0')) {
    kexDefault = KEX_DEFAULT_90;
  }
  const noDsa = ge('10.0');
  const keyDefault = ge('8.8') ? KEY_DEFAULT : KEY_DEFAULT + ',ssh-rsa-cert-v01@openssh.com,ssh-rsa';
  t = {
    ciphersDefault: list(ge('9.9') ? CIPHERS_DEFAULT_99 : CIPHERS_DEFAULT),
    ciphersAll: list(CIPHERS_ALL),
    macsDefault: list(MACS_DEFAULT),
    macsAll: list(MACS_ALL),
    kexDefault: list(kexDefault),
    kexAll: list(kexAll),
    keyDefault: list(keyDefault),
    keyAll: list(noDsa ? withoutDsa(KEY_ALL) : KEY_ALL),
    caDefault: list(CA_DEFAULT),
    caAll: list(noDsa ? withoutDsa(CA_ALL) : CA_ALL),
  };
  cache.set(key, t);
  return t;
}

/** Compiled-in defaults that rules may judge (the rest is trusted, catalog §0). */
export function defaultPermitRootLogin(v: OpensshVersion): string {
  return versionAtLeast(v, '7.0') ? 'prohibit-password' : 'yes';
}
