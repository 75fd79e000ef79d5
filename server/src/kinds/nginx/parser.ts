// nginx configuration parser with exact source positions. The tokenizer follows nginx's own
// ngx_conf_read_token (src/core/ngx_conf_file.c): only space, tab, CR, LF, `;` and `{` end an
// unquoted word; quotes and `#` are special only at the start of a token; `\` escapes the next
// character; `${var}` stays inside the word; after a closing quote only whitespace, `;`, `{` or `)`
// may follow. `*_by_lua_block` bodies are read as one verbatim token the way lua-nginx-module reads
// them (Lua strings, comments and long brackets may contain braces). Structure errors are collected
// with their exact offsets and parsing goes on, so the rest of the file is still analysed.
import type { Comment } from '../../engine/types';
import { LineIndex } from '../../engine/text';
import { MAX_ARGS, shorten } from './vocabulary';

export interface Token {
  /** The value nginx sees: quotes removed, `\"`, `\'`, `\\`, `\t`, `\r`, `\n` unescaped. */
  text: string;
  /** The source text, quotes included. */
  raw: string;
  /** Offsets of `raw` in the file. */
  start: number;
  end: number;
  quote?: '"' | "'";
}

export interface Directive {
  name: string;
  nameTok: Token;
  args: Token[];
  /** Offset of the name. */
  start: number;
  /** Offset just past the `;`, the closing `}`, or the last token when unterminated. */
  end: number;
  /** Offset of the terminating `;` (undefined for blocks and unterminated directives). */
  semicolon?: number;
  /** Children of a block directive (undefined for simple directives and Lua blocks). */
  children?: Directive[];
  /** Offset of the opening `{` of a block (Lua blocks included). */
  open?: number;
  /** Offset of the closing `}` (undefined when the block is not closed). */
  close?: number;
  /** The verbatim body of a `*_by_lua_block`. */
  lua?: Token;
  parent?: Directive;
  file: ParsedFile;
}

export interface ParseError {
  start: number;
  end: number;
  message: string;
}

export interface ParsedFile {
  path: string;
  text: string;
  index: LineIndex;
  directives: Directive[];
  errors: ParseError[];
  comments: Comment[];
}

const SPACE = new Set([' ', '\t', '\r', '\n']);

/** Space, tab, CR or LF (by char code: the tokenizer's hot loops compare codes, not strings). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** Applies nginx's unescaping (ngx_conf_read_token) to the content of a word or quoted string. */
export function unescape(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      const n = s[i + 1];
      if (n === '"' || n === "'" || n === '\\') {
        out += n;
        i++;
        continue;
      }
      if (n === 't' || n === 'r' || n === 'n') {
        out += n === 't' ? '\t' : n === 'r' ? '\r' : '\n';
        i++;
        continue;
      }
    }
    out += c;
  }
  return out;
}

type Event =
  | { type: 'directive'; args: Token[]; semicolon?: number; missingSemicolon?: boolean }
  | { type: 'block'; args: Token[]; open: number }
  | { type: 'close'; at: number }
  | { type: 'eof'; args: Token[]; unterminated?: boolean };

/** The tokenizer: one call returns the next directive, block start, block end or end of file. */
class Reader {
  pos = 0;
  constructor(
    private readonly text: string,
    private readonly errors: ParseError[],
    private readonly comments: Comment[],
  ) {}

  private error(start: number, end: number, message: string) {
    this.errors.push({ start, end, message });
  }

  private comment(at: number) {
    const t = this.text;
    let end = at;
    while (end < t.length && t[end] !== '\n' && t[end] !== '\r') end++;
    let k = at - 1;
    while (k >= 0 && (t[k] === ' ' || t[k] === '\t')) k--;
    const wholeLine = k < 0 || t[k] === '\n' || t[k] === '\r';
    let lineStart = at;
    while (lineStart > 0 && t[lineStart - 1] !== '\n' && t[lineStart - 1] !== '\r') lineStart--;
    this.comments.push({ line: -1, character: at - lineStart, text: t.slice(at + 1, end), wholeLine, offset: at } as Comment & { offset: number });
    this.pos = end;
  }

