// Python source read with @lezer/python (an error-recovering LR parser): the tree, the comments
// (for suppressions), the syntax errors (DJG000) and helpers to walk nodes and decode literals.
import { parser } from '@lezer/python';
import { NodeType, Tree, type SyntaxNode, type TreeBuffer } from '@lezer/common';
import { LineIndex } from '../../engine/text';
import type { Comment } from '../../engine/types';
import type { FuncParam } from './values';

export interface SyntaxIssue {
  from: number;
  to: number;
  message: string;
}

export interface PyFile {
  file: string;
  text: string;
  index: LineIndex;
  tree: Tree;
  top: SyntaxNode;
  errors: SyntaxIssue[];
  /** Offsets of the comments: from, to, from, to, … */
  commentSpans: number[];
}

const CACHE_SIZE = 256;
/** The last parse of each file (by path), least recently used first. */
const cache = new Map<string, PyFile>();

/** Parse statistics, for tests: statements (chunks) lezer parsed, and characters it read. */
export const parseStats = { chunks: 0, chars: 0 };

/**
 * A count of the kind's steps (nodes visited, values built or copied, entries scanned), for tests
 * that check the work grows linearly with the input without timing anything.
 */
export const work = { units: 0 };

/**
 * Parses a Python file. Never throws. Parses are memoised by file and text (a settings module is
 * read by every unit that imports it, and again for each keystroke in another file); below that,
 * by top-level statement (see `parseTree`), so a keystroke reparses the statement it changes.
 */
export function parsePython(file: string, text: string): PyFile {
  const hit = file ? cache.get(file) : undefined;
  if (hit && hit.text === text) {
    cache.delete(file);
    cache.set(file, hit);
    return hit;
  }
  const py = buildPyFile(file, text);
  if (file) {
    cache.delete(file);
    cache.set(file, py);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return py;
}

/** Forgets every parse (tests compare cached parses with fresh ones). */
export function clearParseCache(): void {
  cache.clear();
  chunkCache.clear();
}

// -------------------------------------------------------------------------------------------------
// Parsing by top-level statement
//
// A file is cut into chunks before each top-level statement (a line starting in column 0 outside
// brackets, strings and backslash continuations, that does not continue the statement before:
// `else`, `elif`, `except`, `finally`, or the definition after a decorator). Each chunk is parsed
// on its own, memoised by its text, and the chunks' trees are joined under one Script node. At
// such a line lezer is in the same state as at the start of a file, so for valid code this is the
// tree of the whole file; in broken code an error stays inside its statement instead of running
// into the next ones. The result depends on the text only, never on the edits that led to it: a
// keystroke reparses one statement, and gives exactly what a fresh parse gives.

interface ChunkParse {
  tree: Tree;
  /** Syntax errors, comments and open strings, chunk-relative (see `scanTree`). */
  scan: TreeScan;
}

const CHUNK_CACHE_SIZE = 50_000;
const chunkCache = new Map<string, ChunkParse>();

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
}

function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

const CONTINUING = ['else', 'elif', 'except', 'finally'];

/** Does the line at `i` start with a keyword that continues the statement before it? */
function continuesStatement(text: string, i: number): boolean {
  for (const k of CONTINUING) {
    if (text.startsWith(k, i) && !isIdentChar(text.charCodeAt(i + k.length))) return true;
  }
  return false;
}

/** Keywords that start a statement and can never appear inside an expression. */
const STATEMENT_KEYWORDS = ['import', 'def', 'class', 'try', 'while', 'with', 'return', 'raise', 'pass', 'del', 'assert', 'global', 'nonlocal', 'break', 'continue'];

/** Is `text` at `i` the word `w` (not a prefix of a longer name)? */
function wordAt(text: string, i: number, w: string): boolean {
  return text.startsWith(w, i) && !isIdentChar(text.charCodeAt(i + w.length));
}

/**
 * Inside an unclosed bracket, does the line at `i` start a new statement for sure? Only lines that
 * are not valid there: a statement keyword, or `NAME =` / `NAME += …` where a keyword argument
 * cannot be (anywhere but in a call's parentheses right after `(` or `,`). Python would say
 * "'[' was never closed". (`lambda` parameters split over lines are the one valid form it cuts.)
 */
