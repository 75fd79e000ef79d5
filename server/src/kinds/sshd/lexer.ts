// The sshd_config tokenizer, written after OpenSSH's own: servconf.c reads the file line by line
// (lines end at "\n" only; leading " \t\r" and trailing " \t\r\n\f" are stripped), takes the keyword
// with misc.c strdelim() (whitespace, one optional "=", a double-quoted keyword is unquoted) and
// splits the rest with misc.c argv_split() (single and double quotes, backslash escapes, a "#" at the
// start of a word ends the line). Every token keeps its exact source offsets.
import { LineIndex } from '../../engine/text';
import type { Comment } from '../../engine/types';

export interface Token {
  /** The argument after unquoting and unescaping, as sshd sees it. */
  text: string;
  /** Offsets of the token as written (quotes included). */
  start: number;
  end: number;
}

export interface Directive {
  file: string;
  /** 0-based line. */
  line: number;
  /** The keyword as sshd reads it (quotes removed), original case. */
  keyword: string;
  /** Lowercased keyword. */
  key: string;
  keywordStart: number;
  keywordEnd: number;
  args: Token[];
  /** Offset where the text after the keyword separator starts (sshd's `str`), and where the line's content ends. */
  restStart: number;
  contentEnd: number;
  /** Offsets of the whole line, including its line break (for deleting it). */
  lineStart: number;
  lineBreakEnd: number;
  /** Width of the line's indentation in characters. */
  indent: number;
  /** Set when sshd rejects the line's quoting (the arguments are what could be read). */
  badQuotes?: boolean;
}

export interface LexProblem {
  message: string;
  start: number;
  end: number;
  /** sshd refuses to start (error) or silently ignores the line (warning). */
  severity: 'error' | 'warning';
}

export interface LexedFile {
  file: string;
  text: string;
  index: LineIndex;
  directives: Directive[];
  comments: Comment[];
  problems: LexProblem[];
}

const WS = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** strdelim(): the next token of `s` from `i` (bounded by `end`), or null when a quote is unbalanced. */
function strdelim(s: string, i: number, end: number): { text: string; start: number; end: number; next: number | null } | null {
  let j = i;
  while (j < end && !WS(s[j]) && s[j] !== '"' && s[j] !== '=') j++;
  if (j >= end) return { text: s.slice(i, end), start: i, end, next: null };
  if (s[j] === '"') {
    const k = s.indexOf('"', j + 1);
    if (k < 0 || k >= end) return null;
    let next = k + 1;
    while (next < end && WS(s[next])) next++;
    return { text: s.slice(i, j) + s.slice(j + 1, k), start: i, end: k + 1, next };
  }
  const wspace = s[j] === '=';
  let next = j + 1;
  while (next < end && WS(s[next])) next++;
  if (!wspace && next < end && s[next] === '=') {
    next++;
    while (next < end && WS(s[next])) next++;
  }
  return { text: s.slice(i, j), start: i, end: j, next };
}

/**
 * The words strdelim() yields one after the other over [i, end), as match_cfg_line reads a Match
 * line: an empty word where "=" follows a separator ("User ==x" gives "User", "", "x"). Null when a
 * quote is unbalanced.
 */
export function strdelimWords(s: string, i: number, end: number): Token[] | null {
  const out: Token[] = [];
  for (let at: number | null = i; at !== null && at < end; ) {
    const w = strdelim(s, at, end);
    if (!w) return null;
    out.push({ text: w.text, start: w.start, end: w.end });
    at = w.next;
  }
  return out;
}

/** argv_split(s, terminate_on_comment=1) over [i, end). */
function argvSplit(s: string, i: number, end: number): { args: Token[]; comment?: number; badQuote?: number } {
  const args: Token[] = [];
  while (i < end) {
    const c = s[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') return { args, comment: i };
    const start = i;
    let quote = '';
    let text = '';
    for (; i < end; i++) {
      const ch = s[i];
      if (ch === '\\') {
        const n = s[i + 1];
        if (i + 1 < end && (n === "'" || n === '"' || n === '\\' || (quote === '' && n === ' '))) {
          i++;
          text += n;
        } else {
          text += ch;
        }
      } else if (quote === '' && (ch === ' ' || ch === '\t')) {
        break;
      } else if (quote === '' && (ch === '"' || ch === "'")) {
        quote = ch;
      } else if (quote !== '' && ch === quote) {
        quote = '';
      } else {
        text += ch;
      }
    }
    if (i >= end && quote !== '') return { args, badQuote: start };
    args.push({ text, start, end: i });
  }
  return { args };
}

/** Tokenizes one sshd_config file. Linear in the size of the text; never throws. */
export function lexSshd(file: string, text: string): LexedFile {
  const index = LineIndex.of(text);
  const directives: Directive[] = [];
  const comments: Comment[] = [];
  const problems: LexProblem[] = [];
  const pushComment = (at: number, contentEnd: number, wholeLine: boolean) => {
    const pos = index.positionAt(at);
    comments.push({ line: pos.line, character: pos.character, text: text.slice(at + 1, contentEnd), wholeLine });
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    const lineBreakEnd = nl < 0 ? text.length : nl + 1;
    let p = lineStart;
    while (p < lineEnd && (text[p] === ' ' || text[p] === '\t' || text[p] === '\r')) p++;
    let e = lineEnd;
    while (e - 1 > p && ' \t\r\n\f'.includes(text[e - 1])) e--;
    if (p < e) lexLine(p, e);
    if (nl < 0) break;
    lineStart = lineBreakEnd;

    function lexLine(p: number, e: number) {
      let kw = strdelim(text, p, e);
      if (kw && kw.text === '' && kw.next !== null) kw = strdelim(text, kw.next, e);
      if (!kw) {
        problems.push({
          message: 'unbalanced quote in the keyword: sshd silently ignores this line',
          start: p,
          end: e,
          severity: 'warning',
        });
        return;
      }
      if (kw.text === '') return;
      if (kw.text.startsWith('#')) {
        pushComment(kw.start, e, text.slice(lineStart, kw.start).trim() === '');
        return;
      }
      const restStart = kw.next ?? e;
      const line = index.positionAt(p).line;
      const d: Directive = {
        file,
        line,
        keyword: kw.text,
        key: kw.text.toLowerCase(),
        keywordStart: kw.start,
        keywordEnd: kw.end,
        args: [],
        restStart,
        contentEnd: e,
        lineStart,
        lineBreakEnd,
        indent: p - lineStart,
      };
      if (kw.next === null || restStart >= e) {
        problems.push({ message: `no argument after keyword "${kw.text}"`, start: kw.start, end: kw.end, severity: 'error' });
        return;
      }
      const split = argvSplit(text, restStart, e);
      if (split.comment !== undefined) pushComment(split.comment, e, false);
      if (split.badQuote !== undefined) {
        problems.push({ message: 'unbalanced quotes: sshd refuses this line ("invalid quotes")', start: split.badQuote, end: e, severity: 'error' });
        d.args = split.args;
        d.badQuotes = true;
        directives.push(d);
        return;
      }
      d.args = split.args;
      directives.push(d);
    }
  }
  return { file, text, index, directives, comments, problems };
}

/** Comments of an sshd_config text (for suppressions). */
export function sshdComments(text: string): Comment[] {
  return lexSshd('', text).comments;
}
