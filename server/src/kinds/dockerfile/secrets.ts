// Secrets in Dockerfiles: secret-bearing variable names (catalog §0, DKR006: name segments, not
// substrings), secret values by format (DKR007) and secret files (DKR008).
import { jwtSpans, openAiKeySpans, trimTrailing, urlPasswordSpans } from './scan';

/** Splits a variable name into segments at `_`, `-`, `.` and case changes (`apiKey` → api, Key). */
export function nameSegments(name: string): string[] {
  const out: string[] = [];
  for (const part of name.split(/[_.\-]+/)) {
    if (!part) continue;
    // lower→Upper, Upper→Upper+lower (APIKey → API, Key), letter↔digit boundaries are kept together.
    let cur = part[0];
    for (let i = 1; i < part.length; i++) {
      const prev = part[i - 1];
      const c = part[i];
      const next = part[i + 1] ?? '';
      const lowerToUpper = /[a-z0-9]/.test(prev) && /[A-Z]/.test(c);
      const acronymEnd = /[A-Z]/.test(prev) && /[A-Z]/.test(c) && /[a-z]/.test(next);
      if (lowerToUpper || acronymEnd) {
        out.push(cur);
        cur = c;
      } else cur += c;
    }
    out.push(cur);
  }
  return out.map((s) => s.toUpperCase());
}

const SECRET_SEGMENTS = new Set(['PASSWORD', 'PASSWD', 'PWD', 'SECRET', 'TOKEN', 'APIKEY', 'CREDENTIALS', 'PRIVATEKEY', 'PASS', 'PASSPHRASE']);
const SECRET_PAIRS = new Set(['API KEY', 'ACCESS KEY', 'PRIVATE KEY', 'AUTH KEY', 'SECRET KEY']);
const NOT_SECRET_LAST = new Set(['FILE', 'PATH', 'DIR', 'NAME', 'ID', 'URL', 'ENABLED', 'LENGTH', 'COUNT', 'TYPE', 'MODE']);

export interface SecretName {
  secret: boolean;
  /** The segment(s) that make it a secret, for the message. */
  because?: string;
  /** Why it is not one despite a secret segment (suffix or path value). */
  exempt?: string;
}

/** Does the name segments say "secret"? (Ignoring the exemptions.) */
function secretSegment(segs: string[]): string | undefined {
  for (let i = 0; i + 1 < segs.length; i++) if (SECRET_PAIRS.has(`${segs[i]} ${segs[i + 1]}`)) return `${segs[i]}_${segs[i + 1]}`;
  for (const s of segs) if (SECRET_SEGMENTS.has(s)) return s;
  const last = segs[segs.length - 1];
  if (last === 'KEY' && segs[segs.length - 2] !== 'PUBLIC') return 'KEY';
  return undefined;
}

/**
 * Catalog §0 "DKR006 secret names": secret when a segment is PASSWORD, PASSWD, PWD, SECRET, TOKEN,
 * APIKEY, CREDENTIALS, PRIVATEKEY, PASS, PASSPHRASE, when adjacent segments are API KEY, ACCESS KEY,
 * PRIVATE KEY, AUTH KEY, SECRET KEY, or the last segment is KEY (unless after PUBLIC); not secret
 * when the last segment is FILE, PATH, DIR, NAME, ID, URL, ENABLED, LENGTH, COUNT, TYPE, MODE or the
 * value is a path.
 */
export function classifySecretName(name: string, value?: string): SecretName {
  const segs = nameSegments(name);
  if (segs.length === 0) return { secret: false };
  const because = secretSegment(segs);
  if (!because) return { secret: false };
  const last = segs[segs.length - 1];
  if (NOT_SECRET_LAST.has(last)) return { secret: false, because, exempt: `ends in ${last}` };
  if (value !== undefined && (value.startsWith('/') || value.startsWith('./'))) return { secret: false, because, exempt: 'its value is a path' };
  return { secret: true, because };
}

/** A name with a secret segment that only a suffix (FILE, PATH…) or a path value exempts. */
export function secretish(name: string): boolean {
  const segs = nameSegments(name);
  return segs.length > 0 && secretSegment(segs) !== undefined;
}

export interface SecretValueMatch {
  kind: string;
  /** Offsets within the scanned string. */
  start: number;
  end: number;
}