function startsStatementInside(text: string, i: number, bracket: number, last: number): boolean {
  for (const k of STATEMENT_KEYWORDS) if (wordAt(text, i, k)) return true;
  // In a call, `NAME=` is the next keyword argument after `(` or `,`; after anything else it is not.
  if (bracket === CALL_PAREN && (last === 40 || last === 44)) return false;
  let j = i;
  while (j < text.length && isIdentChar(text.charCodeAt(j))) j++;
  while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
  const c = text.charCodeAt(j);
  if (c === 61 /* = */) return text.charCodeAt(j + 1) !== 61;
  // Augmented assignment: `+=`, `-=`, `*=`, `/=`, `//=`, `%=`, `**=`, `|=`, `&=`, `^=`, `>>=`, `<<=`, `@=`.
  const op = text.slice(j, j + 4);
  return /^(\+|-|\*\*?|\/\/?|%|\||&|\^|>>|<<|@)=/.test(op);
}

/** Bracket kinds on the scanner's stack. */
const CALL_PAREN = 1;
const GROUP_PAREN = 2;
const SQUARE = 3;
const CURLY = 4;

/**
 * Offsets where the chunks start (the first is 0). A light Python scan: strings (any prefix, single
 * or triple quotes, backslash escapes; a single-quoted one ends at the line end), comments, brackets
 * and backslash continuations. When in doubt it does not cut: a missed cut only costs speed.
 */
export function chunkStarts(text: string): number[] {
  const starts = [0];
  const n = text.length;
  const brackets: number[] = [];
  let continued = false;
  let afterDecorator = false;
  /** The last character that is not space or comment (to tell a call's parenthesis from a group's). */
  let last = 0;
  let i = 0;
  let lineStart = true;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      if (!continued && (isIdentStart(c) || c === 64 /* @ */)) {
        if (brackets.length === 0) {
          if (i > 0 && !afterDecorator && !continuesStatement(text, i)) starts.push(i);
          afterDecorator = c === 64;
        } else if (isIdentStart(c) && startsStatementInside(text, i, brackets[brackets.length - 1], last)) {
          starts.push(i);
          brackets.length = 0;
          afterDecorator = false;
        }
      }
      continued = false;
    }
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      i++;
      lineStart = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 12) {
      i++;
      continue;
    }
    if (c === 35 /* # */) {
      while (i < n && (c = text.charCodeAt(i)) !== 10 && c !== 13) i++;
      continue;
    }
    if (c === 92 /* \ */) {
      const d = text.charCodeAt(i + 1);
      if (d === 10 || d === 13) continued = true;
      i += d === 13 && text.charCodeAt(i + 2) === 10 ? 3 : 2;
      if (continued) lineStart = true;
      continue;
    }
    if (c === 34 || c === 39) {
      i = skipString(text, i);
      last = c;
      continue;
    }
    if (c === 40) brackets.push(isIdentChar(last) || last === 41 || last === 93 || last === 34 || last === 39 ? CALL_PAREN : GROUP_PAREN);
    else if (c === 91) brackets.push(SQUARE);
    else if (c === 123) brackets.push(CURLY);
    else if (c === 41 || c === 93 || c === 125) brackets.pop();
    last = c;
    i++;
  }
  return starts;
}

/** The offset after the string starting with the quote at `i` (a single-quoted one stops at the line end). */
function skipString(text: string, i: number): number {
  const n = text.length;
  const q = text.charCodeAt(i);
  const triple = text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q;
  i += triple ? 3 : 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      i += text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10 ? 3 : 2;
      continue;
    }
    if (c === q) {
      if (!triple) return i + 1;
      if (text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q) return i + 3;
    } else if (!triple && (c === 10 || c === 13)) return i;
    i++;
  }
  return n;
}

function parseChunk(chunk: string): ChunkParse {
  let hit = chunkCache.get(chunk);
  if (hit) {
    chunkCache.delete(chunk);
    chunkCache.set(chunk, hit);
    return hit;
  }
  parseStats.chunks++;
  parseStats.chars += chunk.length;
  const tree = parser.parse(chunk);
  hit = { tree, scan: scanTree(chunk, tree, new LineIndex(chunk)) };
  chunkCache.set(chunk, hit);
  if (chunkCache.size > CHUNK_CACHE_SIZE) chunkCache.delete(chunkCache.keys().next().value!);
  return hit;
}

/** Children per anonymous group node under Script (so that finding a position looks at few nodes). */
const GROUP = 32;

