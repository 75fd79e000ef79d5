// A small PCRE reader for the regular expressions found in nginx configs (location, if, map,
// rewrite, server_name): enough structure to answer what gixy asks of them — can a capture group
// contain a character, must it start with one, how many groups are there, is the pattern anchored,
// does a quantified group nest another unbounded quantifier (ReDoS). It never executes the regex.

/** A set of characters: ASCII 0..127 as bits, plus one flag for everything above. */
export class CharSet {
  readonly bits = new Uint32Array(4);
  high = false;

  static of(chars: string): CharSet {
    const s = new CharSet();
    for (const c of chars) s.add(c.codePointAt(0)!);
    return s;
  }

  static range(lo: number, hi: number): CharSet {
    const s = new CharSet();
    s.addRange(lo, hi);
    return s;
  }

  static all(): CharSet {
    const s = CharSet.range(0, 127);
    s.high = true;
    return s;
  }

  add(code: number): void {
    if (code > 127) this.high = true;
    else this.bits[code >> 5] |= 1 << (code & 31);
  }

  addRange(lo: number, hi: number): void {
    for (let c = lo; c <= Math.min(hi, 127); c++) this.bits[c >> 5] |= 1 << (c & 31);
    if (hi > 127) this.high = true;
  }

  has(code: number): boolean {
    if (code > 127) return this.high;
    return (this.bits[code >> 5] & (1 << (code & 31))) !== 0;
  }

  hasChar(c: string): boolean {
    return this.has(c.codePointAt(0)!);
  }

  union(o: CharSet): CharSet {
    const s = new CharSet();
    for (let i = 0; i < 4; i++) s.bits[i] = this.bits[i] | o.bits[i];
    s.high = this.high || o.high;
    return s;
  }

  negate(): CharSet {
    const s = new CharSet();
    for (let i = 0; i < 4; i++) s.bits[i] = ~this.bits[i];
    s.high = !this.high;
    return s;
  }

  intersects(o: CharSet): boolean {
    for (let i = 0; i < 4; i++) if ((this.bits[i] & o.bits[i]) !== 0) return true;
    return this.high && o.high;
  }

  isEmpty(): boolean {
    return !this.high && this.bits.every((b) => b === 0);
  }

  /** The single character of a one-character set, else undefined. */
  single(): number | undefined {
    if (this.high) return undefined;
    let found: number | undefined;
    for (let c = 0; c < 128; c++) {
      if (this.has(c)) {
        if (found !== undefined) return undefined;
        found = c;
      }
    }
    return found;
  }

  withCase(): CharSet {
    const s = this.union(new CharSet());
    for (let c = 65; c <= 90; c++) if (this.has(c) || this.has(c + 32)) {
      s.add(c);
      s.add(c + 32);
    }
    return s;
  }
}

export type RNode =
  | { t: 'char'; set: CharSet; literal: boolean }
  | { t: 'seq'; items: RNode[] }
  | { t: 'alt'; alts: RNode[] }
  | { t: 'group'; capture?: number; name?: string; look?: boolean; body: RNode }
  | { t: 'repeat'; min: number; max: number; body: RNode }
  | { t: 'anchor'; kind: string }
  | { t: 'backref' };

export interface Regex {
  source: string;
  root: RNode;
  /** Capture groups by number (1-based) and by name. */
  groups: Map<number, RNode & { t: 'group' }>;
  names: Map<string, RNode & { t: 'group' }>;
  caseInsensitive: boolean;
}

const DIGIT = CharSet.range(48, 57);
const WORD = (() => {
  const s = CharSet.range(48, 57);
  s.addRange(65, 90);
  s.addRange(97, 122);
  s.add(95);
  return s;
})();
const SPACE = CharSet.of(' \t\n\r\f\v');
const HSPACE = CharSet.of(' \t');
const VSPACE = CharSet.of('\n\r\f\v');
const ANY_NO_NL = CharSet.all().union(new CharSet());
ANY_NO_NL.bits[0] &= ~(1 << 10);

