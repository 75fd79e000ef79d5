// A read-only view of the workspace's files. Open editor buffers override what is on disk.
// Reads are confined to the workspace roots: nothing outside them (through `..`, an absolute
// include path or a symlink) is ever read.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type ReadFailure = 'missing' | 'unreadable' | 'too-large' | 'binary' | 'is-directory' | 'outside-workspace';

export type ReadResult =
  | { ok: true; text: string; version: string }
  | { ok: false; reason: ReadFailure; message: string };

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

export interface WorkspaceView {
  read(file: string): ReadResult;
  /** Entries of a directory sorted bytewise by name, or undefined when it cannot be listed. */
  list(dir: string): DirEntry[] | undefined;
  /** True when the path lies inside one of the workspace roots. */
  contains(file: string): boolean;
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** realpath(3) where it exists (one system call instead of one lstat per path component). */
const realpath = process.platform === 'win32' ? fs.realpathSync : fs.realpathSync.native;

/** Bytewise (C locale) comparison, the order glob(3) and nginx use. */
export function compareBytewise(a: string, b: string): number {
  // UTF-8 keeps code point order, and UTF-16 code units are in code point order outside surrogates:
  // compare code units, and encode only when the first difference involves a surrogate.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if ((x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
    return x < y ? -1 : 1;
  }
  return Math.sign(a.length - b.length);
}

