// PEP 508 dependency specifiers (`name[extras] (specifiers)` / `name[extras] @ url`) and
// environment markers, following packaging's `_parser.py` grammar and its error wording, with
// offsets into the parsed string. Recursive descent with a nesting bound; no backtracking regexes.
import { parseVersion } from '../../advisories/version';

export interface Span {
  start: number;
  end: number;
}

export interface SpecClause extends Span {
  op: string;
  version: string;
  versionStart: number;
  versionEnd: number;
  /** `==1.2.*` / `!=1.2.*` */
  wildcard: boolean;
}

export interface Pep508 {
  name: string;
  nameSpan: Span;
  extras: string[];
  specifiers: SpecClause[];
  /** `name @ url` */
  url?: { text: string } & Span;
}

export interface SyntaxProblem extends Span {
  message: string;
}

const NAME_START = /[A-Za-z0-9]/;
const NAME_CHAR = /[A-Za-z0-9._-]/;
const OPS = ['===', '==', '~=', '!=', '<=', '>=', '<', '>'];

class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly span: Span,
  ) {}
}

class Cursor {
  pos = 0;
  constructor(readonly s: string) {}
  get done(): boolean {
    return this.pos >= this.s.length;
  }
  peek(): string {
    return this.s[this.pos] ?? '';
  }
  ws(): void {
    while (this.pos < this.s.length && (this.s[this.pos] === ' ' || this.s[this.pos] === '\t')) this.pos++;
  }
  fail(message: string, start = this.pos, end?: number): never {
    // A plain object, not an Error: half-typed lines fail often and stack traces are costly.
    throw new SyntaxFailure(message, { start, end: Math.max(end ?? this.tokenEnd(start), start) });
  }
  /** End of the word starting at `at` (for error ranges). */
  tokenEnd(at: number): number {
    let e = at;
    while (e < this.s.length && !/[\s,;()[\]]/.test(this.s[e])) e++;
    return e === at ? Math.min(at + 1, this.s.length) : e;
  }
  identifier(): Span | undefined {
    if (!NAME_START.test(this.peek())) return undefined;
    const start = this.pos;
    let end = this.pos + 1;
    while (end < this.s.length && NAME_CHAR.test(this.s[end])) end++;
    // A name ends with a letter or digit.
    while (end > start + 1 && !NAME_START.test(this.s[end - 1])) end--;
    this.pos = end;
    return { start, end };
  }
  op(): string | undefined {
    for (const o of OPS) {
      if (this.s.startsWith(o, this.pos)) {
        this.pos += o.length;
        return o;
      }
    }
    return undefined;
  }
}

function problemOf(e: unknown, fallbackEnd: number): SyntaxProblem {
  if (e instanceof SyntaxFailure) return { message: e.message, start: e.span.start, end: e.span.end };
  return { message: String((e as Error)?.message ?? e), start: 0, end: fallbackEnd };
}

/** Checks the version written after an operator, as packaging's Specifier regex does. */
export function specifierProblem(op: string, version: string): string | undefined {
  if (op === '===') return version ? undefined : 'Expected version after operator ===';
  if (!version) return `Expected version after operator ${op}`;
  let v = version;
  const wildcard = v.endsWith('.*');
  if (wildcard) {
    if (op !== '==' && op !== '!=') return `${op} does not allow a wildcard (.*) version`;
    v = v.slice(0, -2);
  }
  const parsed = parseVersion(v);
  if (!parsed || /\s/.test(v)) return `Invalid version "${version}" (not PEP 440)`;
  if (wildcard && (parsed.local || parsed.dev !== null)) return `Invalid version "${version}": a wildcard cannot follow a local or dev segment`;
  if (parsed.local && op !== '==' && op !== '!=') return `${op} does not allow a local version label ("${version}")`;
  if (op === '~=' && parsed.release.length < 2) return `~= needs at least two release segments ("${version}")`;
  return undefined;
}