const POSIX: Record<string, CharSet> = {
  alpha: (() => { const s = CharSet.range(65, 90); s.addRange(97, 122); return s; })(),
  digit: DIGIT,
  alnum: (() => { const s = CharSet.range(48, 57); s.addRange(65, 90); s.addRange(97, 122); return s; })(),
  upper: CharSet.range(65, 90),
  lower: CharSet.range(97, 122),
  space: SPACE,
  blank: HSPACE,
  punct: (() => { const s = CharSet.range(33, 47); s.addRange(58, 64); s.addRange(91, 96); s.addRange(123, 126); return s; })(),
  word: WORD,
  xdigit: (() => { const s = CharSet.range(48, 57); s.addRange(65, 70); s.addRange(97, 102); return s; })(),
  print: CharSet.range(32, 126),
  graph: CharSet.range(33, 126),
  cntrl: (() => { const s = CharSet.range(0, 31); s.add(127); return s; })(),
  ascii: CharSet.range(0, 127),
};

class RegexSyntaxError extends Error {}

class Reader {
  i = 0;
  groupCount = 0;
  readonly groups = new Map<number, RNode & { t: 'group' }>();
  readonly names = new Map<string, RNode & { t: 'group' }>();
  depth = 0;
  constructor(
    readonly src: string,
    public ci: boolean,
  ) {}

  fail(msg: string): never {
    throw new RegexSyntaxError(msg);
  }

  peek(k = 0): string | undefined {
    return this.src[this.i + k];
  }

  parseAlt(flags: { ci: boolean; dotall: boolean; ext: boolean }): RNode {
    if (++this.depth > 100) this.fail('nesting too deep');
    const alts: RNode[] = [this.parseSeq(flags)];
    while (this.peek() === '|') {
      this.i++;
      alts.push(this.parseSeq(flags));
    }
    this.depth--;
    return alts.length === 1 ? alts[0] : { t: 'alt', alts };
  }

  parseSeq(flags: { ci: boolean; dotall: boolean; ext: boolean }): RNode {
    const items: RNode[] = [];
    while (this.i < this.src.length) {
      const c = this.peek()!;
      if (c === '|' || c === ')') break;
      if (flags.ext && /\s/.test(c)) {
        this.i++;
        continue;
      }
      if (flags.ext && c === '#') {
        while (this.i < this.src.length && this.peek() !== '\n') this.i++;
        continue;
      }
      const atom = this.parseAtom(flags);
      if (atom === undefined) continue;
      items.push(this.parseQuantifier(atom));
    }
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }

