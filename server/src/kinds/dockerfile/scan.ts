// Linear-time string scanners for the places where a regular expression would backtrack on long
// adversarial input (a long run of `#`, `[`, blanks or token characters). Each says which regex it
// stands for; the semantics are those of that regex (JavaScript `\s`, `\b`, `.`), scanned once.

/** JavaScript's `\s` (WhiteSpace and LineTerminator). */
export function isSpace(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code > 127 && /\s/.test(c);
}

/** A line terminator (what `.` does not match and what `^`/`$` see in multiline mode). */
export function isLineTerminator(c: string | undefined): boolean {
  return c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
}

/** `\w`: `[A-Za-z0-9_]`. */
export function isWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** `[A-Za-z0-9_-]`, the alphabet of most API tokens. */
function isTokenChar(c: string | undefined): boolean {
  return c === '-' || isWordChar(c);
}

/** End of the run of `\s` starting at `i`. */
export function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s[i])) i++;
  return i;
}

/** `s.replace(/[<chars>].*$/, '')`: cuts at the first of `chars` after the last line terminator. */
export function cutAtFirstOf(s: string, chars: string): string {
  let from = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    if (isLineTerminator(s[i])) {
      from = i + 1;
      break;
    }
  }
  for (let i = from; i < s.length; i++) if (chars.includes(s[i])) return s.slice(0, i);
  return s;
}

/** `s.replace(/<c>+$/, '')`. */
export function trimTrailing(s: string, c: string): string {
  let e = s.length;
  while (e > 0 && s[e - 1] === c) e--;
  return s.slice(0, e);
}

/** The lines of `s` (split at every line terminator) with their offsets. */
export function* linesOf(s: string): Generator<{ text: string; start: number }> {
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (isLineTerminator(s[i])) {
      yield { text: s.slice(start, i), start };
      start = i + 1;
    }
  }
  yield { text: s.slice(start), start };
}

/**
 * Every `[…trusted=yes…]` (an apt source option list) in `s`, as the global regex
 * `/\[[^\]]*trusted=yes[^\]]*\]/g` finds them: [start, end) pairs.
 */
export function trustedYesSpans(s: string): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  let t = -2;
  while (i < s.length) {
    const open = s.indexOf('[', i);
    if (open < 0) break;
    const close = s.indexOf(']', open + 1);
    if (close < 0) break;
    // The leftmost `[` before this `]` gives the widest candidate; a later one cannot do better.
    if (t !== -1 && t < open + 1) t = s.indexOf('trusted=yes', open + 1);
    if (t >= 0 && t + 'trusted=yes'.length <= close) out.push([open, close + 1]);
    i = close + 1;
  }
  return out;
}

/** `/^\s*gpgcheck\s*=\s*0\b/` on one line: the match length, or -1. */
export function gpgcheckOffMatch(line: string): number {
  let i = skipSpace(line, 0);
  if (!line.startsWith('gpgcheck', i)) return -1;
  i = skipSpace(line, i + 8);
  if (line[i] !== '=') return -1;
  i = skipSpace(line, i + 1);
  if (line[i] !== '0' || isWordChar(line[i + 1])) return -1;
  return i + 1;
}

/** The URL of `/\bdeb(-src)?\s+(\[[^\]]*\]\s+)?(http:\/\/\S+)/.exec(s)?.[3]`. */
export function debSourceHttpUrl(s: string): string | undefined {
  // Memo of the last `]` found (and the blanks after it): candidates share them.
  let closeFrom = -1;
  let close = -1;
  let afterClose = -1;
  for (let p = s.indexOf('deb'); p >= 0; p = s.indexOf('deb', p + 1)) {
    if (p > 0 && isWordChar(s[p - 1])) continue;
    let i = p + 3;
    if (s.startsWith('-src', i)) i += 4;
    const ws = skipSpace(s, i);
    if (ws === i) continue;
    i = ws;
    if (s[i] === '[') {
      if (!(closeFrom >= 0 && closeFrom <= i + 1 && (close < 0 || close >= i + 1))) {
        closeFrom = i + 1;
        close = s.indexOf(']', i + 1);
        afterClose = close < 0 ? -1 : skipSpace(s, close + 1);
      }
      if (close < 0 || afterClose === close + 1) continue;
      i = afterClose;
    }
    if (!s.startsWith('http://', i)) continue;
    let e = i + 7;
    while (e < s.length && !isSpace(s[e])) e++;
    if (e > i + 7) return s.slice(i, e);
  }
  return undefined;
}

