// pip's requirements-file preprocessing (pip/_internal/req/req_file.py `preprocess`), keeping an
// offset map from every character of a joined line back to the original text:
//   - physical lines (a leading BOM is skipped; CR, LF and CRLF all end a line and are kept),
//   - `join_lines`: a line ending in `\` is joined with the next one after stripping backslashes
//     from both of its ends (`line.strip("\\")`); a comment line ends the join and is joined with a
//     space in front; a backslash on a comment line does not continue it,
//   - `ignore_comments`: `(^|\s+)#.*$` is removed, then the line is stripped,
//   - `expand_env_variables`: `${NAME}` (NAME in [A-Z0-9_]) is noted, never resolved.
// pip splits with str.splitlines(), which also breaks at \v, \f and a few Unicode separators; such
// characters are rare in requirements files and are treated as ordinary whitespace here.
import { LineIndex } from '../../engine/text';
import type { Comment, Position, Range } from '../../engine/types';

/**
 * A run of the joined text copied from one physical line of the original, or a synthetic character
 * (length 1). Pieces hold positions, not offsets into the whole text, so that a line's parse stays
 * valid when other lines change (see parser.ts, which reuses it).
 */
export interface Piece {
  /** Offset in the joined text. */
  at: number;
  /** Physical line (0-based) and the UTF-16 column where the run starts. */
  line: number;
  col: number;
  len: number;
  synthetic?: boolean;
}

export interface EnvVar {
  name: string;
  /** Offsets in the joined text. */
  start: number;
  end: number;
}

export interface LogicalLine {
  /** The joined line, as pip's `join_lines` yields it. */
  text: string;
  pieces: Piece[];
  /** Physical lines (0-based) the logical line spans. */
  firstLine: number;
  lastLine: number;
  /** Content after comment removal and stripping: [contentStart, contentEnd) of `text`. */
  contentStart: number;
  contentEnd: number;
  /** Offset of the `#` starting the comment, or -1. */
  commentAt: number;
  envVars: EnvVar[];
}

export interface Preprocessed {
  index: LineIndex;
  lines: LogicalLine[];
  /** Encoding named by a PEP 263 coding line in the first two lines, if any. */
  encoding?: string;
  bom: boolean;
}

/** JavaScript's (and Python's) \s, with a fast path for ASCII. */
const isSpace = (c: string): boolean => {
  const k = c.charCodeAt(0);
  if (k === 32 || (k >= 9 && k <= 13)) return true;
  return k >= 128 && /\s/.test(c);
};

/** Position in the original text of an offset in the joined text. `asEnd` maps a piece boundary to the end of the previous piece. */
export function toPosition(line: LogicalLine, at: number, asEnd = false): Position {
  const pieces = line.pieces;
  if (pieces.length === 0) return { line: 0, character: 0 };
  let lo = 0;
  if (pieces.length > 1) {
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pieces[mid].at <= at) lo = mid;
      else hi = mid - 1;
    }
  }
  let p = pieces[lo];
  if (asEnd && lo > 0 && at === p.at) {
    p = pieces[lo - 1];
    return { line: p.line, character: p.synthetic ? p.col : p.col + p.len };
  }
  if (p.synthetic) return { line: p.line, character: p.col };
  return { line: p.line, character: p.col + Math.min(Math.max(at - p.at, 0), p.len) };
}

/** Range in the original text of [s, e) of the joined text (an empty or inverted span gives an empty range at `s`). */
export function rangeIn(line: LogicalLine, s: number, e: number): Range {
  const a = toPosition(line, s);
  if (e <= s) return { start: a, end: a };
  const b = toPosition(line, e, true);
  return b.line > a.line || (b.line === a.line && b.character >= a.character) ? { start: a, end: b } : { start: a, end: a };
}

/** Position of the first `#` that starts a comment (at the start or after whitespace), or -1. */
function findComment(text: string, from: number): number {
  for (let i = text.indexOf('#', from); i >= 0; i = text.indexOf('#', i + 1)) {
    if (i === 0 || isSpace(text[i - 1])) return i;
  }
  return -1;
}

const ENV_VAR = /\$\{([A-Z0-9_]+)\}/g;