  parseQuantifier(atom: RNode): RNode {
    let node = atom;
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === '*') [min, max] = [0, Infinity];
      else if (c === '+') [min, max] = [1, Infinity];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{') {
        const m = /^\{(\d{0,6})(,(\d{0,6}))?\}/.exec(this.src.slice(this.i, this.i + 16));
        if (!m || (m[1] === '' && m[3] === undefined)) return node;
        min = m[1] === '' ? 0 : Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        this.i += m[0].length - 1;
      } else return node;
      if (node.t === 'anchor') this.fail('quantifier after an anchor');
      if (node.t === 'repeat' && node !== atom) this.fail('nothing to repeat');
      this.i++;
      if (this.peek() === '?' || this.peek() === '+') this.i++;
      node = { t: 'repeat', min, max, body: node };
      if (this.peek() === '*' || this.peek() === '+' || this.peek() === '?') this.fail('nothing to repeat');
    }
  }

  charNode(set: CharSet, literal: boolean, ci: boolean): RNode {
    return { t: 'char', set: ci ? set.withCase() : set, literal };
  }

  parseAtom(flags: { ci: boolean; dotall: boolean; ext: boolean }): RNode | undefined {
    const c = this.src[this.i++];
    switch (c) {
      case '^':
      case '$':
        return { t: 'anchor', kind: c };
      case '.':
        return { t: 'char', set: flags.dotall ? CharSet.all() : ANY_NO_NL, literal: false };
      case '[':
        return this.charNode(this.parseClass(), false, flags.ci);
      case '(':
        return this.parseGroup(flags);
      case '\\':
        return this.parseEscape(flags, false) as RNode;
      case '*':
      case '+':
      case '?':
        this.fail('nothing to repeat');
      // eslint-disable-next-line no-fallthrough
      default:
        return this.charNode(CharSet.of(c), true, flags.ci);
    }
  }

  parseGroup(flags: { ci: boolean; dotall: boolean; ext: boolean }): RNode | undefined {
    let capture: number | undefined;
    let name: string | undefined;
    let look = false;
    const inner = { ...flags };
    if (this.peek() === '?') {
      this.i++;
      const c = this.peek();
      if (c === ':' || c === '>' || c === '|') this.i++;
      else if (c === '=' || c === '!') {
        this.i++;
        look = true;
      } else if (c === '<' && (this.peek(1) === '=' || this.peek(1) === '!')) {
        this.i += 2;
        look = true;
      } else if (c === '#') {
        const end = this.src.indexOf(')', this.i);
        if (end < 0) this.fail('unterminated comment');
        this.i = end + 1;
        return undefined;
      } else if (c === 'P' || c === '<' || c === "'") {
        if (c === 'P') {
          this.i++;
          if (this.peek() === '=' || this.peek() === '>') {
            // (?P=name) back reference, (?P>name) recursion
            const end = this.src.indexOf(')', this.i);
            if (end < 0) this.fail('unterminated group');
            this.i = end + 1;
            return { t: 'backref' };
          }
        }
        const open = this.src[this.i++];
        const close = open === "'" ? "'" : '>';
        const end = this.src.indexOf(close, this.i);
        if (end < 0) this.fail('unterminated group name');
        name = this.src.slice(this.i, end);
        if (!/^[A-Za-z_]\w{0,31}$/.test(name)) this.fail('invalid group name');
        this.i = end + 1;
        capture = ++this.groupCount;
      } else {
        // Inline flags: (?i) (?-i) (?i:...) (?s) (?x) (?m) …
        let on = true;
        let j = this.i;
        const set = { ...flags };
        while (j < this.src.length && /[a-zA-Z-]/.test(this.src[j])) {
          const f = this.src[j];
          if (f === '-') on = false;
          else if (f === 'i') set.ci = on;
          else if (f === 's') set.dotall = on;
          else if (f === 'x') set.ext = on;
          j++;
        }
        if (this.src[j] === ')') {
          this.i = j + 1;
          Object.assign(flags, set);
          return undefined;
        }
        if (this.src[j] === ':') {
          this.i = j + 1;
          Object.assign(inner, set);
        } else this.fail('unknown group syntax');
      }
    } else {
      capture = ++this.groupCount;
    }
    const node: RNode & { t: 'group' } = { t: 'group', capture, name, look, body: { t: 'seq', items: [] } };
    if (capture !== undefined) this.groups.set(capture, node);
    if (name !== undefined) this.names.set(name, node);
    node.body = this.parseAlt(inner);
    if (this.src[this.i] !== ')') this.fail('missing )');
    this.i++;
    return node;
  }

  /** An escape after `\`; inside a class returns a CharSet. */
  parseEscape(flags: { ci: boolean }, inClass: boolean): RNode | CharSet | undefined {
    const c = this.src[this.i++];
    if (c === undefined) this.fail('\\ at end of pattern');
    const set = (s: CharSet, literal = false) => (inClass ? s : this.charNode(s, literal, flags.ci));
    switch (c) {
      case 'd': return set(DIGIT);
      case 'D': return set(DIGIT.negate());
      case 'w': return set(WORD);
      case 'W': return set(WORD.negate());
      case 's': return set(SPACE);
      case 'S': return set(SPACE.negate());
      case 'h': return set(HSPACE);
      case 'H': return set(HSPACE.negate());
      case 'v': return set(VSPACE);
      case 'V': return set(VSPACE.negate());
      case 'N': return set(ANY_NO_NL);
      case 'R': return set(VSPACE);
      case 'n': return set(CharSet.of('\n'), true);
      case 'r': return set(CharSet.of('\r'), true);
      case 't': return set(CharSet.of('\t'), true);
      case 'f': return set(CharSet.of('\f'), true);
      case 'e': return set(CharSet.of('\x1b'), true);
      case 'a': return set(CharSet.of('\x07'), true);
      case 'p':
      case 'P': {
        if (this.peek() === '{') {
          const end = this.src.indexOf('}', this.i);
          this.i = end < 0 ? this.src.length : end + 1;
        } else this.i++;
        return set(CharSet.all());
      }
      case 'x': {
        let hex: string;
        if (this.peek() === '{') {
          const end = this.src.indexOf('}', this.i);
          if (end < 0) this.fail('unterminated \\x{');
          hex = this.src.slice(this.i + 1, end);
          this.i = end + 1;
        } else {
          const m = /^[0-9a-fA-F]{0,2}/.exec(this.src.slice(this.i, this.i + 2))!;
          hex = m[0];
          this.i += hex.length;
        }
        return set(CharSet.of(String.fromCodePoint(parseInt(hex || '0', 16) || 0)), true);
      }
      case 'c': {
        const k = this.src[this.i++] ?? '@';
        return set(CharSet.of(String.fromCharCode(k.toUpperCase().charCodeAt(0) ^ 64)), true);
      }
      case 'Q': {
        const end = this.src.indexOf('\\E', this.i);
        const lit = this.src.slice(this.i, end < 0 ? this.src.length : end);
        this.i = end < 0 ? this.src.length : end + 2;
        if (inClass) return CharSet.of(lit);
        return { t: 'seq', items: [...lit].map((ch) => this.charNode(CharSet.of(ch), true, flags.ci)) };
      }
      case 'E':
        return inClass ? new CharSet() : undefined;
    }
    if (!inClass) {
      if (c === 'b' || c === 'B' || c === 'A' || c === 'z' || c === 'Z' || c === 'G') return { t: 'anchor', kind: c };
      if (c === 'K') return { t: 'anchor', kind: 'K' };
      if (c === 'g' || c === 'k') {
        const open = this.src[this.i];
        const close = open === '{' ? '}' : open === '<' ? '>' : open === "'" ? "'" : undefined;
        if (close) {
          const end = this.src.indexOf(close, this.i + 1);
          this.i = end < 0 ? this.src.length : end + 1;
        } else {
          while (/[-\d]/.test(this.src[this.i] ?? '')) this.i++;
        }
        return { t: 'backref' };
      }
      if (c >= '1' && c <= '9') {
        while (/\d/.test(this.src[this.i] ?? '')) this.i++;
        return { t: 'backref' };
      }
    } else if (c === 'b') {
      return CharSet.of('\b');
    }
    if (c >= '0' && c <= '7') {
      let oct = c;
      while (oct.length < 3 && /[0-7]/.test(this.src[this.i] ?? '')) oct += this.src[this.i++];
      return set(CharSet.of(String.fromCharCode(parseInt(oct, 8) & 0xff)), true);
    }
    return set(CharSet.of(c), true);
  }

  parseClass(): CharSet {
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.i++;
    }
    let s = new CharSet();
    let first = true;
    while (this.i < this.src.length) {
      let c = this.src[this.i];
      if (c === ']' && !first) {
        this.i++;
        return negate ? s.negate() : s;
      }
      first = false;
      if (c === '[' && this.peek(1) === ':') {
        const end = this.src.indexOf(':]', this.i + 2);
        if (end > 0) {
          let name = this.src.slice(this.i + 2, end);
          const neg = name.startsWith('^');
          if (neg) name = name.slice(1);
          const p = POSIX[name];
          if (!p) this.fail('unknown POSIX class');
          s = s.union(neg ? p.negate() : p);
          this.i = end + 2;
          continue;
        }
      }
      let lo: number;
      this.i++;
      if (c === '\\') {
        const e = this.parseEscape({ ci: false }, true) as CharSet;
        const single = e.single();
        if (single === undefined) {
          s = s.union(e);
          continue;
        }
        lo = single;
      } else {
        lo = c.codePointAt(0)!;
        if (lo > 0xffff) this.i++;
      }
      if (this.peek() === '-' && this.peek(1) !== undefined && this.peek(1) !== ']') {
        this.i++;
        c = this.src[this.i++];
        let hi: number;
        if (c === '\\') {
          const e = this.parseEscape({ ci: false }, true) as CharSet;
          const single = e.single();
          if (single === undefined) {
            s.add(lo);
            s.add(45);
            s = s.union(e);
            continue;
          }
          hi = single;
        } else hi = c.codePointAt(0)!;
        if (hi < lo) this.fail('range out of order');
        s.addRange(lo, hi);
      } else s.add(lo);
    }
    this.fail('missing ]');
  }
}

