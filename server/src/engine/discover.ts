// Finds the files DeployGuard reads in a workspace folder without reading unrelated ones:
// folders that never hold deployment configs are skipped by name, symlinked folders are not
// followed, and the walk is bounded and cancellable.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globsMatch } from './config';
import { compareBytewise } from './workspace';

/** Folder names never descended into. */
export const SKIPPED_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  'site-packages',
  '.e2e-tools',
  '.e2e-tmp',
]);

export interface DiscoverOptions {
  /** Extra glob patterns (workspace-relative) to exclude. */
  exclude?: string[];
  /** Stop after visiting this many directory entries (default 1,000,000). */
  maxEntries?: number;
  isCancelled?: () => boolean;
  /** Called with each workspace-relative file path; return true to keep it. */
  accept: (relPath: string, absPath: string) => boolean;
}

export interface DiscoverResult {
  files: string[];
  /** Set when the walk stopped early (cancelled, or the entry bound was reached). */
  truncated?: 'cancelled' | 'limit';
}

function isVirtualenv(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'pyvenv.cfg'));
}

export function discoverFiles(root: string, options: DiscoverOptions): DiscoverResult {
  const files: string[] = [];
  const maxEntries = options.maxEntries ?? 1_000_000;
  let visited = 0;
  const stack: string[] = [''];
  while (stack.length > 0) {
    if (options.isCancelled?.()) return { files, truncated: 'cancelled' };
    const rel = stack.pop()!;
    const abs = rel ? path.join(root, rel) : root;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => compareBytewise(b.name, a.name)); // reversed: the stack pops in order
    const subdirs: string[] = [];
    for (const e of entries) {
      if (++visited > maxEntries) return { files: files.sort(compareBytewise), truncated: 'limit' };
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (SKIPPED_DIRS.has(e.name)) continue;
        if (options.exclude && globsMatch(options.exclude, childRel)) continue;
        const childAbs = path.join(root, childRel);
        if (isVirtualenv(childAbs)) continue;
        subdirs.push(childRel);
      } else if (e.isFile()) {
        if (options.exclude && globsMatch(options.exclude, childRel)) continue;
        const childAbs = path.join(root, childRel);
        if (options.accept(childRel, childAbs)) files.push(childAbs);
      }
      // Symbolic links are not followed: a link can point outside the workspace or into a loop.
    }
    for (const d of subdirs) stack.push(d);
  }
  return { files: files.sort(compareBytewise) };
}