export function preprocess(text: string): Preprocessed {
  const index = new LineIndex(text);
  const bom = text.charCodeAt(0) === 0xfeff;
  const out: LogicalLine[] = [];
  let encoding: string | undefined;

  let pending: { pieces: Piece[]; parts: string[]; length: number; first: number } | undefined;
  const emit = (pieces: Piece[], joined: string, first: number, last: number) => {
    let commentAt = findComment(joined, 0);
    let end = joined.length;
    if (commentAt >= 0) {
      end = commentAt;
      while (end > 0 && isSpace(joined[end - 1])) end--;
    }
    let start = 0;
    while (start < end && isSpace(joined[start])) start++;
    while (end > start && isSpace(joined[end - 1])) end--;
    const envVars: EnvVar[] = [];
    const content = joined.slice(start, end);
    if (content.includes('${')) {
      ENV_VAR.lastIndex = 0;
      for (let m = ENV_VAR.exec(content); m; m = ENV_VAR.exec(content)) {
        envVars.push({ name: m[1], start: start + m.index, end: start + m.index + m[0].length });
      }
    }
    if (commentAt < 0) commentAt = -1;
    out.push({ text: joined, pieces, firstLine: first, lastLine: last, contentStart: start, contentEnd: end, commentAt, envVars });
  };

  for (let ln = 0; ln < index.lineCount; ln++) {
    const lineStart = index.lineStarts[ln];
    let s = lineStart;
    if (ln === 0 && bom) s = 1;
    const col = s - lineStart;
    const e = index.lineEnd(ln);
    const line = text.slice(s, e);
    if (ln < 2 && encoding === undefined && line.startsWith('#')) {
      const m = /coding[:=]\s*([-\w.]+)/.exec(line);
      if (m) encoding = m[1];
    }
    const isComment = /^\s*#/.test(line);
    if (!line.endsWith('\\') || isComment) {
      const piecesHere: Piece[] = [];
      let joinedHere = line;
      if (isComment) {
        // pip: `line = " " + line` so the comment is always matched later.
        piecesHere.push({ at: 0, line: ln, col, len: 1, synthetic: true }, { at: 1, line: ln, col, len: line.length });
        joinedHere = ' ' + line;
      } else {
        piecesHere.push({ at: 0, line: ln, col, len: line.length });
      }
      if (pending) {
        const base = pending.length;
        for (const p of piecesHere) pending.pieces.push({ ...p, at: p.at + base });
        pending.parts.push(joinedHere);
        emit(pending.pieces, pending.parts.join(''), pending.first, ln);
        pending = undefined;
      } else {
        emit(piecesHere, joinedHere, ln, ln);
      }
    } else {
      // line.strip("\\"): backslashes go from both ends.
      let a = 0;
      let b = line.length;
      while (a < b && line[a] === '\\') a++;
      while (b > a && line[b - 1] === '\\') b--;
      pending ??= { pieces: [], parts: [], length: 0, first: ln };
      pending.pieces.push({ at: pending.length, line: ln, col: col + a, len: b - a });
      pending.parts.push(line.slice(a, b));
      pending.length += b - a;
    }
  }
  if (pending) emit(pending.pieces, pending.parts.join(''), pending.first, index.lineCount - 1);
  return { index, lines: out, encoding, bom };
}

/**
 * Comments as pip sees them (`#` at the start of a line or after whitespace), with their text up to
 * the end of the physical line. A comment line that ends a backslash-joined line is reported too,
 * even when an earlier comment already swallowed it for pip.
 */
export function commentsOf(pre: Preprocessed): Comment[] {
  const out: Comment[] = [];
  const { index } = pre;
  const text = index.text;
  const push = (pos: Position) => {
    const orig = index.lineStarts[pos.line] + pos.character;
    const lineStart = index.lineStarts[pos.line] + (pos.line === 0 && pre.bom ? 1 : 0);
    out.push({ line: pos.line, character: pos.character, text: text.slice(orig + 1, index.lineEnd(pos.line)), wholeLine: text.slice(lineStart, orig).trim() === '' });
  };
  for (const line of pre.lines) {
    if (line.commentAt < 0) continue;
    const first = toPosition(line, line.commentAt);
    push(first);
    const last = line.pieces[line.pieces.length - 1];
    const synthetic = line.pieces.length > 1 && line.pieces[line.pieces.length - 2].synthetic;
    if (synthetic && last.line > first.line) {
      const hash = text.indexOf('#', index.lineStarts[last.line] + last.col);
      if (hash >= 0) {
        const at = index.positionAt(hash);
        if (at.line !== first.line) push(at);
      }
    }
  }
  return out;
}