const cache = new Map<string, Regex | null>();

/** Parses a PCRE pattern; undefined when it is not valid (or uses syntax we do not read). */
export function parseRegex(source: string, caseInsensitive = false): Regex | undefined {
  const key = (caseInsensitive ? 'i:' : 's:') + source;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  let result: Regex | null = null;
  try {
    const r = new Reader(source, caseInsensitive);
    const root = r.parseAlt({ ci: caseInsensitive, dotall: false, ext: false });
    if (r.i < source.length) r.fail('unmatched )');
    result = { source, root, groups: r.groups, names: r.names, caseInsensitive };
  } catch (e) {
    if (!(e instanceof RegexSyntaxError)) throw e;
    result = null;
  }
  if (cache.size > 5000) cache.clear();
  cache.set(key, result);
  return result ?? undefined;
}

// ---- questions gixy asks ------------------------------------------------------------------------

/** Can the node match a string containing `ch`? Literal characters do not count (gixy's skip_literal). */
export function canContain(n: RNode, ch: string, skipLiteral = true): boolean {
  switch (n.t) {
    case 'char':
      return (!skipLiteral || !n.literal) && n.set.hasChar(ch);
    case 'seq':
      return n.items.some((x) => canContain(x, ch, skipLiteral));
    case 'alt':
      return n.alts.some((x) => canContain(x, ch, skipLiteral));
    case 'group':
      return !n.look && canContain(n.body, ch, skipLiteral);
    case 'repeat':
      return n.max > 0 && canContain(n.body, ch, skipLiteral);
    default:
      return false;
  }
}

