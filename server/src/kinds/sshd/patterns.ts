// OpenSSH pattern matching (match.c, addrmatch.c): `*`/`?` wildcards, comma-separated pattern
// lists with `!` negation, CIDR address lists, and the allow/deny list filters used to resolve
// algorithm lists. The wildcard matcher is the classic two-pointer one: O(n·m), no backtracking blowup.

/** match_pattern(): `*` matches any run, `?` one character; the whole string must match. */
export function matchPattern(s: string, pattern: string): boolean {
  let si = 0;
  let pi = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (pi < pattern.length && (pattern[pi] === '?' || pattern[pi] === s[si])) {
      si++;
      pi++;
    } else if (pi < pattern.length && pattern[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < pattern.length && pattern[pi] === '*') pi++;
  return pi === pattern.length;
}

/** match_pattern_list(): 1 when a positive pattern matches, -1 when a negated one does, 0 otherwise. */
export function matchPatternList(s: string, list: string, lower = false): 1 | 0 | -1 {
  const subject = lower ? s.toLowerCase() : s;
  let got: 1 | 0 = 0;
  for (const raw of list.split(',')) {
    const negated = raw.startsWith('!');
    let p = negated ? raw.slice(1) : raw;
    if (lower) p = p.toLowerCase();
    if (matchPattern(subject, p)) {
      if (negated) return -1;
      got = 1;
    }
  }
  return got;
}

/** True when a pattern list contains no positive pattern: it can never return 1. */
export function onlyNegated(list: string): boolean {
  return list.split(',').every((p) => p.startsWith('!'));
}

interface Cidr {
  v6: boolean;
  bytes: number[];
  bits: number;
}

function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseIPv6(s: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.length > 45) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const toWords = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    const groups = h.split(':');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      if (i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIPv4(g);
        if (!v4) return undefined;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
        out.push(parseInt(g, 16));
      }
    }
    return out;
  };
  const head = toWords(halves[0]);
  const tail = halves.length === 2 ? toWords(halves[1]) : [];
  if (!head || !tail) return undefined;
  let words: number[];
  if (halves.length === 2) {
    if (head.length + tail.length > 7) return undefined;
    words = [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    words = head;
  }
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

function parseAddr(s: string): { v6: boolean; bytes: number[] } | undefined {
  const v4 = parseIPv4(s);
  if (v4) return { v6: false, bytes: v4 };
  const v6 = parseIPv6(s);
  return v6 ? { v6: true, bytes: v6 } : undefined;
}

function parseCidr(s: string): Cidr | undefined {
  const slash = s.indexOf('/');
  const addr = parseAddr(slash < 0 ? s : s.slice(0, slash));
  if (!addr) return undefined;
  const max = addr.v6 ? 128 : 32;
  let bits = max;
  if (slash >= 0) {
    const b = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(b)) return undefined;
    bits = Number(b);
    if (bits > max) return undefined;
  }
  // addrmatch.c rejects a network address with host bits set.
  for (let i = 0; i < addr.bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    const mask = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    if ((addr.bytes[i] & ~mask & 0xff) !== 0) return undefined;
  }
  return { ...addr, bits };
}

function inCidr(addr: { v6: boolean; bytes: number[] }, net: Cidr): boolean {
  if (addr.v6 !== net.v6) return false;
  for (let i = 0; i < addr.bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, net.bits - i * 8));
    const mask = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    if ((addr.bytes[i] & mask) !== (net.bytes[i] & mask)) return false;
  }
  return true;
}

/**
 * addr_match_list(): 1 match, -1 negated match, 0 no match, -2 invalid list. With `addr` undefined
 * only the syntax is checked (0 or -2). Entries with wildcards are matched as text patterns.
 */
export function addrMatchList(addr: string | undefined, list: string): 1 | 0 | -1 | -2 {
  const a = addr === undefined ? undefined : parseAddr(addr);
  let ret: 1 | 0 = 0;
  for (const raw of list.split(',')) {
    if (raw === '') return -2;
    const negated = raw.startsWith('!');
    const cp = negated ? raw.slice(1) : raw;
    if (cp.length > 49) return -2;
    if (/[*?]/.test(cp)) {
      if (addr !== undefined && matchPattern(addr, cp)) {
        if (negated) return -1;
        ret = 1;
      }
      continue;
    }
    const net = parseCidr(cp);
    if (!net) return -2;
    if (a && inCidr(a, net)) {
      if (negated) return -1;
      ret = 1;
    }
  }
  return ret;
}

/** match_filter_allowlist(): names of `proposal` (in its order) matching a pattern of `filter`. */
export function filterAllow(proposal: string[], filter: string[]): string[] {
  return proposal.filter((name) => filter.some((p) => matchPattern(name, p)));
}

/** match_filter_denylist(): names of `proposal` matching none of `filter`. */
export function filterDeny(proposal: string[], filter: string[]): string[] {
  return proposal.filter((name) => !filter.some((p) => matchPattern(name, p)));
}