  next(): Event {
    const t = this.text;
    const args: Token[] = [];
    for (;;) {
      // Skip whitespace between tokens (nginx: last_space state).
      while (this.pos < t.length && isSpace(t.charCodeAt(this.pos))) this.pos++;
      if (this.pos >= t.length) return { type: 'eof', args };
      const start = this.pos;
      const ch = t[start];
      if (ch === ';' || ch === '{') {
        if (args.length === 0) {
          this.error(start, start + 1, `unexpected "${ch}": no directive before it`);
          this.pos++;
          continue;
        }
        this.pos++;
        return ch === '{' ? { type: 'block', args, open: start } : { type: 'directive', args, semicolon: start };
      }
      if (ch === '}') {
        if (args.length !== 0) return { type: 'directive', args, missingSemicolon: true };
        this.pos++;
        return { type: 'close', at: start };
      }
      if (ch === '#') {
        this.comment(start);
        continue;
      }
      if (ch === '"' || ch === "'") {
        let i = start + 1;
        while (i < t.length && t[i] !== ch) i += t[i] === '\\' ? 2 : 1;
        if (i >= t.length) {
          this.error(start, start + 1, `unterminated ${ch === '"' ? 'double' : 'single'}-quoted string`);
          const raw = t.slice(start);
          args.push({ text: unescape(raw.slice(1)), raw, start, end: t.length, quote: ch });
          this.pos = t.length;
          return { type: 'eof', args, unterminated: true };
        }
        const raw = t.slice(start, i + 1);
        args.push({ text: unescape(raw.slice(1, -1)), raw, start, end: i + 1, quote: ch });
        this.pos = i + 1;
        // need_space: only whitespace, `;`, `{` or `)` may follow a closing quote.
        const after = t[this.pos];
        if (after !== undefined && !SPACE.has(after) && after !== ';' && after !== '{' && after !== ')') {
          this.error(this.pos, this.pos + 1, `unexpected "${after}" after a quoted string: a space, ";" or "{" must follow`);
        }
        continue;
      }
      // An unquoted word (char codes: 92 backslash, 36 $, 123 {, 59 ;).
      let i = start;
      let variable = false;
      while (i < t.length) {
        const c = t.charCodeAt(i);
        if (i === start) {
          if (c === 92) {
            i += 2;
            continue;
          }
          variable = c === 36;
          i++;
          continue;
        }
        if (c === 123 && variable) {
          i++;
          continue;
        }
        variable = false;
        if (c === 92) {
          i += 2;
          continue;
        }
        if (c === 36) {
          variable = true;
          i++;
          continue;
        }
        if (isSpace(c) || c === 59 || c === 123) break;
        i++;
      }
      if (i > t.length) i = t.length;
      const raw = t.slice(start, i);
      args.push({ text: unescape(raw), raw, start, end: i });
      this.pos = i;
    }
  }

  /**
   * Reads a Lua block body after its `{` (lua-nginx-module's ngx_http_lua_conf_read_lua_token):
   * braces inside Lua strings, comments and long brackets do not count.
   */
  readLua(open: number): { body: Token; close?: number } {
    const t = this.text;
    let i = open + 1;
    let depth = 1;
    const longBracket = (at: number): number => {
      // `[` `=`* `[` at `at`: returns the level, or -1.
      if (t[at] !== '[') return -1;
      let j = at + 1;
      while (t[j] === '=') j++;
      return t[j] === '[' ? j - at - 1 : -1;
    };
    const skipLong = (at: number, level: number): number => {
      const close = ']' + '='.repeat(level) + ']';
      const k = t.indexOf(close, at + level + 2);
      return k < 0 ? t.length : k + close.length;
    };
    while (i < t.length) {
      const c = t[i];
      if (c === '-' && t[i + 1] === '-') {
        const level = longBracket(i + 2);
        if (level >= 0) {
          i = skipLong(i + 2, level);
        } else {
          while (i < t.length && t[i] !== '\n') i++;
        }
        continue;
      }
      if (c === '[') {
        const level = longBracket(i);
        if (level >= 0) {
          i = skipLong(i, level);
          continue;
        }
      }
      if (c === '"' || c === "'") {
        i++;
        while (i < t.length && t[i] !== c && t[i] !== '\n') i += t[i] === '\\' ? 2 : 1;
        i++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          const raw = t.slice(open + 1, i);
          this.pos = i + 1;
          return { body: { text: raw, raw, start: open + 1, end: i }, close: i };
        }
      }
      i++;
    }
    this.pos = t.length;
    const raw = t.slice(open + 1);
    return { body: { text: raw, raw, start: open + 1, end: t.length } };
  }
}

