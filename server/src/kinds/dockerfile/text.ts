// Text helpers for Dockerfiles: logical lines (continuations joined the way BuildKit joins them)
// with a map back to source offsets, and the BuildKit word lexer used by non-RUN instructions
// (quotes, the escape character, `$VAR` / `${VAR:-default}` substitution).

/** A string built from pieces of the source, with the source offset of every character. */
export interface Mapped {
  text: string;
  /** `map[i]` is the source offset of `text[i]`; `map[text.length]` is the offset just past the end. */
  map: Int32Array;
}

export function identityMapped(src: string, start: number, end: number): Mapped {
  const n = Math.max(0, end - start);
  const map = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) map[k] = start + k;
  map[n] = end;
  return { text: n > 0 ? src.slice(start, end) : '', map };
}

/** Concatenates mapped strings, with `sep` (mapped to the start of the next piece) between them. */
export function joinMapped(pieces: Mapped[], sep: string): Mapped {
  const text = pieces.map((p) => p.text).join(sep);
  const map = new Int32Array(text.length + 1);
  let k = 0;
  pieces.forEach((p, idx) => {
    if (idx > 0) for (let s = 0; s < sep.length; s++) map[k++] = p.map[0];
    for (let j = 0; j < p.text.length; j++) map[k++] = p.map[j];
  });
  map[text.length] = pieces.length ? pieces[pieces.length - 1].map[pieces[pieces.length - 1].text.length] : 0;
  return { text, map };
}

/** Source offset of the end of a mapped slice [vStart, vEnd). */
export function mappedEnd(m: Mapped, vStart: number, vEnd: number): number {
  if (vEnd <= vStart) return m.map[Math.min(vStart, m.text.length)];
  return m.map[vEnd - 1] + 1;
}

function lineEndAt(src: string, pos: number, limit: number): number {
  let e = pos;
  while (e < limit) {
    const c = src.charCodeAt(e);
    if (c === 10 || c === 13) break;
    e++;
  }
  return e;
}

function nextLineStart(src: string, lineEnd: number, limit: number): number {
  if (lineEnd >= limit) return limit;
  if (src.charCodeAt(lineEnd) === 13 && src.charCodeAt(lineEnd + 1) === 10) return Math.min(lineEnd + 2, limit);
  return lineEnd + 1;
}

export interface LogicalLine extends Mapped {
  /** Source offset just past the last character of the logical line (before its line break). */
  end: number;
  /** Source offset where the next physical line begins (heredoc bodies start here). */
  next: number;
  /** Offsets of the starts of blank lines found inside the continuation (BuildKit NoEmptyContinuation). */
  emptyContinuationLines: number[];
}

interface LineScan {
  /** Source pieces [start, end) of the logical line, in order. */
  pieces: number[];
  end: number;
  empty: number[];
}

function scanLogicalLine(src: string, start: number, limit: number, escape: string): LineScan {
  const pieces: number[] = [];
  const empty: number[] = [];
  let pos = start;
  let end = start;
  let first = true;
  while (pos <= limit) {
    const le = lineEndAt(src, pos, limit);
    if (!first) {
      const line = src.slice(pos, le);
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) {
        if (trimmed === '') empty.push(pos);
        if (le >= limit) {
          end = le;
          break;
        }
        pos = nextLineStart(src, le, limit);
        continue;
      }
    }
    first = false;
    // Continuation: escape char followed only by blanks up to the end of the line.
    let k = le - 1;
    while (k >= pos && (src[k] === ' ' || src[k] === '\t')) k--;
    if (k >= pos && src[k] === escape && le < limit) {
      if (k > pos) pieces.push(pos, k);
      end = k;
      pos = nextLineStart(src, le, limit);
      continue;
    }
    if (le > pos) pieces.push(pos, le);
    end = le;
    pos = le;
    break;
  }
  return { pieces, end, empty };
}

/**
 * Reads one logical line starting at `start`, as BuildKit does: a physical line ending with the
 * escape character (optionally followed by blanks) continues on the next line; the escape and the
 * line break are dropped; blank lines and `#` comment lines inside a continuation are skipped.
 */
export function logicalLine(src: string, start: number, limit: number, escape: string): LogicalLine {
  const { pieces, end, empty } = scanLogicalLine(src, start, limit, escape);
  let length = 0;
  for (let p = 0; p < pieces.length; p += 2) length += pieces[p + 1] - pieces[p];
  const map = new Int32Array(length + 1);
  const parts: string[] = [];
  let k = 0;
  for (let p = 0; p < pieces.length; p += 2) {
    parts.push(src.slice(pieces[p], pieces[p + 1]));
    for (let o = pieces[p]; o < pieces[p + 1]; o++) map[k++] = o;
  }
  map[length] = end;
  return { text: parts.length === 1 ? parts[0] : parts.join(''), map, end, next: nextLineStart(src, end, limit), emptyContinuationLines: empty };
}

