// Python source read with @lezer/python (an error-recovering LR parser): the tree, the comments
// (for suppressions), the syntax errors (DJG000) and helpers to walk nodes and decode literals.
import { parser } from '@lezer/python';
import { TreeFragment, type SyntaxNode, type Tree } from '@lezer/common';
import { LineIndex } from '../../engine/text';
import type { Comment } from '../../engine/types';

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

/** Parse statistics, for tests: how many characters lezer had to read afresh. */
export const parseStats = { parses: 0, reused: 0, chars: 0 };

/**
 * Parses a Python file. Never throws. Parses are memoised by file and text (a settings module is
 * read by every unit that imports it, and again for each keystroke in another file). A new text of
 * a file already parsed is parsed incrementally: the previous tree is reused outside the edited
 * span, so a keystroke costs a parse of the statements around it, not of the whole file.
 */
export function parsePython(file: string, text: string): PyFile {
  const hit = file ? cache.get(file) : undefined;
  if (hit && hit.text === text) {
    cache.delete(file);
    cache.set(file, hit);
    parseStats.reused++;
    return hit;
  }
  const py = buildPyFile(file, text, hit ? parseTree(text, hit) : parseTree(text));
  if (file) {
    cache.delete(file);
    cache.set(file, py);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return py;
}

/** Parses `text` from scratch, or reusing the tree of a previous text of the same file. */
export function parseTree(text: string, previous?: { text: string; tree: Tree }): Tree {
  parseStats.parses++;
  if (!previous) {
    parseStats.chars += text.length;
    return parser.parse(text);
  }
  const change = changedRange(previous.text, text);
  const fragments = TreeFragment.applyChanges(TreeFragment.addTree(previous.tree), [change]);
  const tree = parser.parse(text, fragments);
  parseStats.chars += change.toB - change.fromB;
  return tree;
}

/** The one span in which two texts differ (common prefix and suffix left out). */
export function changedRange(a: string, b: string): { fromA: number; toA: number; fromB: number; toB: number } {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { fromA: p, toA: a.length - s, fromB: p, toB: b.length - s };
}

/** A PyFile from a tree of `text`. */
export function buildPyFile(file: string, text: string, tree: Tree): PyFile {
  const index = new LineIndex(text);
  const top = tree.topNode;
  const { errors, comments } = scanTree(text, tree, index);
  return { file, text, index, tree, top, errors, commentSpans: comments };
}

/** Forgets every parse (tests compare incremental parses with fresh ones). */
export function clearParseCache(): void {
  cache.clear();
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
function scanTree(text: string, tree: Tree, index: LineIndex): { errors: SyntaxIssue[]; comments: number[] } {
  const out: (SyntaxIssue & { bracketNode?: { to: number } })[] = [];
  const strings: (SyntaxIssue & { bracketNode?: { to: number } })[] = [];
  const comments: number[] = [];
  const seen = new Set<number>();
  const unclosedSeen = new Set<number>();
  // One walk over the tree: comments, strings left open, and error nodes (the outermost of nested ones).
  let inError = 0;
  let inString = 0;
  tree.iterate({
    enter(n) {
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
              strings.push({ from: n.from, to: Math.max(to, n.from + 1), message: s.quote.length === 3 ? 'unterminated triple-quoted string' : 'unterminated string literal', bracketNode: { to: n.to } });
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
            out.push({ from: parent.from, to: parent.from + 1, message: `'${open}' is never closed`, bracketNode: { to: parent.to } });
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
  out.push(...strings.slice(0, Math.max(0, 50 - out.length)));
  // An unclosed bracket or string swallows what follows: errors inside it are consequences, not news.
  const brackets = out.filter((e) => e.bracketNode);
  const kept = out.filter((e) => e.bracketNode || !brackets.some((b) => e.from > b.from && e.from <= b.bracketNode!.to));
  kept.sort((a, b) => a.from - b.from);
  return { errors: kept.map(({ from, to, message }) => ({ from, to, message })), comments };
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
  return out;
}

export function textOf(py: PyFile, node: SyntaxNode): string {
  return py.text.slice(node.from, node.to);
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
