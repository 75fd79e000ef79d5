// Python's `shlex.split(s)` (POSIX mode, no comments), as pip applies it to the options part of a
// requirements line, with the source offset of every character of every token.

export interface ShToken {
  /** The token after quote removal and escapes. */
  value: string;
  /** Offsets (relative to the split string's origin) of the raw token: [start, end). */
  start: number;
  end: number;
  /** Source offset of each character of `value` (length value.length). */
  map: number[];
}

export interface ShResult {
  tokens: ShToken[];
  /** "No closing quotation" / "No escaped character", with the offset it refers to. */
  error?: { message: string; at: number };
}

const WHITESPACE = ' \t\r\n';

/** Splits `s` (which starts at offset `origin` in its line) like shlex.split. */
export function shlexSplit(s: string, origin = 0): ShResult {
  const tokens: ShToken[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && WHITESPACE.includes(s[i])) i++;
    if (i >= n) break;
    const start = i;
    let value = '';
    const map: number[] = [];
    while (i < n && !WHITESPACE.includes(s[i])) {
      const c = s[i];
      if (c === '\\') {
        if (i + 1 >= n) return { tokens, error: { message: 'No escaped character', at: origin + i } };
        value += s[i + 1];
        map.push(origin + i + 1);
        i += 2;
      } else if (c === "'") {
        const close = s.indexOf("'", i + 1);
        if (close < 0) return { tokens, error: { message: 'No closing quotation', at: origin + i } };
        for (let k = i + 1; k < close; k++) {
          value += s[k];
          map.push(origin + k);
        }
        i = close + 1;
      } else if (c === '"') {
        let k = i + 1;
        for (;;) {
          if (k >= n) return { tokens, error: { message: 'No closing quotation', at: origin + i } };
          const d = s[k];
          if (d === '"') break;
          if (d === '\\') {
            if (k + 1 >= n) return { tokens, error: { message: 'No closing quotation', at: origin + i } };
            const e = s[k + 1];
            if (e !== '"' && e !== '\\') {
              value += '\\';
              map.push(origin + k);
            }
            value += e;
            map.push(origin + k + 1);
            k += 2;
            continue;
          }
          value += d;
          map.push(origin + k);
          k++;
        }
        i = k + 1;
      } else {
        value += c;
        map.push(origin + i);
        i++;
      }
    }
    tokens.push({ value, start: origin + start, end: origin + i, map });
  }
  return { tokens };
}

/** Source offset of position `k` (0..value.length) of a token's value. */
export function tokenOffset(t: ShToken, k: number): number {
  if (t.map.length === 0) return t.start;
  if (k >= t.map.length) return t.map[t.map.length - 1] + 1;
  return t.map[Math.max(0, k)];
}
