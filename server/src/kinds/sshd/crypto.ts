// Algorithm lists: resolution of `+`, `-` and `^` against the target version's defaults (kex.c
// kex_assemble_names), and the weakness classification of ssh-audit's database used by SSH010-SSH013.
import { filterAllow, filterDeny } from './patterns';
import { algorithmTables, type OpensshVersion } from './versions';

export type AlgoOption =
  | 'ciphers'
  | 'macs'
  | 'kexalgorithms'
  | 'hostkeyalgorithms'
  | 'pubkeyacceptedalgorithms'
  | 'hostbasedacceptedalgorithms'
  | 'casignaturealgorithms';

function tables(option: AlgoOption, v: OpensshVersion): { def: string[]; all: string[] } {
  const t = algorithmTables(v);
  switch (option) {
    case 'ciphers':
      return { def: t.ciphersDefault, all: t.ciphersAll };
    case 'macs':
      return { def: t.macsDefault, all: t.macsAll };
    case 'kexalgorithms':
      return { def: t.kexDefault, all: t.kexAll };
    case 'casignaturealgorithms':
      return { def: t.caDefault, all: t.caAll };
    default:
      return { def: t.keyDefault, all: t.keyAll };
  }
}

function cat(a: string[], b: string[]): string[] {
  const out = [...a];
  for (const x of b) if (!out.includes(x)) out.push(x);
  return out;
}

export interface ResolvedList {
  /** The effective list sshd uses. */
  effective: string[];
  /** The names the file itself brings in (the defaults are trusted, catalog §0). */
  stated: string[];
}

/** kex_assemble_names(): the effective list for a value, and which names the value states. */
export function resolveAlgorithms(option: AlgoOption, value: string | undefined, v: OpensshVersion): ResolvedList {
  const { def, all } = tables(option, v);
  if (value === undefined || value === '') return { effective: def, stated: [] };
  const head = value[0];
  let patterns = (head === '+' || head === '-' || head === '^' ? value.slice(1) : value).split(',');
  // kex_names_cat() appends a "+" list to the defaults up to its first empty name.
  if (head === '+' && patterns.includes('')) patterns = patterns.slice(0, patterns.indexOf(''));
  if (head === '-') {
    // A "-" list that removes everything leaves an empty string, which the next assemble_algorithms()
    // reads as unset: sshd -T shows (and sshd uses) the defaults then.
    const left = filterDeny(def, patterns);
    return { effective: left.length > 0 ? left : def, stated: [] };
  }
  const expand = (names: string[]) => names.reduce<string[]>((acc, p) => cat(acc, filterAllow(all, [p])), []);
  const stated = expand(patterns);
  if (head === '+') return { effective: cat(def, stated), stated };
  if (head === '^') return { effective: cat(stated, def), stated };
  return { effective: stated, stated };
}

export interface AlgoIssue {
  severity: 'error' | 'warning' | 'info';
  reason: string;
}

export function cipherIssue(name: string): AlgoIssue | undefined {
  if (/^(3des|blowfish|cast128|arcfour|des|idea|rijndael|seed|serpent)/.test(name) || name === 'none') {
    return { severity: 'error', reason: 'broken cipher' };
  }
  if (/-cbc(@|$)/.test(name)) return { severity: 'warning', reason: 'CBC mode (padding-oracle and Terrapin-prone)' };
  return undefined;
}

export function macIssue(name: string): AlgoIssue | undefined {
  if (name.startsWith('hmac-md5')) return { severity: 'error', reason: 'MD5 is broken' };
  if (name.startsWith('hmac-sha1')) return { severity: 'error', reason: 'SHA-1 is broken' };
  if (name.startsWith('hmac-ripemd160')) return { severity: 'error', reason: 'RIPEMD-160 is deprecated' };
  if (name.startsWith('umac-64')) return { severity: 'error', reason: '64-bit tag is too short' };
  if (!name.includes('-etm@')) return { severity: 'info', reason: 'encrypt-and-MAC (prefer the -etm variant)' };
  return undefined;
}

export function kexIssue(name: string): AlgoIssue | undefined {
  if (name === 'diffie-hellman-group1-sha1') return { severity: 'error', reason: '1024-bit group with SHA-1 (Logjam)' };
  if (name === 'diffie-hellman-group14-sha1' || name === 'diffie-hellman-group-exchange-sha1') return { severity: 'error', reason: 'SHA-1' };
  if (name.startsWith('rsa1024-sha1')) return { severity: 'error', reason: '1024-bit RSA with SHA-1' };
  if (/^(gost|sm2)/i.test(name)) return { severity: 'error', reason: 'non-standard national curve' };
  if (name.startsWith('ecdh-sha2-nistp')) return { severity: 'warning', reason: 'NIST curve (suspected backdoored constants)' };
  if (name === 'sntrup4591761x25519-sha512@tinyssh.org') return { severity: 'warning', reason: 'withdrawn post-quantum algorithm' };
  if (name === 'diffie-hellman-group14-sha256') return { severity: 'info', reason: '2048-bit modulus' };
  return undefined;
}

export const PQ_KEX = ['mlkem768x25519-sha256', 'sntrup761x25519-sha512', 'sntrup761x25519-sha512@openssh.com'];

export function keyAlgIssue(name: string): AlgoIssue | undefined {
  if (name.startsWith('ssh-dss')) return { severity: 'warning', reason: 'DSA (1024-bit, removed in OpenSSH 10.0)' };
  if (name === 'ssh-rsa' || name === 'ssh-rsa-cert-v01@openssh.com') return { severity: 'warning', reason: 'RSA with SHA-1 signatures' };
  if (name.endsWith('-cert-v00@openssh.com')) return { severity: 'warning', reason: 'legacy v00 certificate format' };
  return undefined;
}

const WEIGHT = { error: 100, warning: 10, info: 1 } as const;

function weakness(names: string[], issue: (n: string) => AlgoIssue | undefined): number {
  return names.reduce((sum, n) => sum + (issue(n) ? WEIGHT[issue(n)!.severity] : 0), 0);
}

/** How weak the names a value states are (0 = none), for comparing conflicting lines. */
export function listWeakness(option: AlgoOption, value: string, v: OpensshVersion): number {
  const { stated } = resolveAlgorithms(option, value, v);
  if (option === 'ciphers') return weakness(stated, cipherIssue);
  if (option === 'macs') return weakness(stated, macIssue);
  if (option === 'kexalgorithms') return weakness(stated, kexIssue);
  return weakness(stated, keyAlgIssue);
}