export function isLuaBlock(name: string): boolean {
  return name.endsWith('_by_lua_block');
}

/** Blocks whose entries are data (`key value;`), not directives. */
const DATA_BLOCKS = new Set(['map', 'geo', 'types', 'split_clients', 'charset_map', 'match']);

/**
 * Masks template syntax so a Jinja/envsubst template parses like the config it renders to:
 * `{{ … }}` becomes a run of `_`, `{% … %}` and `{# … #}` become spaces (line breaks kept, so
 * positions do not move).
 */
export function maskTemplate(text: string): string {
  if (text.indexOf('{{') < 0 && text.indexOf('{%') < 0 && text.indexOf('{#') < 0) return text;
  let out = '';
  let last = 0;
  let i = text.indexOf('{', 0);
  while (i >= 0 && i < text.length) {
    const n = text[i + 1];
    const closer = n === '{' ? '}}' : n === '%' ? '%}' : n === '#' ? '#}' : undefined;
    if (!closer) {
      i = text.indexOf('{', i + 1);
      continue;
    }
    const end = text.indexOf(closer, i + 2);
    if (end < 0) break;
    const span = text.slice(i, end + 2);
    const fill = n === '{' ? '_' : ' ';
    out += text.slice(last, i) + span.replace(/[^\r\n]/g, fill);
    last = end + 2;
    i = text.indexOf('{', last);
  }
  return out + text.slice(last);
}

export function parse(text: string, path = ''): ParsedFile {
  const errors: ParseError[] = [];
  const rawComments: (Comment & { offset: number })[] = [];
  const index = LineIndex.of(text);
  const file: ParsedFile = { path, text, index, directives: [], errors, comments: [] };
  const reader = new Reader(text, errors, rawComments as Comment[]);
  const top: Directive[] = file.directives;
  // Explicit stack of open blocks (no recursion: nesting depth is unbounded in hostile input).
  const stack: { block?: Directive; list: Directive[] }[] = [{ list: top }];
  const make = (args: Token[], parent?: Directive): Directive => {
    const nameTok = args[0];
    return { name: nameTok.text, nameTok, args: args.slice(1), start: nameTok.start, end: args[args.length - 1].end, parent, file };
  };
  for (;;) {
    const frame = stack[stack.length - 1];
    const ev = reader.next();
    if (ev.type === 'directive') {
      const d = make(ev.args, frame.block);
      if (ev.semicolon !== undefined) {
        d.semicolon = ev.semicolon;
        d.end = ev.semicolon + 1;
      } else if (ev.missingSemicolon) {
        const last = ev.args[ev.args.length - 1];
        errors.push({ start: last.start, end: last.end, message: `";" expected after "${shorten(last.raw)}": "${d.name}" is not terminated before "}"` });
      }
      pushSplit(frame.list, d, errors);
    } else if (ev.type === 'block') {
      const d = make(ev.args, frame.block);
      d.open = ev.open;
      d.end = ev.open + 1;
      frame.list.push(d);
      if (isLuaBlock(d.name)) {
        const { body, close } = reader.readLua(ev.open);
        d.lua = body;
        if (close === undefined) {
          errors.push({ start: ev.open, end: ev.open + 1, message: `the Lua block of "${d.name}" is not closed: "}" expected before the end of the file` });
          d.end = text.length;
        } else {
          d.close = close;
          d.end = close + 1;
        }
      } else {
        d.children = [];
        stack.push({ block: d, list: d.children });
      }
    } else if (ev.type === 'close') {
      if (frame.block) {
        frame.block.close = ev.at;
        frame.block.end = ev.at + 1;
        stack.pop();
      } else {
        errors.push({ start: ev.at, end: ev.at + 1, message: 'unexpected "}": no block is open here' });
      }
    } else {
      if (ev.args.length > 0) {
        const d = make(ev.args, frame.block);
        const last = ev.args[ev.args.length - 1];
        if (!ev.unterminated) errors.push({ start: last.start, end: last.end, message: `unexpected end of file: ";" expected after "${shorten(last.raw)}" to terminate "${d.name}"` });
        pushSplit(frame.list, d, errors);
      }
      for (let k = stack.length - 1; k >= 1; k--) {
        const b = stack[k].block!;
        errors.push({ start: b.open!, end: b.open! + 1, message: `the "${b.name}" block is not closed: "}" expected before the end of the file` });
        b.end = text.length;
      }
      break;
    }
  }
  for (const c of rawComments) {
    const p = index.positionAt(c.offset);
    file.comments.push({ line: p.line, character: p.character, text: c.text, wholeLine: c.wholeLine });
  }
  errors.sort((a, b) => a.start - b.start);
  return file;
}

