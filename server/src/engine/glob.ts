// glob(3)-style expansion of an absolute pattern over a WorkspaceView, as sshd's `Include` and
// nginx's `include` do it: `*`, `?` and `[...]` within one path segment, no `**`, leading dots
// matched only explicitly, results in bytewise (C locale) order.
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { WorkspaceView } from './workspace';
import { compareBytewise } from './workspace';

export function hasGlobMagic(segment: string): boolean {
  return /[*?[]/.test(segment);
}

export interface GlobResult {
  /** Matching regular files, bytewise-sorted by full path. */
  files: string[];
  /** Directories listed while expanding (a new file there changes the result). */
  listedDirs: string[];
}

const matchers = new Map<string, (name: string) => boolean>();

/** The compiled matcher of one pattern segment (compiled once: includes are expanded on every analysis). */
function segmentMatcher(seg: string): (name: string) => boolean {
  let m = matchers.get(seg);
  if (!m) {
    try {
      // A file name is at most 255 bytes: a much longer pattern matches nothing (and picomatch
      // refuses patterns above its own length limit).
      m = seg.length > 1024 ? () => false : picomatch(seg, { dot: seg.startsWith('.'), nobrace: true, noextglob: true });
    } catch {
      m = () => false; // a pattern picomatch cannot compile matches nothing, as glob(3) would
    }
    if (matchers.size >= 500) matchers.clear();
    matchers.set(seg, m);
  }
  return m;
}

export function expandGlob(ws: WorkspaceView, pattern: string): GlobResult {
  const listedDirs: string[] = [];
  const abs = path.resolve(pattern);
  const segments = abs.split('/').filter((s) => s !== '');
  let current: string[] = ['/'];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    const next: string[] = [];
    for (const dir of current) {
      if (!hasGlobMagic(seg)) {
        const candidate = path.join(dir, seg);
        if (last) {
          const r = ws.read(candidate);
          if (r.ok) next.push(candidate);
        } else {
          next.push(candidate);
        }
        continue;
      }
      const entries = ws.list(dir);
      listedDirs.push(dir);
      if (!entries) continue;
      const isMatch = segmentMatcher(seg);
      for (const e of entries) {
        if (!isMatch(e.name)) continue;
        if (last ? e.isDirectory : !e.isDirectory) continue;
        next.push(path.join(dir, e.name));
      }
    }
    current = next;
  }
  return { files: current.sort(compareBytewise), listedDirs };
}
