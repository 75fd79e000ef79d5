// The engine's caches between invalidations: file reads and directory listings (so the many reads
// of one file while linting a workspace hit the disk once), and memoised values derived from the
// workspace (parses, included-file graphs) shared by every unit and every call, each recording what
// it read so that a change to any of it drops the value. Both are bounded (least recently used go).
import * as path from 'node:path';
import type { DirEntry, ReadResult, WorkspaceView } from './workspace';

let visits = 0;

/**
 * What a computation read: files, listed directories, and the computations it used (memoised
 * values, units), shared rather than copied: a value used by thousands of files (the Dockerfiles
 * nginx reads its version from) is recorded once. Holds no values, so dropped values are freed.
 */
export class Deps {
  readonly reads = new Set<string>();
  readonly dirs = new Set<string>();
  readonly parts = new Set<Deps>();
  /** Set when a change dropped the value computed with these: whatever used it is outdated too. */
  stale = false;
  private visit = 0;

  /**
   * Does this (or a computation it used) depend on `file`? `listing`: also when `file` appeared or
   * went away (its folder's listing changed; a folder that appeared or went away is listed no more).
   */
  dependsOn(file: string, listing: boolean): boolean {
    const dir = listing ? path.dirname(file) : undefined;
    const visit = ++visits;
    const check = (d: Deps): boolean => {
      if (d.stale || d.reads.has(file) || (dir !== undefined && (d.dirs.has(dir) || d.dirs.has(file)))) return true;
      d.visit = visit;
      for (const p of d.parts) if (p.visit !== visit && check(p)) return true;
      return false;
    };
    return check(this);
  }
}

export interface MemoEntry {
  value: unknown;
  /** What the value was computed from (users of the value hold this, not the value). */
  deps: Deps;
}

/** A view that records what is read through it. */
export class TrackingView implements WorkspaceView {
  constructor(
    private readonly inner: WorkspaceView,
    readonly deps: Deps = new Deps(),
  ) {}
  read(file: string): ReadResult {
    this.deps.reads.add(file);
    return this.inner.read(file);
  }
  list(dir: string): DirEntry[] | undefined {
    this.deps.dirs.add(dir);
    return this.inner.list(dir);
  }
  contains(file: string): boolean {
    return this.inner.contains(file);
  }
}

interface CachedRead {
  result: ReadResult;
}

/** Texts kept in the read cache, in UTF-16 code units (about 2 bytes each at most). */
const READ_CACHE_CHARS = 8 * 1024 * 1024;
const READ_CACHE_ENTRIES = 20_000;
const LIST_CACHE_ENTRIES = 5_000;

/** Reads and listings of a view, kept until invalidated (bounded: least recently used go first). */
export class ReadCache implements WorkspaceView {
  private readonly reads = new Map<string, CachedRead>();
  private readonly lists = new Map<string, DirEntry[] | undefined>();
  private chars = 0;

  constructor(readonly inner: WorkspaceView) {}

  private entry(file: string): CachedRead {
    let e = this.reads.get(file);
    if (e) {
      this.reads.delete(file);
      this.reads.set(file, e);
      return e;
    }
    e = { result: this.inner.read(file) };
    this.reads.set(file, e);
    this.chars += e.result.ok ? e.result.text.length : 0;
    while (this.chars > READ_CACHE_CHARS || this.reads.size > READ_CACHE_ENTRIES) {
      const oldest = this.reads.keys().next().value as string;
      if (oldest === file) break;
      this.forgetRead(oldest);
    }
    return e;
  }

  read(file: string): ReadResult {
    return this.entry(file).result;
  }

  list(dir: string): DirEntry[] | undefined {
    if (this.lists.has(dir)) {
      const l = this.lists.get(dir);
      this.lists.delete(dir);
      this.lists.set(dir, l);
      return l;
    }
    const l = this.inner.list(dir);
    this.lists.set(dir, l);
    if (this.lists.size > LIST_CACHE_ENTRIES) this.lists.delete(this.lists.keys().next().value as string);
    return l;
  }

  contains(file: string): boolean {
    return this.inner.contains(file);
  }

  private forgetRead(file: string): void {
    const e = this.reads.get(file);
    if (!e) return;
    this.chars -= e.result.ok ? e.result.text.length : 0;
    this.reads.delete(file);
  }

  /** Forgets a file; unless only its content changed, also its folder's listing and anything below it. */
  invalidate(file: string, contentOnly: boolean): void {
    this.forgetRead(file);
    if (contentOnly) return;
    this.lists.delete(path.dirname(file));
    this.lists.delete(file);
    const below = file.endsWith('/') ? file : file + '/';
    for (const k of [...this.reads.keys()]) if (k.startsWith(below)) this.forgetRead(k);
    for (const k of [...this.lists.keys()]) if (k.startsWith(below)) this.lists.delete(k);
  }

  clear(): void {
    this.reads.clear();
    this.lists.clear();
    this.chars = 0;
  }
}

/** Values kept (parses, units): enough for the files of the units around, without holding a workspace scan's. */
const MEMO_ENTRIES = 100;

/**
 * A Map that keeps at most `limit` entries: reading an entry makes it the most recently used, and
 * adding one past the limit drops the least recently used.
 */
export class LruMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override get(key: K): V | undefined {
    const v = super.get(key);
    if (v !== undefined) {
      super.delete(key);
      super.set(key, v);
    }
    return v;
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    while (this.size > this.limit) super.delete(this.keys().next().value as K);
    return this;
  }
}

/** Values derived from the workspace, each with what it was computed from. */
export class MemoStore {
  // An entry dropped for room is not stale: values holding it still know what it was computed from.
  private readonly entries = new LruMap<string, MemoEntry>(MEMO_ENTRIES);

  get(key: string): MemoEntry | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: MemoEntry): void {
    this.entries.set(key, entry);
  }

  /** Drops the values computed from `file`, directly or through other values. */
  invalidate(file: string, contentOnly: boolean): void {
    for (const [key, e] of this.entries) {
      if (e.deps.dependsOn(file, !contentOnly)) {
        e.deps.stale = true;
        this.entries.delete(key);
      }
    }
  }

  clear(): void {
    for (const e of this.entries.values()) e.deps.stale = true;
    this.entries.clear();
  }
}
