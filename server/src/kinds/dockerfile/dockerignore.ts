// .dockerignore matching as BuildKit does it (moby/patternmatcher): patterns relative to the
// context root, `*` and `?` within a path segment, `**` across segments, `!` re-includes, the last
// matching pattern wins, and a pattern matching a folder excludes everything below it.

interface Pattern {
  glob: Glob;
  exclusion: boolean;
  text: string;
  line: number;
}

/**
 * A compiled pattern: moby/patternmatcher turns each pattern into a regular expression (`*` is
 * `[^/]*`, `?` is `[^/]`, `**` is `.*`, `**` then `/` is any prefix ending in a slash (or none), `[…]` a character class, `\x` a literal
 * x). We match the same language with a set-of-states automaton instead, so that a pattern like
 * `**a**a**a**b` costs pattern length × path length, never backtracking.
 */
type Token =
  | { t: 'char'; c: string }
  | { t: 'any' }
  | { t: 'class'; negated: boolean; ranges: [number, number][] }
  | { t: 'star' }
  | { t: 'dstar' }
  | { t: 'dstarSlash' };

type Glob = Token[];

/** The ranges of a regex character class body (backslashes literal), or undefined if invalid. */
function classRanges(body: string): [number, number][] | undefined {
  // Code units, as a non-unicode RegExp class reads them.
  const atoms = body.split('');
  const ranges: [number, number][] = [];
  for (let k = 0; k < atoms.length; ) {
    const lo = atoms[k].charCodeAt(0);
    if (atoms[k + 1] === '-' && k + 2 < atoms.length) {
      const hi = atoms[k + 2].charCodeAt(0);
      if (lo > hi) return undefined;
      ranges.push([lo, hi]);
      k += 3;
    } else {
      ranges.push([lo, lo]);
      k += 1;
    }
  }
  return ranges;
}

function compile(p: string): Glob | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        i += 2;
        if (p[i] === '/') {
          out.push({ t: 'dstarSlash' });
          i++;
        } else out.push({ t: 'dstar' });
        continue;
      }
      out.push({ t: 'star' });
    } else if (c === '?') out.push({ t: 'any' });
    else if (c === '[') {
      const close = p.indexOf(']', i + 1);
      if (close < 0) out.push({ t: 'char', c: '[' });
      else {
        let body = p.slice(i + 1, close);
        const negated = body.startsWith('!') || body.startsWith('^');
        if (negated) body = body.slice(1);
        const ranges = classRanges(body);
        if (!ranges) return undefined;
        out.push({ t: 'class', negated, ranges });
        i = close;
      }
    } else if (c === '\\' && i + 1 < p.length) {
      i++;
      out.push({ t: 'char', c: p[i] });
    } else out.push({ t: 'char', c });
    i++;
  }
  return out;
}

function isLineTerminator(c: string): boolean {
  return c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
}

function stepMatches(tok: Token, c: string): boolean {
  switch (tok.t) {
    case 'char':
      return c === tok.c;
    case 'any':
      return c !== '/';
    case 'class': {
      const code = c.charCodeAt(0);
      const inside = tok.ranges.some(([lo, hi]) => code >= lo && code <= hi);
      return inside !== tok.negated;
    }
    default:
      return false;
  }
}

/** Does the glob match the whole string? State 2k: before token k; 2k+1: inside the `.*` of a `**` then `/`. */
function matches(g: Glob, s: string): boolean {
  const n = g.length;
  let cur = new Uint8Array(2 * n + 2);
  let next = new Uint8Array(2 * n + 2);
  const close = (set: Uint8Array) => {
    for (let k = 0; k < n; k++) {
      if (!set[2 * k]) continue;
      const t = g[k].t;
      if (t === 'star' || t === 'dstar') set[2 * k + 2] = 1;
      else if (t === 'dstarSlash') {
        set[2 * k + 2] = 1;
        set[2 * k + 1] = 1;
      }
    }
  };
  cur[0] = 1;
  close(cur);
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    next.fill(0);
    let any = false;
    for (let k = 0; k < n; k++) {
      const tok = g[k];
      if (cur[2 * k]) {
        if (tok.t === 'star') {
          if (c !== '/') next[2 * k] = 1;
        } else if (tok.t === 'dstar') {
          if (!isLineTerminator(c)) next[2 * k] = 1;
        } else if (tok.t !== 'dstarSlash' && stepMatches(tok, c)) next[2 * k + 2] = 1;
      }
      if (cur[2 * k + 1]) {
        if (!isLineTerminator(c)) next[2 * k + 1] = 1;
        if (c === '/') next[2 * k + 2] = 1;
      }
    }
    close(next);
    for (let k = 0; k <= 2 * n && !any; k++) any = next[k] === 1;
    if (!any) return false;
    [cur, next] = [next, cur];
  }
  return cur[2 * n] === 1;
}

function clean(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

export class Dockerignore {
  readonly patterns: Pattern[] = [];

  constructor(readonly text: string) {
    text.split(/\r?\n|\r/).forEach((raw, line) => {
      let t = raw.trim();
      if (t === '' || t.startsWith('#')) return;
      let exclusion = false;
      if (t.startsWith('!')) {
        exclusion = true;
        t = t.slice(1).trim();
      }
      const c = clean(t);
      if (c === '') return;
      const glob = compile(c);
      // An unreadable pattern (a class like [z-a]) excludes nothing.
      if (glob) this.patterns.push({ glob, exclusion, text: raw.trim(), line });
    });
  }

  /** Is this context-relative path excluded from the build context? */
  excludes(path: string): boolean {
    const p = clean(path);
    const parents: string[] = [];
    const segs = p.split('/');
    for (let k = 1; k <= segs.length; k++) parents.push(segs.slice(0, k).join('/'));
    let excluded = false;
    for (const pat of this.patterns) {
      if (pat.exclusion && !excluded) continue;
      if (!pat.exclusion && excluded) continue;
      if (parents.some((q) => matches(pat.glob, q))) excluded = !pat.exclusion;
    }
    return excluded;
  }
}

/** What DKR009 requires the .dockerignore to exclude (catalog §0), with sample paths that must be excluded. */
export const REQUIRED_EXCLUSIONS: { pattern: string; samples: string[] }[] = [
  { pattern: '.git', samples: ['.git', '.git/config'] },
  { pattern: '.env*', samples: ['.env', '.env.local', '.env.production'] },
];

/** A .dockerignore for a new file (DKR009 quick fix). */
export function dockerignoreTemplate(eol: string): string {
  return [
    '# Keep VCS data, local secrets and build litter out of the build context (created by DeployGuard).',
    '.git',
    '.gitignore',
    '.env*',
    '!.env.example',
    '*.pem',
    '*.key',
    'id_rsa*',
    'id_ed25519*',
    '.aws',
    '.ssh',
    '.npmrc',
    '.pypirc',
    '.netrc',
    'node_modules',
    'venv',
    '.venv',
    '__pycache__',
    '*.pyc',
    '.pytest_cache',
    '.mypy_cache',
    '.DS_Store',
    '',
  ].join(eol);
}