/** Set of characters a match can start with, and whether it can be empty. */
export function firstSet(n: RNode): { set: CharSet; nullable: boolean } {
  switch (n.t) {
    case 'char':
      return { set: n.set, nullable: false };
    case 'seq': {
      let set = new CharSet();
      for (const x of n.items) {
        const f = firstSet(x);
        set = set.union(f.set);
        if (!f.nullable) return { set, nullable: false };
      }
      return { set, nullable: true };
    }
    case 'alt': {
      let set = new CharSet();
      let nullable = false;
      for (const x of n.alts) {
        const f = firstSet(x);
        set = set.union(f.set);
        nullable ||= f.nullable;
      }
      return { set, nullable };
    }
    case 'group':
      return n.look ? { set: new CharSet(), nullable: true } : firstSet(n.body);
    case 'repeat': {
      if (n.max === 0) return { set: new CharSet(), nullable: true };
      const f = firstSet(n.body);
      return { set: f.set, nullable: f.nullable || n.min === 0 };
    }
    case 'backref':
      return { set: CharSet.all(), nullable: true };
    default:
      return { set: new CharSet(), nullable: true };
  }
}

export function canStartWith(n: RNode, ch: string): boolean {
  return firstSet(n).set.hasChar(ch);
}

export function mustStartWith(n: RNode, ch: string): boolean {
  const f = firstSet(n);
  return !f.nullable && f.set.single() === ch.codePointAt(0);
}

/** Must every match contain `ch` (as a mandatory literal)? */
export function mustContain(n: RNode, ch: string): boolean {
  switch (n.t) {
    case 'char':
      return n.set.single() === ch.codePointAt(0);
    case 'seq':
      return n.items.some((x) => mustContain(x, ch));
    case 'alt':
      return n.alts.every((x) => mustContain(x, ch));
    case 'group':
      return !n.look && mustContain(n.body, ch);
    case 'repeat':
      return n.min > 0 && mustContain(n.body, ch);
    default:
      return false;
  }
}

/** Top-level items of a pattern (its sequence). */
export function topItems(r: Regex): RNode[] {
  return r.root.t === 'seq' ? r.root.items : [r.root];
}

export function startsAnchored(r: Regex): boolean {
  const first = topItems(r)[0];
  if (r.root.t === 'alt') return r.root.alts.every((a) => (a.t === 'seq' ? a.items[0] : a)?.t === 'anchor' && ((a.t === 'seq' ? a.items[0] : a) as { kind: string }).kind.match(/^[\^A]$/) !== null);
  return first?.t === 'anchor' && (first.kind === '^' || first.kind === 'A');
}

export function endsAnchored(r: Regex): boolean {
  const items = topItems(r);
  const last = items[items.length - 1];
  if (!last) return false;
  if (last.t === 'anchor') return last.kind === '$' || last.kind === 'z' || last.kind === 'Z';
  return false;
}