const VALUE_PATTERNS: { kind: string; re: RegExp }[] = [
  { kind: 'AWS access key id', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  { kind: 'GitHub token', re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b/g },
  { kind: 'GitHub fine-grained token', re: /\bgithub_pat_[A-Za-z0-9_]{22,255}/g },
  { kind: 'GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20,255}/g },
  { kind: 'Slack token', re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { kind: 'Stripe live key', re: /\b[rs]k_live_[A-Za-z0-9]{20,}/g },
  { kind: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: 'npm token', re: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'PyPI token', re: /\bpypi-AgE[A-Za-z0-9_-]{50,}/g },
  { kind: 'private key', re: /-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----/g },
];

function placeholder(v: string): boolean {
  return /^[$%{<[*]/.test(v) || /^(x+|\*+|password|passwd|pass|secret|changeme|pwd|token|user|example|redacted)$/i.test(v) || v.includes('${') || v.startsWith('$');
}

/** Known secret formats (and URL passwords) inside a string. */
export function findSecretValues(s: string): SecretValueMatch[] {
  if (s.length > 100_000) s = s.slice(0, 100_000);
  const out: SecretValueMatch[] = [];
  for (const p of VALUE_PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(s); m; m = p.re.exec(s)) out.push({ kind: p.kind, start: m.index, end: m.index + m[0].length });
  }
  // Formats whose regexes would backtrack on long token runs are scanned by hand.
  for (const [start, end] of openAiKeySpans(s)) out.push({ kind: 'OpenAI API key', start, end });
  for (const [start, end] of jwtSpans(s)) out.push({ kind: 'JSON Web Token', start, end });
  // Password in a URL (`scheme://user:password@host`), unless it is a variable or a placeholder.
  for (const pw of urlPasswordSpans(s)) {
    if (!placeholder(s.slice(pw.start, pw.end))) out.push({ kind: 'password in a URL', ...pw });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * A literal that looks like a generated secret: 20–200 characters without blanks, not a path, URL,
 * version or hex digest (checksums are everywhere in Dockerfiles), mixing letters and digits, with
 * high Shannon entropy.
 */
export function looksRandomSecret(v: string): boolean {
  if (v.length < 20 || v.length > 200) return false;
  if (/\s/.test(v) || v.includes('$')) return false;
  if (/^[./~]/.test(v) || v.includes('://') || /^[A-Za-z0-9.-]+\.[a-z]{2,}(\/|$)/.test(v)) return false;
  if (/^[0-9a-fA-F]+$/.test(v) || /^(sha\d+|md5):[0-9a-fA-F]+$/i.test(v)) return false;
  if (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v)) return false;
  if (/^[\d.:+-]+$/.test(v)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length;
  if (!/[0-9]/.test(v) || !/[A-Za-z]/.test(v) || classes < 3) return false;
  return entropy(v) >= 4.0;
}

/** Files whose presence in an image is a leaked secret (DKR008). */
export function secretFileKind(p: string): string | undefined {
  const clean = trimTrailing(p, '/');
  const base = clean.slice(clean.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (lower === '.env' || (lower.startsWith('.env.') && !/\.(example|sample|template|dist|defaults?|tmpl|tpl)$/.test(lower))) return 'an environment file with secrets';
  if (/^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/.test(lower)) return 'an SSH private key';
  if (/\.(key|p12|pfx|jks|keystore)$/.test(lower)) return 'a private key or key store';
  if (lower.endsWith('.pem') && !/(cert|chain|bundle|^ca\.pem$|^ca-|cacert|\.crt)/.test(lower)) return 'a PEM file (private key)';
  if (['.npmrc', '.pypirc', '.netrc', '_netrc', '.git-credentials', '.dockercfg', 'kubeconfig', '.htpasswd', 'credentials.json', 'service-account.json'].includes(lower)) return `a credentials file (${base})`;
  if (/(^|\/)\.aws\/credentials$/.test(clean) || /(^|\/)\.kube\/config$/.test(clean) || /(^|\/)\.docker\/config\.json$/.test(clean)) return `a credentials file (${clean.split('/').slice(-2).join('/')})`;
  if (/(^|\/)\.ssh\/?$/.test(clean)) return 'an .ssh folder (private keys)';
  return undefined;
}
