// Secret-looking names (catalog §0 "DKR006 secret names", applied to settings and dict keys) and
// value shapes that are not secrets (enum-like constants, dotted paths, header names, placeholders).

const SECRET_SEGMENTS = new Set(['PASSWORD', 'PASSWD', 'PWD', 'SECRET', 'TOKEN', 'APIKEY', 'CREDENTIALS', 'PRIVATEKEY', 'PASS', 'PASSPHRASE']);
const SECRET_PAIRS = new Set(['API KEY', 'ACCESS KEY', 'PRIVATE KEY', 'AUTH KEY', 'SECRET KEY']);
const NOT_SECRET_LAST = new Set(['FILE', 'PATH', 'DIR', 'NAME', 'ID', 'URL', 'ENABLED', 'LENGTH', 'COUNT', 'TYPE', 'MODE']);

/** Segments of a name split at `_`, `-`, `.`, spaces and case changes, upper-cased. */
export function nameSegments(name: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '_' || c === '-' || c === '.' || c === ' ') {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    const prev = name[i - 1];
    if (cur && prev && /[a-z0-9]/.test(prev) && /[A-Z]/.test(c)) {
      out.push(cur);
      cur = '';
    }
    cur += c;
  }
  if (cur) out.push(cur);
  return out.map((s) => s.toUpperCase());
}

export function isSecretName(name: string): boolean {
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