/** The text of `logicalLine` alone (no offset map). */
export function logicalText(src: string, start: number, limit: number, escape: string): string {
  const { pieces } = scanLogicalLine(src, start, limit, escape);
  if (pieces.length === 2) return src.slice(pieces[0], pieces[1]);
  let out = '';
  for (let p = 0; p < pieces.length; p += 2) out += src.slice(pieces[p], pieces[p + 1]);
  return out;
}

/** Lookup of ARG/ENV values: a string when known, null when declared without a known value, undefined when not declared. */
export type VarLookup = (name: string) => string | null | undefined;

export interface Expanded {
  value: string;
  /** False when a variable without a known value was used (the value then holds the variable text). */
  resolved: boolean;
  /** Names of the variables referenced. */
  vars: string[];
  /** Variables used with a modifier BuildKit does not support outside RUN (e.g. `${X:x}`), with their offsets in `raw`. */
  badModifiers: { text: string; start: number; end: number }[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * Expands a word the way BuildKit's shell lexer does for ENV, ARG, LABEL, COPY, USER, WORKDIR, FROM…:
 * quotes are removed, the escape character escapes the next character, `$NAME`, `${NAME}`,
 * `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`, `${NAME:?msg}` are substituted.
 */
export function expandWord(raw: string, escape: string, lookup: VarLookup): Expanded {
  let out = '';
  let resolved = true;
  const vars: string[] = [];
  const badModifiers: Expanded['badModifiers'] = [];
  let i = 0;
  const n = raw.length;

  const readVar = (): void => {
    // raw[i] === '$'
    const start = i;
    if (raw[i + 1] === '{') {
      let j = i + 2;
      let depth = 1;
      while (j < n && depth > 0) {
        if (raw[j] === escape) j++;
        else if (raw[j] === '{') depth++;
        else if (raw[j] === '}') depth--;
        if (depth > 0) j++;
      }
      const inner = raw.slice(i + 2, Math.min(j, n));
      i = Math.min(j + 1, n);
      let k = 0;
      while (k < inner.length && (k === 0 ? NAME_START.test(inner[k]) : NAME_CHAR.test(inner[k]))) k++;
      const name = inner.slice(0, k);
      const rest = inner.slice(k);
      if (!name) {
        out += raw.slice(start, i);
        resolved = false;
        return;
      }
      vars.push(name);
      const v = lookup(name);
      const known = typeof v === 'string';
      if (rest === '') {
        if (known) out += v;
        else {
          out += raw.slice(start, i);
          resolved = false;
        }
        return;
      }
      const m = /^(:?[-+?])([\s\S]*)$/.exec(rest);
      if (!m) {
        if (/^:/.test(rest) && !/^:[-+?]/.test(rest)) badModifiers.push({ text: raw.slice(start, i), start, end: i });
        out += raw.slice(start, i);
        resolved = false;
        return;
      }
      const op = m[1];
      const word = expandWord(m[2], escape, lookup);
      const set = v !== undefined && v !== null; // declared with a known value
      const nonEmpty = known && v !== '';
      /** The modifier's word stands for the expansion. */
      const useWord = () => {
        out += word.value;
        if (!word.resolved) resolved = false;
      };
      /** What the expansion gives is not known here: the text is kept as written. */
      const unknown = () => {
        out += raw.slice(start, i);
        resolved = false;
      };
      switch (op) {
        case ':-':
          if (nonEmpty) out += v;
          else if (known || v === undefined) useWord();
          else unknown();
          return;
        case '-':
          if (set) out += v;
          else if (v === undefined) useWord();
          else unknown();
          return;
        case ':+':
          if (nonEmpty) useWord();
          else if (!known && v !== undefined) unknown();
          return;
        case '+':
          if (set) useWord();
          else if (v === null) unknown();
          return;
        default:
          // :? and ? — error when unset; the value otherwise.
          if (known) out += v;
          else unknown();
          return;
      }
    }
    if (i + 1 < n && NAME_START.test(raw[i + 1])) {
      let j = i + 2;
      while (j < n && NAME_CHAR.test(raw[j])) j++;
      const name = raw.slice(i + 1, j);
      vars.push(name);
      const v = lookup(name);
      if (typeof v === 'string') out += v;
      else {
        out += raw.slice(i, j);
        resolved = false;
      }
      i = j;
      return;
    }
    out += '$';
    i++;
  };

  while (i < n) {
    const c = raw[i];
    if (c === escape) {
      if (i + 1 < n) out += raw[i + 1];
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      const e = close < 0 ? n : close;
      out += raw.slice(i + 1, e);
      i = e + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && raw[i] !== '"') {
        if (raw[i] === escape && i + 1 < n) {
          const nx = raw[i + 1];
          if (nx === '"' || nx === '$' || nx === escape) out += nx;
          else out += raw[i] + nx;
          i += 2;
        } else if (raw[i] === '$') readVar();
        else out += raw[i++];
      }
      i++;
      continue;
    }
    if (c === '$') {
      readVar();
      continue;
    }
    out += c;
    i++;
  }
  return { value: out, resolved, vars, badModifiers };
}
