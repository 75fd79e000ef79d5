// Secret-looking names (catalog §0 "DKR006 secret names", applied to settings and dict keys) and
// value shapes that are not secrets (enum-like constants, dotted paths, header names, placeholders).

const SECRET_SEGMENTS = new Set(['PASSWORD', 'PASSWD', 'PWD', 'SECRET', 'TOKEN', 'APIKEY', 'CREDENTIALS', 'PRIVATEKEY', 'PASS', 'PASSPHRASE']);
const SECRET_PAIRS = new Set(['API KEY', 'ACCESS KEY', 'PRIVATE KEY', 'AUTH KEY', 'SECRET KEY']);
const NOT_SECRET_LAST = new Set(['FILE', 'PATH', 'DIR', 'NAME', 'ID', 'URL', 'ENABLED', 'LENGTH', 'COUNT', 'TYPE', 'MODE']);

function isLowerOrDigit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** Segments of a name split at `_`, `-`, `.`, spaces and case changes, upper-cased. */
export function nameSegments(name: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 95 /* _ */ || c === 45 /* - */ || c === 46 /* . */ || c === 32) {
      if (i > start) out.push(name.slice(start, i));
      start = i + 1;
      continue;
    }
    // A capital after a lower-case letter or digit starts a segment: apiKey → api, Key.
    if (i > start && c >= 65 && c <= 90 && isLowerOrDigit(name.charCodeAt(i - 1))) {
      out.push(name.slice(start, i));
      start = i;
    }
  }
  if (start < name.length) out.push(name.slice(start));
  return out.map((s) => s.toUpperCase());
}

const secretNames = new Map<string, boolean>();

/** Does the name say it holds a secret? (Memoised: the same setting names come back on every keystroke.) */
export function isSecretName(name: string): boolean {
  let r = secretNames.get(name);
  if (r === undefined) {
    r = judgeName(name);
    if (secretNames.size >= 10_000) secretNames.clear();
    secretNames.set(name, r);
  }
  return r;
}

function judgeName(name: string): boolean {
  const seg = nameSegments(name);
  if (seg.length === 0) return false;
  const last = seg[seg.length - 1];
  if (NOT_SECRET_LAST.has(last)) return false;
  if (seg.some((s) => SECRET_SEGMENTS.has(s))) return true;
  for (let i = 0; i + 1 < seg.length; i++) if (SECRET_PAIRS.has(`${seg[i]} ${seg[i + 1]}`)) return true;
  if (last === 'KEY' && seg[seg.length - 2] !== 'PUBLIC') return seg.length > 1;
  return false;
}

const SECRET_WORDS = ['token', 'password', 'passwd', 'secret', 'key', 'pass'];

/** True when a string value can be a committed secret (not a constant, path, header name or placeholder). */
export function looksLikeSecretValue(v: string): boolean {
  const s = v.trim();
  if (s.length < 3) return false;
  if (s.startsWith('/') || s.startsWith('./') || s.startsWith('~')) return false;
  if (/^\$\{[^}]*\}$/.test(s) || /^\{\{[^}]*\}\}$/.test(s) || /^<[^>]*>$/.test(s) || /^%\([^)]*\)s$/.test(s)) return false;
  // Dotted Python paths (hashers, backends, classes).
  if (/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(s)) return false;
  // URLs are judged for embedded credentials elsewhere.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return false;
  // Enum-like constants and header names made of a secret word: "refresh_token", "X-Auth-Token".
  const lower = s.toLowerCase();
  if (/^[a-z]+([_-][a-z]+){0,3}$/i.test(s) && SECRET_WORDS.some((w) => lower.includes(w))) return false;
  return true;
}

/** The password part of `scheme://user:pass@host` (undefined when the URL carries none). */
export function urlPassword(s: string): { user: string; password: string; start: number } | undefined {
  const sep = s.indexOf('://');
  if (sep <= 0) return undefined;
  const rest = s.slice(sep + 3);
  const slash = rest.indexOf('/');
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const at = authority.lastIndexOf('@');
  if (at < 0) return undefined;
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  if (colon < 0) return undefined;
  const password = userinfo.slice(colon + 1);
  if (!password || /^\$\{[^}]*\}$/.test(password) || /^<[^>]*>$/.test(password)) return undefined;
  return { user: userinfo.slice(0, colon), password, start: sep + 3 + colon + 1 };
}
