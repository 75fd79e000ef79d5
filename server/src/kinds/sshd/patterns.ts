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

/**
 * An IPv4 address as getaddrinfo(AI_NUMERICHOST) reads it on glibc (inet_aton): one to four parts,
 * each decimal, octal (leading 0) or hexadecimal (0x); the last part fills the remaining bytes, so
 * "10.1" is 10.0.0.1.
 */
function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length > 4) return undefined;
  const values: number[] = [];
  for (const p of parts) {
    let v: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(p)) v = p.length > 2 ? parseInt(p.slice(2), 16) : 0;
    else if (/^0[0-7]*$/.test(p)) v = parseInt(p, 8);
    else if (/^[1-9][0-9]*$/.test(p)) v = Number(p);
    else return undefined;
    if (p.length > 12) return undefined;
    values.push(v);
  }
  const last = values.pop()!;
  if (values.some((v) => v > 255) || last >= 2 ** (8 * (4 - values.length))) return undefined;
  const out = [...values];
  for (let i = 4 - values.length - 1; i >= 0; i--) out.push(Math.floor(last / 2 ** (8 * i)) % 256);
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
  // A scope id ("fe80::1%eth0") is part of the address for getaddrinfo; it does not change the bytes.
  const percent = s.indexOf('%');
  const v6 = parseIPv6(percent < 0 ? s : s.slice(0, percent));
  return v6 && (percent < 0 || percent < s.length - 1) ? { v6: true, bytes: v6 } : undefined;
}

/**
 * addr_pton_cidr(): the network of "address[/bits]", -1 when the entry is not one (sshd then matches
 * it as a wildcard pattern), -2 when the mask does not fit the address or host bits are set.
 */
function ptonCidr(s: string): Cidr | -1 | -2 {
  if (s.length >= 64) return -1; // strlcpy into a 64-byte buffer fails
  const slash = s.indexOf('/');
  let bits: number | undefined;
  if (slash >= 0) {
    const m = s.slice(slash + 1);
    if (!/^[0-9]+$/.test(m)) return -1; // strtoul must start with a digit and take the rest
    bits = Number(m);
    if (bits > 128) return -1;
  }
  const addr = parseAddr(slash < 0 ? s : s.slice(0, slash));
  if (!addr) return -1;
  const max = addr.v6 ? 128 : 32;
  bits ??= max;
  if (bits > max) return -2; // masklen_valid
  // addr_host_is_all0s: a network address with host bits set is refused.
  for (let i = 0; i < addr.bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    const mask = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    if ((addr.bytes[i] & ~mask & 0xff) !== 0) return -2;
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
 * addr_match_list() (addrmatch.c): 1 match, -1 negated match, 0 no match, -2 invalid list. An entry
 * is an address or CIDR network, else a wildcard pattern matched against the address text; only
 * empty entries and networks whose mask does not fit are invalid. With `addr` undefined only the
 * syntax is checked (0 or -2), as sshd does at startup.
 */
export function addrMatchList(addr: string | undefined, list: string): 1 | 0 | -1 | -2 {
  const a = addr === undefined ? undefined : parseAddr(addr);
  if (addr !== undefined && !a) return 0;
  let ret: 1 | 0 | -1 = 0;
  for (const raw of list.split(',')) {
    const negated = raw.startsWith('!');
    const cp = negated ? raw.slice(1) : raw;
    if (cp === '') return -2;
    const net = ptonCidr(cp);
    if (net === -2) return -2;
    const found = net === -1 ? addr !== undefined && matchPattern(addr, cp) : a !== undefined && inCidr(a, net);
    if (found) {
      if (negated) {
        ret = -1;
        break;
      }
      ret = 1;
    }
  }
  return ret;
}

/** match_filter_allowlist(): names of `proposal` (in its order) the pattern list `filter` matches. */
export function filterAllow(proposal: string[], filter: string[]): string[] {
  const list = filter.join(',');
  return proposal.filter((name) => matchPatternList(name, list) === 1);
}

/** match_filter_denylist(): names of `proposal` the pattern list `filter` does not match (a negated match keeps a name). */
export function filterDeny(proposal: string[], filter: string[]): string[] {
  const list = filter.join(',');
  return proposal.filter((name) => matchPatternList(name, list) !== 1);
}