// ---- ReDoS --------------------------------------------------------------------------------------

function nullable(n: RNode): boolean {
  return firstSet(n).nullable;
}

function unbounded(n: RNode): boolean {
  return n.t === 'repeat' && n.max > 20;
}

/** Sets of characters a node can match (any position), ignoring literal-ness. */
function charsOf(n: RNode): CharSet {
  switch (n.t) {
    case 'char':
      return n.set;
    case 'seq':
      return n.items.reduce((a, x) => a.union(charsOf(x)), new CharSet());
    case 'alt':
      return n.alts.reduce((a, x) => a.union(charsOf(x)), new CharSet());
    case 'group':
      return n.look ? new CharSet() : charsOf(n.body);
    case 'repeat':
      return n.max > 0 ? charsOf(n.body) : new CharSet();
    default:
      return new CharSet();
  }
}

function stripGroups(n: RNode): RNode {
  while (n.t === 'group' && !n.look) n = n.body;
  return n;
}

/**
 * Finds structures with exponential backtracking: an unbounded repetition whose body holds another
 * unbounded repetition that can begin and end an iteration (everything around it in the body can be
 * empty or overlaps it), like `(a+)+`, `(\w+\s?)*`, `([a-z]+.)+`; or an unbounded repetition of an alternation whose
 * branches match single characters that overlap (`(a|a)*`, `(\w|\d)+`). Returns a description of the
 * first one found.
 */
export function redos(r: Regex): string | undefined {
  let found: string | undefined;
  const visit = (n: RNode, insideUnbounded: boolean) => {
    if (found) return;
    switch (n.t) {
      case 'repeat': {
        if (unbounded(n)) {
          const body = stripGroups(n.body);
          const items = body.t === 'seq' ? body.items : [body];
          items.forEach((item, k) => {
            if (found) return;
            const inner = stripGroups(item);
            if (!unbounded(inner)) return;
            const others = items.filter((_, j) => j !== k);
            const innerChars = charsOf(inner);
            if (others.every((o) => nullable(o) || charsOf(o).intersects(innerChars))) {
              found = 'a repeated group contains another unbounded repetition, and an iteration can be split between them in many ways';
            }
          });
          if (!found && body.t === 'alt') {
            const singles = body.alts.map((a) => stripGroups(a)).map((a) => (a.t === 'char' ? a.set : a.t === 'repeat' && stripGroups(a.body).t === 'char' ? charsOf(a) : undefined));
            for (let x = 0; x < singles.length && !found; x++) {
              for (let y = x + 1; y < singles.length && !found; y++) {
                const sx = singles[x];
                const sy = singles[y];
                if (sx && sy && sx.intersects(sy)) found = 'the alternatives of a repeated group can match the same character';
              }
            }
          }
        }
        visit(n.body, insideUnbounded || unbounded(n));
        return;
      }
      case 'seq':
        n.items.forEach((x) => visit(x, insideUnbounded));
        return;
      case 'alt':
        n.alts.forEach((x) => visit(x, insideUnbounded));
        return;
      case 'group':
        visit(n.body, insideUnbounded);
        return;
      default:
        return;
    }
  };
  visit(r.root, false);
  return found;
}

/**
 * A JavaScript RegExp equivalent of a PCRE pattern for matching short fixed sample paths, or
 * undefined when the pattern uses syntax JavaScript does not share.
 */
export function toJsRegExp(source: string, caseInsensitive: boolean): RegExp | undefined {
  // Only short patterns are ever run here (see below); V8 also compiles lazily, so a huge one would
  // throw at its first test rather than at construction.
  if (source.length > 1000) return undefined;
  let src = source;
  let flags = caseInsensitive ? 'i' : '';
  if (src.startsWith('(?i)')) {
    src = src.slice(4);
    flags = 'i';
  }
  if (/\(\?[a-zA-Z-]+[):]|\(\?>|[*+?}]\+|\\[AzZGKhHvVRQE]/.test(src)) return undefined;
  src = src.replace(/\(\?P</g, '(?<').replace(/\(\?'(\w{1,32})'/g, '(?<$1>');
  try {
    // regex-safe: only ever run against fixed sample paths of at most 24 characters (NGX018).
    return new RegExp(src, flags);
  } catch {
    return undefined;
  }
}
