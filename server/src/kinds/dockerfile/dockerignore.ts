// .dockerignore matching as BuildKit does it (moby/patternmatcher): patterns relative to the
// context root, `*` and `?` within a path segment, `**` across segments, `!` re-includes, the last
// matching pattern wins, and a pattern matching a folder excludes everything below it.

interface Pattern {
  re: RegExp;
  exclusion: boolean;
  text: string;
  line: number;
}

function patternToRegExp(p: string): RegExp {
  let out = '^';
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        i += 2;
        if (p[i] === '/') {
          out += '(?:.*/)?';
          i++;
        } else out += '.*';
        continue;
      }
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = p.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        let cls = p.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (cls.startsWith('!') || cls.startsWith('^')) cls = '^' + cls.slice(1);
        out += `[${cls}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < p.length) {
      i++;
      out += p[i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    i++;
  }
  return new RegExp(out + '$');
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
      try {
        this.patterns.push({ re: patternToRegExp(c), exclusion, text: raw.trim(), line });
      } catch {
        // an unreadable pattern excludes nothing
      }
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
      if (parents.some((q) => pat.re.test(q))) excluded = !pat.exclusion;
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