/** The tree of a file and its scan: its chunks parsed (or taken from the cache) and joined. */
export function parseTree(text: string): { tree: Tree; scan: TreeScan } {
  const starts = chunkStarts(text);
  if (starts.length === 1) {
    const one = parseChunk(text);
    return one;
  }
  const children: (Tree | TreeBuffer)[] = [];
  const positions: number[] = [];
  const scan: TreeScan = { errors: [], strings: [], comments: [] };
  let top: NodeType | undefined;
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k];
    const to = k + 1 < starts.length ? starts[k + 1] : text.length;
    const c = parseChunk(text.slice(from, to));
    top = c.tree.type;
    const t = c.tree;
    for (let j = 0; j < t.children.length; j++) {
      children.push(t.children[j]);
      positions.push(t.positions[j] + from);
    }
    for (const e of c.scan.errors) scan.errors.push(shiftIssue(e, from));
    for (const e of c.scan.strings) scan.strings.push(shiftIssue(e, from));
    for (const o of c.scan.comments) scan.comments.push(o + from);
  }
  return { tree: joinTrees(top!, children, positions, text.length), scan };
}

function shiftIssue(e: RawIssue, by: number): RawIssue {
  return { from: e.from + by, to: e.to + by, message: e.message, bracketTo: e.bracketTo === undefined ? undefined : e.bracketTo + by };
}

/** A Script node over the children, grouped under anonymous nodes `GROUP` at a time. */
function joinTrees(type: NodeType, children: (Tree | TreeBuffer)[], positions: number[], length: number): Tree {
  while (children.length > GROUP) {
    const groups: (Tree | TreeBuffer)[] = [];
    const starts: number[] = [];
    for (let i = 0; i < children.length; i += GROUP) {
      const end = Math.min(children.length, i + GROUP);
      const base = positions[i];
      const last = children[end - 1];
      const groupLength = positions[end - 1] + last.length - base;
      groups.push(new Tree(NodeType.none, children.slice(i, end), positions.slice(i, end).map((p) => p - base), groupLength));
      starts.push(base);
    }
    children = groups;
    positions = starts;
  }
  return new Tree(type, children, positions, length);
}

/** A PyFile of `text` (its tree, comments and syntax errors). */
export function buildPyFile(file: string, text: string): PyFile {
  const index = new LineIndex(text);
  const { tree, scan } = parseTree(text);
  return { file, text, index, tree, top: tree.topNode, errors: finishErrors(scan), commentSpans: scan.comments };
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const BRACKETED = new Set([
  'ArgList',
  'ArrayExpression',
  'TupleExpression',
  'ParenthesizedExpression',
  'DictionaryExpression',
  'SetExpression',
  'ParamList',
  'ComprehensionExpression',
  'ArrayComprehensionExpression',
  'DictionaryComprehensionExpression',
  'SetComprehensionExpression',
  'PatternArgList',
]);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 12;
}

/**
 * One walk over the tree for the comments (offsets, pairwise) and the syntax errors.
 *
 * Error nodes become findings with exact ranges. lezer marks an error with a (often empty)
 * ⚠ node where it resynchronised; we widen it to the offending token, or point at the bracket that
 * was never closed, or at the last token of a line that ends too early.
 */