/**
 * Adds a directive to its block, splitting it where a `;` is evidently missing: the directive has
 * more arguments than nginx accepts, and a later argument that starts a line is the name of a
 * known directive (`root /srv\n index index.html;`). nginx rejects such a file ("invalid number of
 * arguments"); we report the missing `;` where it belongs and read the rest as its own directive.
 */
function pushSplit(list: Directive[], d: Directive, errors: ParseError[]): void {
  const parentName = d.parent?.name;
  let cur = d;
  for (let guard = 0; guard < 10000; guard++) {
    const max = MAX_ARGS[cur.name];
    if (max === undefined || cur.args.length <= max || (parentName !== undefined && DATA_BLOCKS.has(parentName)) || cur.nameTok.quote) break;
    const text = cur.file.text;
    let split = -1;
    for (let i = 1; i < cur.args.length; i++) {
      const a = cur.args[i];
      if (a.quote || MAX_ARGS[a.text] === undefined) continue;
      let k = a.start - 1;
      while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
      if (k < cur.args[i - 1].end || (text[k] !== '\n' && text[k] !== '\r')) continue;
      split = i;
      break;
    }
    if (split < 0) break;
    const prevEnd = cur.args[split - 1].end;
    errors.push({ start: cur.args[split - 1].start, end: prevEnd, message: `";" expected after "${shorten(cur.args[split - 1].raw)}": "${shorten(cur.args[split].text)}" on the next line is read as another argument of "${cur.name}"` });
    const restArgs = cur.args.slice(split);
    const rest: Directive = {
      name: restArgs[0].text,
      nameTok: restArgs[0],
      args: restArgs.slice(1),
      start: restArgs[0].start,
      end: cur.end,
      semicolon: cur.semicolon,
      parent: cur.parent,
      file: cur.file,
    };
    cur.args = cur.args.slice(0, split);
    cur.end = prevEnd;
    cur.semicolon = undefined;
    list.push(cur);
    cur = rest;
  }
  list.push(cur);
}

/** Comments of a text in nginx syntax (a `#` inside quotes or inside a word is not a comment). */
export function comments(text: string): Comment[] {
  return parse(text).comments;
}

/** Every directive of a file, depth-first in source order. */
export function* walk(list: Directive[]): Generator<Directive> {
  const stack: { list: Directive[]; i: number }[] = [{ list, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.i >= top.list.length) {
      stack.pop();
      continue;
    }
    const d = top.list[top.i++];
    yield d;
    if (d.children) stack.push({ list: d.children, i: 0 });
  }
}