function isInside(root: string, file: string): boolean {
  if (file === root) return true;
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Heuristic used by git and most editors: a NUL byte in the first 8 KiB means binary. */
export function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

export function decodeText(buf: Buffer): string {
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** The file system plus in-memory overlays (open buffers, keyed by absolute path or untitled URI). */
export class FsWorkspace implements WorkspaceView {
  private readonly overlays = new Map<string, { text: string; version: string }>();
  private readonly realRoots: string[];
  maxFileSize: number;

  constructor(
    readonly roots: string[],
    options: { maxFileSize?: number } = {},
  ) {
    this.roots = roots.map((r) => path.resolve(r));
    this.realRoots = this.roots.map((r) => {
      try {
        return fs.realpathSync(r);
      } catch {
        return r;
      }
    });
    this.maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  }

  setOverlay(file: string, text: string, version: number | string): void {
    this.overlays.set(file, { text, version: `buffer:${version}` });
  }

  deleteOverlay(file: string): void {
    this.overlays.delete(file);
  }

  hasOverlay(file: string): boolean {
    return this.overlays.has(file);
  }

  contains(file: string): boolean {
    if (this.overlays.has(file)) return true;
    if (!path.isAbsolute(file)) return false;
    return this.roots.some((r) => isInside(r, file));
  }

  /** Resolves symlinks and checks that the real file is still inside a root. */
  private realInside(file: string): boolean {
    let real: string;
    try {
      real = realpath(file);
    } catch {
      return true; // does not exist: the read reports it as missing
    }
    return this.realRoots.some((r) => isInside(r, real)) || this.roots.some((r) => isInside(r, real));
  }

  read(file: string): ReadResult {
    const overlay = this.overlays.get(file);
    if (overlay) return { ok: true, text: overlay.text, version: overlay.version };
    const outside: ReadResult = { ok: false, reason: 'outside-workspace', message: `${file} is outside the workspace and is not read` };
    if (!this.contains(file)) return outside;
    // Whether it exists first: kinds look for many files that are not there (includes, candidate
    // main files), and a missing one needs no symlink resolution.
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(file, { throwIfNoEntry: false });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOTDIR') return this.realInside(file) ? { ok: false, reason: 'unreadable', message: `${file} cannot be read (${code ?? 'error'})` } : outside;
    }
    if (!st) return { ok: false, reason: 'missing', message: `${file} does not exist` };
    if (!this.realInside(file)) return outside;
    if (st.isDirectory()) return { ok: false, reason: 'is-directory', message: `${file} is a directory` };
    if (!st.isFile()) return { ok: false, reason: 'unreadable', message: `${file} is not a regular file` };
    if (st.size > this.maxFileSize) {
      return {
        ok: false,
        reason: 'too-large',
        message: `${file} is ${formatSize(st.size)}, above the ${formatSize(this.maxFileSize)} limit (maxFileSize): not analysed`,
      };
    }
    let buf: Buffer;
    try {
      buf = fs.readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { ok: false, reason: 'unreadable', message: `${file} cannot be read (${code ?? 'error'})` };
    }
    if (looksBinary(buf)) return { ok: false, reason: 'binary', message: `${file} is a binary file: not analysed` };
    return { ok: true, text: decodeText(buf), version: `disk:${st.mtimeMs}:${st.size}` };
  }

  list(dir: string): DirEntry[] | undefined {
    if (!this.contains(dir) || !this.realInside(dir)) return undefined;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return undefined;
    }
    const out: DirEntry[] = [];
    for (const e of entries) {
      let isDirectory = e.isDirectory();
      if (e.isSymbolicLink()) {
        const target = path.join(dir, e.name);
        if (!this.realInside(target)) continue;
        try {
          isDirectory = fs.statSync(target).isDirectory();
        } catch {
          continue;
        }
      }
      out.push({ name: e.name, isDirectory });
    }
    // Unsaved new buffers in this directory are part of the view too.
    for (const key of this.overlays.keys()) {
      if (path.isAbsolute(key) && path.dirname(key) === dir && !out.some((e) => e.name === path.basename(key))) {
        out.push({ name: path.basename(key), isDirectory: false });
      }
    }
    return out.sort((a, b) => compareBytewise(a.name, b.name));
  }
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** A workspace held entirely in memory: tests and the fuzzers use it. */
export class MemoryWorkspace implements WorkspaceView {
  readonly files = new Map<string, string>();
  private versions = new Map<string, number>();
  /**
   * For each prefix ending in "/" of a file path, the names that follow it: how many files go
   * through each name and how many of those lie deeper (so it is a folder). Listing a folder and
   * telling a folder from a missing file do not scan every file.
   */
  private readonly index = new Map<string, Map<string, { files: number; deeper: number }>>();

  constructor(
    files: Record<string, string> = {},
    readonly roots: string[] = ['/ws'],
  ) {
    for (const [k, v] of Object.entries(files)) this.set(k, v);
  }

  private indexFile(file: string, add: 1 | -1): void {
    for (let slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
      const prefix = file.slice(0, slash + 1);
      const next = file.indexOf('/', slash + 1);
      const name = next < 0 ? file.slice(slash + 1) : file.slice(slash + 1, next);
      let names = this.index.get(prefix);
      if (!names) this.index.set(prefix, (names = new Map()));
      const entry = names.get(name) ?? { files: 0, deeper: 0 };
      entry.files += add;
      if (next >= 0) entry.deeper += add;
      if (entry.files > 0) names.set(name, entry);
      else names.delete(name);
      if (names.size === 0) this.index.delete(prefix);
    }
  }

  set(file: string, text: string): void {
    if (!this.files.has(file)) this.indexFile(file, 1);
    this.files.set(file, text);
    this.versions.set(file, (this.versions.get(file) ?? 0) + 1);
  }

  delete(file: string): void {
    if (this.files.delete(file)) this.indexFile(file, -1);
  }

  contains(file: string): boolean {
    return this.files.has(file) || this.roots.some((r) => isInside(r, file));
  }

  read(file: string): ReadResult {
    if (!this.contains(file)) {
      return { ok: false, reason: 'outside-workspace', message: `${file} is outside the workspace and is not read` };
    }
    const text = this.files.get(file);
    if (text !== undefined) return { ok: true, text, version: `mem:${this.versions.get(file)}` };
    if (this.index.has(file + '/')) return { ok: false, reason: 'is-directory', message: `${file} is a directory` };
    return { ok: false, reason: 'missing', message: `${file} does not exist` };
  }

  list(dir: string): DirEntry[] | undefined {
    const names = this.index.get(dir.endsWith('/') ? dir : dir + '/');
    if (!names) return undefined;
    return [...names].map(([name, e]) => ({ name, isDirectory: e.deeper > 0 })).sort((a, b) => compareBytewise(a.name, b.name));
  }
}