/** Parses a requirement (markers already split off, as pip does). */
export function parsePep508(s: string): { req?: Pep508; problem?: SyntaxProblem } {
  const c: Cursor = new Cursor(s);
  try {
    c.ws();
    const nameSpan = c.identifier();
    if (!nameSpan) c.fail('Expected package name at the start of dependency specifier');
    const req: Pep508 = { name: s.slice(nameSpan.start, nameSpan.end), nameSpan, extras: [], specifiers: [] };
    c.ws();
    if (c.peek() === '[') {
      const open = c.pos;
      c.pos++;
      c.ws();
      if (c.peek() !== ']') {
        for (;;) {
          c.ws();
          const e = c.identifier();
          if (!e) c.fail(req.extras.length ? 'Expected extra name after comma' : 'Expected extra name');
          req.extras.push(s.slice(e.start, e.end));
          c.ws();
          if (c.peek() === ',') {
            c.pos++;
            continue;
          }
          break;
        }
      }
      if (c.peek() !== ']') c.fail('Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras', open, c.pos);
      c.pos++;
      c.ws();
    }
    if (c.peek() === '@') {
      c.pos++;
      c.ws();
      const start = c.pos;
      while (c.pos < s.length && s[c.pos] !== ' ' && s[c.pos] !== '\t') c.pos++;
      if (c.pos === start) c.fail('Expected URL after @', start - 1, start);
      req.url = { text: s.slice(start, c.pos), start, end: c.pos };
      c.ws();
      if (!c.done) c.fail('Expected end or semicolon (after URL and whitespace)');
      return { req };
    }
    let paren = -1;
    if (c.peek() === '(') {
      paren = c.pos;
      c.pos++;
      c.ws();
    }
    if (paren >= 0 || OPS.some((o) => s.startsWith(o, c.pos))) {
      for (;;) {
        c.ws();
        const start = c.pos;
        const op = c.op();
        if (!op) c.fail(req.specifiers.length ? 'Expected a version specifier after comma' : 'Expected a version specifier');
        c.ws();
        const vStart = c.pos;
        while (c.pos < s.length && !/[\s,;)]/.test(s[c.pos])) c.pos++;
        const version = s.slice(vStart, c.pos);
        const problem = specifierProblem(op, version);
        if (problem) c.fail(problem, version ? vStart : start, version ? c.pos : c.pos);
        req.specifiers.push({ op, version, start, end: c.pos, versionStart: vStart, versionEnd: c.pos, wildcard: version.endsWith('.*') && op !== '===' });
        c.ws();
        if (c.peek() === ',') {
          c.pos++;
          continue;
        }
        break;
      }
      if (paren >= 0) {
        if (c.peek() !== ')') c.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier', paren, c.pos);
        c.pos++;
        c.ws();
      }
    }
    if (!c.done) {
      const ch = c.peek();
      if (ch === '=' && !OPS.some((o) => s.startsWith(o, c.pos))) c.fail('"=" is not a version operator; did you mean "=="?', c.pos, c.pos + 1);
      c.fail(req.specifiers.length ? 'Expected end or semicolon (after version specifier)' : 'Expected end or semicolon (after name and no valid version specifier)');
    }
    return { req };
  } catch (e) {
    return { problem: problemOf(e, s.length) };
  }
}

// ---- environment markers ----------------------------------------------------------------------

const MARKER_VARIABLE =
  /(python_version|python_full_version|os[._]name|sys[._]platform|platform_(release|system)|platform[._](version|machine|python_implementation)|python_implementation|implementation_(name|version)|extras?|dependency_groups)(?![A-Za-z0-9_])/y;
const MAX_DEPTH = 64;

/** Validates a marker expression; returns the first problem, if any. */
export function markerProblem(s: string): SyntaxProblem | undefined {
  const c: Cursor = new Cursor(s);
  const isWordAt = (w: string) => s.startsWith(w, c.pos) && !/[A-Za-z0-9_]/.test(s[c.pos + w.length] ?? '') && (c.pos === 0 || !/[A-Za-z0-9_]/.test(s[c.pos - 1]));
  const variable = () => {
    c.ws();
    const q = c.peek();
    if (q === '"' || q === "'") {
      const close = s.indexOf(q, c.pos + 1);
      if (close < 0) c.fail('Expected closing quote for marker string', c.pos, s.length);
      c.pos = close + 1;
      return;
    }
    MARKER_VARIABLE.lastIndex = c.pos;
    const m = MARKER_VARIABLE.exec(s);
    if (!m) c.fail('Expected a marker variable or quoted string');
    c.pos += m[0].length;
  };
  const operator = () => {
    c.ws();
    if (c.op()) return;
    if (isWordAt('in')) {
      c.pos += 2;
      return;
    }
    if (isWordAt('not')) {
      c.pos += 3;
      const before = c.pos;
      c.ws();
      if (c.pos === before || !isWordAt('in')) c.fail('Expected "in" after "not"');
      c.pos += 2;
      return;
    }
    c.fail('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in');
  };
  const atom = (depth: number): void => {
    c.ws();
    if (c.peek() === '(') {
      if (depth > MAX_DEPTH) c.fail('Markers nested too deeply');
      const open = c.pos;
      c.pos++;
      expression(depth + 1);
      c.ws();
      if (c.peek() !== ')') c.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression', open, c.pos);
      c.pos++;
      c.ws();
      return;
    }
    variable();
    operator();
    variable();
    c.ws();
  };
  const expression = (depth: number): void => {
    atom(depth);
    for (;;) {
      c.ws();
      if (isWordAt('and')) c.pos += 3;
      else if (isWordAt('or')) c.pos += 2;
      else return;
      atom(depth);
    }
  };
  try {
    expression(0);
    c.ws();
    if (!c.done) c.fail('Expected end or semicolon (after marker expression)');
    return undefined;
  } catch (e) {
    return problemOf(e, s.length);
  }
}
