// URLs as pip reads them in requirements files: index and find-links URLs, direct archive URLs,
// and VCS URLs (`git+https://host/repo.git@ref#egg=name`). Offsets are into the URL string.
import type { Span } from './pep508';

export type Vcs = 'git' | 'hg' | 'svn' | 'bzr';

export interface QueryParam {
  key: string;
  value: string;
  /** Span of the value. */
  span: Span;
}

export interface UrlParts {
  /** Lower-case scheme, e.g. `git+https`. */
  scheme: string;
  schemeSpan: Span;
  vcs?: Vcs;
  /** Transport part of the scheme: `https` for `git+https`, `git` for `git://`. */
  transport: string;
  user?: { value: string } & Span;
  password?: { value: string } & Span;
  host: string;
  hostSpan: Span;
  path: string;
  /** VCS revision after the last `@` of the path. */
  rev?: { value: string } & Span;
  query: QueryParam[];
  fragment: QueryParam[];
  /** Hash algorithms given in the fragment (`#sha256=…`). */
  hashes: string[];
  egg?: string;
}

/** pip's VCS schemes (pip/_internal/vcs). */
export const VCS_SCHEMES: Record<string, Vcs> = {};
for (const [vcs, schemes] of [
  ['git', ['git', 'git+http', 'git+https', 'git+ssh', 'git+git', 'git+file']],
  ['hg', ['hg+file', 'hg+http', 'hg+https', 'hg+ssh', 'hg+static-http']],
  ['svn', ['svn', 'svn+ssh', 'svn+http', 'svn+https', 'svn+svn', 'svn+file']],
  ['bzr', ['bzr+http', 'bzr+https', 'bzr+ssh', 'bzr+sftp', 'bzr+ftp', 'bzr+lp', 'bzr+file']],
] as [Vcs, string[]][]) {
  for (const s of schemes) VCS_SCHEMES[s] = vcs;
}

const URL_SCHEMES = new Set(['http', 'https', 'file', 'ftp', ...Object.keys(VCS_SCHEMES)]);

/** pip's `is_url`: the text before the first `:` is a scheme pip downloads from. */
export function isPipUrl(s: string): boolean {
  const colon = s.indexOf(':');
  if (colon <= 0) return false;
  return URL_SCHEMES.has(s.slice(0, colon).toLowerCase());
}

export const ARCHIVE_EXTENSIONS = ['.zip', '.whl', '.tar.bz2', '.tbz', '.tar.xz', '.txz', '.tlz', '.tar.lz', '.tar.lzma', '.tar.gz', '.tgz', '.tar'];

export function isArchive(pathOrUrl: string): boolean {
  const p = pathOrUrl.split(/[?#]/, 1)[0].toLowerCase();
  return ARCHIVE_EXTENSIONS.some((e) => p.endsWith(e));
}

const HASH_NAMES = new Set(['sha1', 'sha224', 'sha384', 'sha256', 'sha512', 'md5']);

function params(s: string, base: number): QueryParam[] {
  const out: QueryParam[] = [];
  let at = 0;
  for (const part of s.split('&')) {
    const eq = part.indexOf('=');
    const key = eq >= 0 ? part.slice(0, eq) : part;
    const value = eq >= 0 ? part.slice(eq + 1) : '';
    const vStart = base + at + (eq >= 0 ? eq + 1 : part.length);
    out.push({ key, value, span: { start: vStart, end: vStart + value.length } });
    at += part.length + 1;
  }
  return out;
}

/** Splits a URL with a scheme into its parts, or undefined when it has none. */
export function parseUrl(url: string): UrlParts | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  const vcs = VCS_SCHEMES[scheme];
  const plus = scheme.indexOf('+');
  const transport = plus >= 0 ? scheme.slice(plus + 1) : scheme;
  let i = m[0].length;
  let host = '';
  let hostSpan: Span = { start: i, end: i };
  let user: UrlParts['user'];
  let password: UrlParts['password'];
  if (url.startsWith('//', i)) {
    const aStart = i + 2;
    let aEnd = aStart;
    while (aEnd < url.length && !'/?#'.includes(url[aEnd])) aEnd++;
    const authority = url.slice(aStart, aEnd);
    const at = authority.lastIndexOf('@');
    let hostStart = aStart;
    if (at >= 0) {
      const info = authority.slice(0, at);
      const colon = info.indexOf(':');
      if (colon >= 0) {
        user = { value: info.slice(0, colon), start: aStart, end: aStart + colon };
        password = { value: info.slice(colon + 1), start: aStart + colon + 1, end: aStart + at };
      } else {
        user = { value: info, start: aStart, end: aStart + at };
      }
      hostStart = aStart + at + 1;
    }
    host = url.slice(hostStart, aEnd);
    hostSpan = { start: hostStart, end: aEnd };
    i = aEnd;
  }
  let pathEnd = i;
  while (pathEnd < url.length && url[pathEnd] !== '?' && url[pathEnd] !== '#') pathEnd++;
  const pathStart = i;
  const path = url.slice(pathStart, pathEnd);
  let rev: UrlParts['rev'];
  if (vcs) {
    const at = path.lastIndexOf('@');
    if (at >= 0) rev = { value: path.slice(at + 1), start: pathStart + at + 1, end: pathEnd };
  }
  let query: QueryParam[] = [];
  let fragment: QueryParam[] = [];
  let j = pathEnd;
  if (url[j] === '?') {
    const qEnd = url.indexOf('#', j);
    const end = qEnd < 0 ? url.length : qEnd;
    query = params(url.slice(j + 1, end), j + 1);
    j = end;
  }
  if (url[j] === '#') fragment = params(url.slice(j + 1), j + 1);
  const hashes = fragment.filter((p) => HASH_NAMES.has(p.key.toLowerCase())).map((p) => p.key.toLowerCase());
  const egg = fragment.find((p) => p.key === 'egg')?.value;
  return {
    scheme,
    schemeSpan: { start: 0, end: m[1].length },
    vcs,
    transport,
    user,
    password,
    host,
    hostSpan,
    path,
    rev: rev && { ...rev, value: rev.value.split(/[?#]/, 1)[0] },
    query,
    fragment,
    hashes,
    egg,
  };
}

/** Host name without port and brackets, lower-case. */
export function hostName(parts: UrlParts): string {
  const h = parts.host.toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') >= 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

/** Loopback hosts: traffic never leaves the machine, so plain HTTP there is not a network risk. */
export function isLoopback(parts: UrlParts): boolean {
  const h = hostName(parts);
  return h === 'localhost' || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '::1';
}
