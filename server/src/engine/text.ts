// Offsets, positions and ranges over a text, shared by every parser.
import type { Position, Range } from './types';

/** Maps between string offsets and line/character positions. Line breaks: \n, \r\n, \r. */
export class LineIndex {
  /** Offset at which each line starts. */
  readonly lineStarts: number[];

  private static readonly recent = new Map<string, LineIndex>();

  /**
   * The index of a text, shared: the parser, the engine and the suppressions of one analysis all ask
   * for the index of the same text (kept for the last few texts; treat it as immutable).
   */
  static of(text: string): LineIndex {
    if (text.length < 4096) return new LineIndex(text);
    const recent = LineIndex.recent;
    let index = recent.get(text);
    if (index) {
      recent.delete(text);
    } else {
      index = new LineIndex(text);
      if (recent.size >= 8) recent.delete(recent.keys().next().value as string);
    }
    recent.set(text, index);
    return index;
  }

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.lineStarts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** Offset just past the line's content (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 < this.lineStarts.length) {
      let end = this.lineStarts[line + 1];
      if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
      if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
      return end;
    }
    return this.text.length;
  }

  /** Offset where the next line begins (after the line break), or the end of the text. */
  lineBreakEnd(line: number): number {
    return line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  /** Range covering a whole line's content. */
  lineRange(line: number): Range {
    return this.range(this.lineStarts[line], this.lineEnd(line));
  }

  private eolCache?: string;

  /** The line break this text mostly uses, for inserted lines (looked up once per text). */
  get eol(): string {
    if (this.eolCache === undefined) {
      const t = this.text;
      this.eolCache = t.indexOf('\r\n') >= 0 ? '\r\n' : t.indexOf('\n') >= 0 ? '\n' : t.indexOf('\r') >= 0 ? '\r' : '\n';
    }
    return this.eolCache;
  }
}

export function pos(line: number, character: number): Position {
  return { line, character };
}

export function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

/** `line:character-line:character`: a range as a key (finding identities, digests). */
export function rangeKey(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

/** Applies non-overlapping edits (given against the original text) and returns the new text. */
export function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const index = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let last = 0;
  for (const e of sorted) {
    if (e.start < last) throw new Error('overlapping edits');
    out += text.slice(last, e.start) + e.newText;
    last = e.end;
  }
  return out + text.slice(last);
}