function scanTree(text: string, tree: Tree, index: LineIndex): TreeScan {
  const out: RawIssue[] = [];
  const strings: RawIssue[] = [];
  const comments: number[] = [];
  const seen = new Set<number>();
  const unclosedSeen = new Set<number>();
  // One walk over the tree: comments, strings left open, and error nodes (the outermost of nested ones).
  let inError = 0;
  let inString = 0;
  tree.iterate({
    enter(n) {
      work.units++;
      const type = n.type;
      if (!type.isError) {
        const name = type.name;
        if (name === 'Comment') comments.push(n.from, n.to);
        else if (name === 'String' || name === 'FormatString') {
          // Strings left open: lezer ends the token at the line end (or the file end) without an error node.
          // (Strings nested in an f-string's fields are part of it; error nodes inside are still seen.)
          if (inString++ === 0 && strings.length < 50) {
            const s = decodeString(text.slice(n.from, n.to));
            if (s && !s.terminated) {
              const to = Math.min(n.to, index.lineEnd(index.positionAt(n.from).line));
              strings.push({ from: n.from, to: Math.max(to, n.from + 1), message: s.quote.length === 3 ? 'unterminated triple-quoted string' : 'unterminated string literal', bracketTo: n.to });
            }
          }
        }
        return undefined;
      }
      inError++;
      if (inError > 1 || out.length >= 50) return;
      const node = n.node;
      // An unclosed bracket: the error sits inside a bracketed node whose closing token is missing.
      const parent = node.parent;
      if (parent && BRACKETED.has(parent.name)) {
        const open = text[parent.from];
        const close = OPENERS[open];
        if (close && text[parent.to - 1] !== close) {
          if (!unclosedSeen.has(parent.from)) {
            unclosedSeen.add(parent.from);
            out.push({ from: parent.from, to: parent.from + 1, message: `'${open}' is never closed`, bracketTo: parent.to });
          }
          return;
        }
      }
      let from = n.from;
      let to = n.to;
      if (seen.has(from)) return;
      seen.add(from);
      if (to > from) {
        const snippet = text.slice(from, Math.min(to, from + 40)).split(/\r\n|\r|\n/)[0];
        out.push({ from, to: Math.min(to, index.lineEnd(index.positionAt(from).line)), message: `unexpected ${describe(snippet)}` });
        return;
      }
      // Empty error node: the offending token starts here, or the line ended too early.
      const line = index.positionAt(from).line;
      const lineEnd = index.lineEnd(line);
      let p = from;
      while (p < lineEnd && isSpace(text.charCodeAt(p))) p++;
      if (p < lineEnd && text[p] !== '#') {
        let e = p + 1;
        if (/[A-Za-z0-9_]/.test(text[p])) while (e < lineEnd && /[A-Za-z0-9_]/.test(text[e])) e++;
        out.push({ from: p, to: e, message: `unexpected ${describe(text.slice(p, e))}` });
        return;
      }
      // At the end of a line (or of the file): point at the last token before.
      let b = from;
      const lineStart = index.lineStarts[line];
      while (b > lineStart && isSpace(text.charCodeAt(b - 1))) b--;
      if (b === lineStart && line > 0 && from === lineStart) {
        // The error is at the start of a line: blame the end of the previous non-empty line.
        let l = line - 1;
        while (l > 0 && index.lineText(l).trim() === '') l--;
        const le = index.lineEnd(l);
        let s = le;
        while (s > index.lineStarts[l] && isSpace(text.charCodeAt(s - 1))) s--;
        const ts = Math.max(index.lineStarts[l], s - 1);
        out.push({ from: ts, to: s, message: 'the statement is incomplete' });
        return;
      }
      let s = b;
      while (s > lineStart && !isSpace(text.charCodeAt(s - 1))) s--;
      out.push({ from: s, to: b, message: b > s ? `the statement is incomplete after ${describe(text.slice(s, b))}` : 'the statement is incomplete' });
      return;
    },
    leave(n) {
      const type = n.type;
      if (type.isError) inError--;
      else if (type.name === 'String' || type.name === 'FormatString') inString--;
    },
  });
  return { errors: out, strings, comments };
}

/** An issue before the last step: errors of unclosed brackets and strings say how far they swallow. */
interface RawIssue extends SyntaxIssue {
  bracketTo?: number;
}

/** What one walk over a tree finds (at most 50 error nodes and 50 open strings). */
interface TreeScan {
  errors: RawIssue[];
  strings: RawIssue[];
  /** Offsets of the comments: from, to, from, to, … */
  comments: number[];
}

/** The syntax errors of a file from its scan: the first 50, those inside an unclosed bracket or string left out. */
function finishErrors(scan: TreeScan): SyntaxIssue[] {
  const out = scan.errors.slice(0, 50);
  out.push(...scan.strings.slice(0, Math.max(0, 50 - out.length)));
  // An unclosed bracket or string swallows what follows: errors inside it are consequences, not news.
  const brackets = out.filter((e) => e.bracketTo !== undefined);
  const kept = out.filter((e) => e.bracketTo !== undefined || !brackets.some((b) => e.from > b.from && e.from <= b.bracketTo!));
  kept.sort((a, b) => a.from - b.from);
  return kept.map(({ from, to, message }) => ({ from, to, message }));
}

function describe(s: string): string {
  if (s === '') return 'end of line';
  const t = s.length > 30 ? s.slice(0, 30) + '…' : s;
  return `'${t}'`;
}

const commentsOf = new WeakMap<PyFile, Comment[]>();

/** Python `#` comments, taken from the parse tree (so `#` inside strings is not a comment). */
export function pythonComments(py: PyFile): Comment[] {
  let out = commentsOf.get(py);
  if (out) return out;
  out = [];
  const spans = py.commentSpans;
  for (let i = 0; i < spans.length; i += 2) {
    const from = spans[i];
    const pos = py.index.positionAt(from);
    const lineStart = py.index.lineStarts[pos.line];
    out.push({
      line: pos.line,
      character: pos.character,
      text: py.text.slice(from + 1, spans[i + 1]),
      wholeLine: py.text.slice(lineStart, from).trim() === '',
    });
  }
  commentsOf.set(py, out);
  return out;
}