/** `/\[([^\]]+)\]$/.exec(s)?.[1]`: the text of a final `[…]` (pip extras). */
export function trailingBracketText(s: string): string | undefined {
  if (!s.endsWith(']')) return undefined;
  const prev = s.length >= 2 ? s.lastIndexOf(']', s.length - 2) : -1;
  const open = s.indexOf('[', prev + 1);
  if (open < 0 || open > s.length - 3) return undefined;
  return s.slice(open + 1, -1);
}

/**
 * OpenAI API keys: `/\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/g`.
 * A match runs to the end of its token run, so each run is decided by its first `sk-`.
 */
export function openAiKeySpans(s: string): [number, number][] {
  const out: [number, number][] = [];
  let doneUntil = 0;
  let runEnd = -1;
  let marker = -2;
  for (let k = s.indexOf('sk-'); k >= 0; k = s.indexOf('sk-', k + 1)) {
    if (k < doneUntil || (k > 0 && isWordChar(s[k - 1]))) continue;
    if (k >= runEnd) {
      runEnd = k;
      while (runEnd < s.length && isTokenChar(s[runEnd])) runEnd++;
    }
    if (marker !== -1 && marker < k + 23) marker = s.indexOf('T3BlbkFJ', k + 23);
    if (marker >= 0 && marker + 8 + 20 <= runEnd) out.push([k, runEnd]);
    doneUntil = runEnd;
  }
  return out;
}

/** JSON Web Tokens: `/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g`. */
export function jwtSpans(s: string): [number, number][] {
  const out: [number, number][] = [];
  const runEndFrom = (i: number) => {
    while (i < s.length && isTokenChar(s[i])) i++;
    return i;
  };
  let doneUntil = 0;
  let e1 = -1;
  for (let k = s.indexOf('eyJ'); k >= 0; k = s.indexOf('eyJ', k + 1)) {
    if (k < doneUntil || (k > 0 && isWordChar(s[k - 1]))) continue;
    if (k >= e1) e1 = runEndFrom(k);
    // Every later candidate of this token run ends at the same place: decide them all at once.
    doneUntil = e1;
    if (e1 - k < 11 || s[e1] !== '.' || !s.startsWith('eyJ', e1 + 1)) continue;
    const e2 = runEndFrom(e1 + 1);
    if (e2 - (e1 + 1) < 11 || s[e2] !== '.') continue;
    const e3 = runEndFrom(e2 + 1);
    if (e3 - (e2 + 1) < 8) continue;
    out.push([k, e3]);
    doneUntil = e3;
  }
  return out;
}

function isSchemeChar(c: string | undefined): boolean {
  return c === '+' || c === '.' || c === '-' || (isWordChar(c) && c !== '_');
}

function isLetter(c: string | undefined): boolean {
  return isWordChar(c) && c !== '_' && !(c! >= '0' && c! <= '9');
}

/**
 * Passwords in URLs, as `/\b[a-zA-Z][a-zA-Z0-9+.-]{0,20}:\/\/[^\s:@/'"]{1,200}:([^\s@/'"]{1,200})@/g`
 * finds them: the password's [start, end) and the match end.
 */
export function urlPasswordSpans(s: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let lastEnd = 0;
  for (let c = s.indexOf('://'); c >= 0; c = s.indexOf('://', c + 1)) {
    // The scheme: the leftmost word start within the 21 scheme characters before `://`.
    let lo = c;
    while (lo > lastEnd && lo > c - 21 && isSchemeChar(s[lo - 1])) lo--;
    let p = -1;
    for (let q = lo; q < c; q++) {
      if (isLetter(s[q]) && (q === 0 || !isWordChar(s[q - 1]))) {
        p = q;
        break;
      }
    }
    if (p < 0) continue;
    let i = c + 3;
    const userEnd = runEnd(s, i, 200, ':@/\'"', true);
    if (userEnd === i || s[userEnd] !== ':') continue;
    i = userEnd + 1;
    const pwEnd = runEnd(s, i, 200, '@/\'"', true);
    if (pwEnd === i || s[pwEnd] !== '@') continue;
    out.push({ start: i, end: pwEnd });
    lastEnd = pwEnd + 1;
  }
  return out;
}

/** End of the run from `i` of characters not in `stop` (nor blanks when `stopAtSpace`), or -1 past `max`. */
function runEnd(s: string, i: number, max: number, stop: string, stopAtSpace: boolean): number {
  const start = i;
  while (i < s.length && !stop.includes(s[i]) && !(stopAtSpace && isSpace(s[i]))) {
    i++;
    if (i - start > max) return -1;
  }
  return i;
}
