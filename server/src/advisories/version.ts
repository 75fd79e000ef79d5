// PEP 440 versions for advisory matching, on top of @renovatebot/pep440 (its parser, packaging's
// ordering). A version string is parsed once into a sort key; strings that are not PEP 440 (real
// advisory data has `2.9.0-NA`, `0.1-bulbasaur`, `trunk`, …) come back as undefined and callers
// skip them instead of crashing.
import { parse as pepParse } from '@renovatebot/pep440';

type KeyPart = number | string | KeyPart[];

export interface Version {
  /** The string as written. */
  raw: string;
  epoch: number;
  release: number[];
  /** `['a' | 'b' | 'rc', n]` or null. */
  pre: [string, number] | null;
  post: number | null;
  dev: number | null;
  local: (string | number)[] | null;
  /** True for pre-releases and dev releases (PEP 440 "pre-release"). */
  isPrerelease: boolean;
  /** Comparison key (packaging's `_cmpkey`). */
  key: KeyPart[];
  /** Canonical form: equal strings exactly when the versions are equal under PEP 440. */
  canonical: string;
}

const cache = new Map<string, Version | null>();
const CACHE_LIMIT = 200_000;

/** Parses a PEP 440 version (memoised), or undefined when the string is not one. */
export function parseVersion(raw: string): Version | undefined {
  if (typeof raw !== 'string') return undefined;
  const hit = cache.get(raw);
  if (hit !== undefined) return hit ?? undefined;
  const v = build(raw);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(raw, v ?? null);
  return v;
}

export function isValidVersion(raw: string): boolean {
  return parseVersion(raw) !== undefined;
}

function build(raw: string): Version | undefined {
  const s = raw.trim();
  if (s === '' || s.length > 256) return undefined;
  let p: ReturnType<typeof pepParse>;
  try {
    p = pepParse(s);
  } catch {
    return undefined;
  }
  if (!p) return undefined;
  const pre = p.pre ? ([String(p.pre[0]), Number(p.pre[1])] as [string, number]) : null;
  const post = p.post ? Number(p.post[1]) : null;
  const dev = p.dev ? Number(p.dev[1]) : null;
  const local = p.local ? (p.local as unknown as (string | number)[]) : null;
  const release = p.release.slice();
  const trimmed = release.slice();
  while (trimmed.length > 1 && trimmed[trimmed.length - 1] === 0) trimmed.pop();

  // packaging's _cmpkey, with ±Infinity standing in for its Infinity objects.
  const relKey = release.slice();
  while (relKey.length && relKey[relKey.length - 1] === 0) relKey.pop();
  let preKey: KeyPart;
  if (!pre && post === null && dev !== null) preKey = -Infinity;
  else if (!pre) preKey = Infinity;
  else preKey = [pre[0], pre[1]];
  const postKey: KeyPart = post === null ? -Infinity : ['post', post];
  const devKey: KeyPart = dev === null ? Infinity : ['dev', dev];
  const localKey: KeyPart = local === null ? -Infinity : local.map((x) => (typeof x === 'number' ? [x, ''] : [-Infinity, x]));
  const key: KeyPart[] = [p.epoch, relKey, preKey, postKey, devKey, localKey];

  const canonical =
    `${p.epoch}!${trimmed.join('.')}` +
    (pre ? `${pre[0]}${pre[1]}` : '') +
    (post !== null ? `.post${post}` : '') +
    (dev !== null ? `.dev${dev}` : '') +
    (local ? `+${local.join('.')}` : '');
  return { raw, epoch: p.epoch, release, pre, post, dev, local, isPrerelease: pre !== null || dev !== null, key, canonical };
}

function compareParts(a: KeyPart, b: KeyPart): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = compareParts(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    // Infinity markers against a tuple (pre-release key vs none, etc.).
    if (a === -Infinity || b === Infinity) return -1;
    if (a === Infinity || b === -Infinity) return 1;
    return compareParts(Array.isArray(a) ? a : [a], Array.isArray(b) ? b : [b]);
  }
  if (a === b) return 0;
  if (a === -Infinity || b === Infinity) return -1;
  if (a === Infinity || b === -Infinity) return 1;
  if (typeof a === typeof b) return a < b ? -1 : 1;
  // Mixed number/string cannot occur in well-formed keys; order numbers first to stay total.
  return typeof a === 'number' ? -1 : 1;
}

/** PEP 440 ordering of two parsed versions. */
export function compareVersions(a: Version, b: Version): number {
  const c = compareParts(a.key, b.key);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/** Ordering of two version strings; undefined when either is not PEP 440. */
export function compareVersionStrings(a: string, b: string): number | undefined {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  return va && vb ? compareVersions(va, vb) : undefined;
}

/** The final release a pre-release leads to (`2.0.0rc1` → `2.0.0`); other versions unchanged. */
export function finalRelease(v: Version): string {
  if (!v.isPrerelease) return v.raw;
  return `${v.epoch ? `${v.epoch}!` : ''}${v.release.join('.')}`;
}