/** Child nodes, comments left out. */
export function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
  work.units += out.length + 1;
  return out;
}

export function textOf(py: PyFile, node: SyntaxNode): string {
  return py.text.slice(node.from, node.to);
}

/** The parameters of a `def` (FunctionDefinition): names, kinds (after `*`: keyword-only), defaults. */
export function funcParams(py: PyFile, fn: SyntaxNode): FuncParam[] {
  const params: FuncParam[] = [];
  const pl = fn.getChild('ParamList');
  if (!pl) return params;
  let mode: 'positional' | 'keyword-only' = 'positional';
  const ch = kids(pl);
  for (let i = 0; i < ch.length; i++) {
    const c = ch[i];
    if (c.name === '*' || c.name === '**') {
      const next = ch[i + 1];
      if (next?.name === 'VariableName') {
        params.push({ name: textOf(py, next), kind: c.name === '*' ? 'varargs' : 'varkw', hasDefault: false });
        i++;
      }
      if (c.name === '*') mode = 'keyword-only';
    } else if (c.name === 'VariableName') {
      let j = i + 1;
      if (ch[j]?.name === 'TypeDef') j++;
      params.push({ name: textOf(py, c), kind: mode, hasDefault: ch[j]?.name === 'AssignOp' });
    }
  }
  return params;
}

export interface StringLiteral {
  value: string;
  bytes: boolean;
  raw: boolean;
  /** An f-string: its value is only known when it has no replacement fields. */
  format: boolean;
  /** Offset of the first character of the contents (after prefix and quotes). */
  contentFrom: number;
  quote: string;
  /** False for a string left open (Python: "unterminated string literal"). */
  terminated: boolean;
}

/** Decodes one Python string token (prefix, quotes, escapes). */
export function decodeString(raw: string, offset = 0): StringLiteral | undefined {
  let i = 0;
  while (i < raw.length && /[rRbBuUfF]/.test(raw[i]) && i < 3) i++;
  const prefix = raw.slice(0, i).toLowerCase();
  const q = raw[i];
  if (q !== '"' && q !== "'") return undefined;
  const triple = raw.startsWith(q.repeat(3), i);
  const quote = triple ? q.repeat(3) : q;
  const start = i + quote.length;
  let end = raw.length;
  let terminated = false;
  if (raw.length - start >= quote.length && raw.endsWith(quote)) {
    // The closing quote must not be escaped (an odd run of backslashes before it; raw strings too).
    let k = raw.length - quote.length;
    let slashes = 0;
    while (k - 1 - slashes >= start && raw[k - 1 - slashes] === '\\') slashes++;
    terminated = slashes % 2 === 0;
    if (terminated) end = raw.length - quote.length;
  }
  const body = raw.slice(start, Math.max(start, end));
  const isRaw = prefix.includes('r');
  return {
    value: isRaw ? body : unescape(body, prefix.includes('b')),
    bytes: prefix.includes('b'),
    raw: isRaw,
    format: prefix.includes('f'),
    contentFrom: offset + start,
    quote,
    terminated,
  };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

function unescape(s: string, bytes: boolean): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n === '\n') continue;
    if (n === '\r') {
      if (s[i + 1] === '\n') i++;
      continue;
    }
    if (n === 'x') {
      const hex = s.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        out += String.fromCharCode(parseInt(hex, 16));
        i += 2;
        continue;
      }
    }
    if (!bytes && (n === 'u' || n === 'U')) {
      const len = n === 'u' ? 4 : 8;
      const hex = s.slice(i + 1, i + 1 + len);
      if (hex.length === len && /^[0-9a-fA-F]+$/.test(hex)) {
        const cp = parseInt(hex, 16);
        out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
        i += len;
        continue;
      }
    }
    if (n >= '0' && n <= '7') {
      let j = i;
      while (j < i + 3 && j < s.length && s[j] >= '0' && s[j] <= '7') j++;
      out += String.fromCharCode(parseInt(s.slice(i, j), 8));
      i = j - 1;
      continue;
    }
    if (n in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[n];
      continue;
    }
    out += '\\' + n;
  }
  return out;
}

/** Parses a Python number literal (ints of any base, floats; imaginary numbers are left out). */
export function parseNumber(text: string): number | undefined {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return undefined;
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0[oO][0-7]+$/.test(t)) return parseInt(t.slice(2), 8);
  if (/^0[bB][01]+$/.test(t)) return parseInt(t.slice(2), 2);
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}
