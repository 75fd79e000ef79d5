// The OSV API as an advisory source (https://google.github.io/osv.dev/api/). Off unless enabled:
// a query sends package names and versions to the API.
//
// Analysis is synchronous, network is not, so the source works in two steps:
//   1. `lookup()` answers from the on-disk cache; what the cache does not know (or knows only from
//      an expired entry) is remembered as pending and answered 'pending' (or from the stale entry).
//   2. The host calls `fetchPending()` (async): POST /v1/querybatch for the pending queries
//      (following `next_page_token`), then GET /v1/vulns/{id} for records not cached at their
//      `modified` time; the cache is written back, and `onChange` listeners fire so the host can
//      re-analyse. A failure (HTTP error, timeout, unreachable) puts the source into the
//      'unavailable' state: lookups then say so instead of staying silent, and fetches back off.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { normalizeName, trimRecord, type Advisory } from './osv';
import type { AdvisoryAnswer, AdvisorySource } from './source';

export const DEFAULT_OSV_API = 'https://api.osv.dev';

export interface OnlineOptions {
  /** Base URL of an OSV-compatible API (default https://api.osv.dev). */
  apiUrl?: string;
  /** Folder of the cache file (default $XDG_CACHE_HOME/deployguard or ~/.cache/deployguard). */
  cacheDir?: string;
  /** How long a query answer stays fresh (default 24 h). */
  ttlMs?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Wait this long after a failure before trying the network again (default 60 s). */
  retryAfterMs?: number;
  /** Queries per /v1/querybatch request (OSV allows 1000). */
  batchSize?: number;
  /** Parallel /v1/vulns requests. */
  concurrency?: number;
  log?: (message: string) => void;
  now?: () => number;
}

export interface OnlineStatus {
  state: 'ok' | 'unavailable';
  /** Human-readable state, e.g. "OSV API timed out after 10 s". */
  message: string;
  /** Time of the last successful fetch (ms since epoch). */
  lastSuccess?: number;
  pending: number;
}

export interface FetchResult {
  /** Queries sent (pending ones). */
  queried: number;
  /** Advisory records downloaded. */
  downloaded: number;
  /** Something new is in the cache, or the status changed: re-analyse. */
  changed: boolean;
  /** Set when the fetch failed. */
  error?: string;
  /** Nothing was sent because of the back-off after a recent failure. */
  skipped?: boolean;
}

interface QueryEntry {
  at: number;
  ids: string[];
}
interface VulnEntry {
  at: number;
  modified?: string;
  advisory: Advisory;
}
interface CacheFile {
  version: 1;
  apiUrl: string;
  queries: Record<string, QueryEntry>;
  vulns: Record<string, VulnEntry>;
}

export function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache'), 'deployguard');
}

class HttpError extends Error {}

function queryKey(name: string, version: string): string {
  return `${normalizeName(name)}@${version.trim()}`;
}

export class OnlineAdvisorySource implements AdvisorySource {
  readonly label: string;
  readonly apiUrl: string;
  readonly cacheFile: string;
  private cache?: CacheFile;
  private readonly pending = new Map<string, { name: string; version: string }>();
  private failure?: { message: string; at: number };
  private lastSuccess?: number;
  private readonly listeners = new Set<() => void>();
  private inflight?: Promise<FetchResult>;
  private readonly opts: Required<Omit<OnlineOptions, 'apiUrl' | 'cacheDir'>>;

  constructor(options: OnlineOptions = {}) {
    let api = options.apiUrl ?? DEFAULT_OSV_API;
    while (api.endsWith('/')) api = api.slice(0, -1);
    this.apiUrl = api;
    this.cacheFile = path.join(options.cacheDir ?? defaultCacheDir(), 'osv-api-cache.json');
    this.label = `the OSV API (${this.apiUrl})`;
    this.opts = {
      ttlMs: options.ttlMs ?? 24 * 3600 * 1000,
      timeoutMs: options.timeoutMs ?? 10_000,
      retryAfterMs: options.retryAfterMs ?? 60_000,
      batchSize: Math.max(1, Math.min(options.batchSize ?? 1000, 1000)),
      concurrency: Math.max(1, options.concurrency ?? 8),
      log: options.log ?? (() => {}),
      now: options.now ?? Date.now,
    };
  }

  // ---- cache ----------------------------------------------------------------------------------

  private load(): CacheFile {
    if (this.cache) return this.cache;
    const empty: CacheFile = { version: 1, apiUrl: this.apiUrl, queries: {}, vulns: {} };
    try {
      const data = JSON.parse(fs.readFileSync(this.cacheFile, 'utf8')) as CacheFile;
      const ok = data && data.version === 1 && data.apiUrl === this.apiUrl && typeof data.queries === 'object' && typeof data.vulns === 'object';
      this.cache = ok ? data : empty;
    } catch {
      this.cache = empty;
    }
    return this.cache;
  }

  private async save(): Promise<void> {
    const cache = this.load();
    const horizon = this.opts.now() - 30 * 24 * 3600 * 1000;
    for (const [k, q] of Object.entries(cache.queries)) if (q.at < horizon) delete cache.queries[k];
    const used = new Set(Object.values(cache.queries).flatMap((q) => q.ids));
    for (const id of Object.keys(cache.vulns)) if (!used.has(id)) delete cache.vulns[id];
    const dir = path.dirname(this.cacheFile);
    const tmp = `${this.cacheFile}.${process.pid}.tmp`;
    await fs.promises.mkdir(dir, { recursive: true });
    await fs.promises.writeFile(tmp, JSON.stringify(cache));
    await fs.promises.rename(tmp, this.cacheFile);
  }

  // ---- synchronous side -----------------------------------------------------------------------

  lookup(name: string, version: string): AdvisoryAnswer {
    const key = queryKey(name, version);
    const cache = this.load();
    const entry = cache.queries[key];
    const records = entry?.ids.map((id) => cache.vulns[id]?.advisory);
    const complete = records !== undefined && records.every(Boolean);
    const fresh = complete && this.opts.now() - entry!.at < this.opts.ttlMs;
    if (!fresh) this.pending.set(key, { name, version: version.trim() });
    if (complete && (fresh || this.failure)) {
      // A stale answer is still shown while the API is unreachable, with the reason.
      return {
        state: 'ok',
        advisories: records as Advisory[],
        unavailable: fresh ? undefined : [`${this.failure!.message}; showing cached results from ${new Date(entry!.at).toISOString().slice(0, 10)}`],
      };
    }
    if (this.failure) return { state: 'unavailable', reason: this.failure.message };
    if (complete) return { state: 'ok', advisories: records as Advisory[] };
    return { state: 'pending' };
  }

  /** Queries waiting for `fetchPending()`. */
  get pendingCount(): number {
    return this.pending.size;
  }

  status(): OnlineStatus {
    if (this.failure) return { state: 'unavailable', message: this.failure.message, lastSuccess: this.lastSuccess, pending: this.pending.size };
    return { state: 'ok', message: `advisories from ${this.label}`, lastSuccess: this.lastSuccess, pending: this.pending.size };
  }

  /** Called after a fetch that changed results or the status. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- network side ---------------------------------------------------------------------------

  /** Fetches every pending query. Concurrent calls share one fetch. Never rejects. */
  fetchPending(): Promise<FetchResult> {
    if (!this.inflight) {
      this.inflight = this.doFetch().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  private async doFetch(): Promise<FetchResult> {
    if (this.pending.size === 0) return { queried: 0, downloaded: 0, changed: false };
    if (this.failure && this.opts.now() - this.failure.at < this.opts.retryAfterMs) {
      return { queried: 0, downloaded: 0, changed: false, skipped: true, error: this.failure.message };
    }
    const batch = [...this.pending.entries()];
    this.pending.clear();
    const cache = this.load();
    const wasFailing = this.failure !== undefined;
    try {
      const ids = await this.queryAll(batch.map(([, q]) => q));
      const toDownload = new Set<string>();
      ids.forEach((list) => {
        for (const { id, modified } of list) {
          const cached = cache.vulns[id];
          if (!cached || (modified && cached.modified !== modified)) toDownload.add(id);
        }
      });
      const downloaded = await this.downloadAll([...toDownload]);
      const now = this.opts.now();
      for (const [id, advisory] of downloaded) cache.vulns[id] = { at: now, modified: advisory.modified, advisory };
      batch.forEach(([key], i) => {
        cache.queries[key] = { at: now, ids: ids[i].map((x) => x.id).filter((id) => cache.vulns[id]) };
      });
      this.failure = undefined;
      this.lastSuccess = now;
      try {
        await this.save();
      } catch (e) {
        this.opts.log(`advisories: cannot write the cache ${this.cacheFile}: ${(e as Error).message}`);
      }
      this.fire();
      return { queried: batch.length, downloaded: downloaded.size, changed: true };
    } catch (e) {
      const message = `${this.label} is unavailable: ${(e as Error).message}`;
      this.failure = { message, at: this.opts.now() };
      for (const [key, q] of batch) this.pending.set(key, q);
      this.opts.log(`advisories: ${message}`);
      if (!wasFailing) this.fire();
      return { queried: batch.length, downloaded: 0, changed: !wasFailing, error: message };
    }
  }

  private fire(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch (e) {
        this.opts.log(`advisories: listener failed: ${(e as Error).message}`);
      }
    }
  }

  private async request(method: 'GET' | 'POST', urlPath: string, body?: unknown): Promise<unknown> {
    const url = `${this.apiUrl}${urlPath}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      if (err.name === 'TimeoutError' || err.name === 'AbortError') throw new Error(`no answer within ${this.opts.timeoutMs / 1000} s (${method} ${urlPath})`);
      throw new Error(`cannot connect (${err.cause?.code ?? err.cause?.message ?? err.message})`);
    }
    if (res.status === 404 && method === 'GET') {
      await res.body?.cancel();
      return undefined;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new HttpError(`HTTP ${res.status} for ${method} ${urlPath}`);
    }
    try {
      return await res.json();
    } catch (e) {
      const err = e as Error;
      if (err.name === 'TimeoutError' || err.name === 'AbortError') throw new Error(`no answer within ${this.opts.timeoutMs / 1000} s (${method} ${urlPath})`);
      throw new Error(`invalid JSON from ${method} ${urlPath}`);
    }
  }

  /** For each query, the ids (and modified times) of the advisories OSV reports, all pages. */
  private async queryAll(queries: { name: string; version: string }[]): Promise<{ id: string; modified?: string }[][]> {
    const out: { id: string; modified?: string }[][] = queries.map(() => []);
    let work: { index: number; token?: string }[] = queries.map((_, index) => ({ index }));
    for (let round = 0; work.length > 0; round++) {
      if (round > 100) throw new Error('too many result pages');
      const next: { index: number; token?: string }[] = [];
      for (let i = 0; i < work.length; i += this.opts.batchSize) {
        const chunk = work.slice(i, i + this.opts.batchSize);
        const body = {
          queries: chunk.map(({ index, token }) => ({
            package: { name: queries[index].name, ecosystem: 'PyPI' },
            version: queries[index].version,
            ...(token ? { page_token: token } : {}),
          })),
        };
        const data = (await this.request('POST', '/v1/querybatch', body)) as { results?: unknown } | undefined;
        const results = data && Array.isArray(data.results) ? data.results : undefined;
        if (!results || results.length !== chunk.length) throw new Error('unexpected answer from /v1/querybatch');
        results.forEach((r, j) => {
          const item = (r ?? {}) as { vulns?: unknown; next_page_token?: unknown };
          for (const v of Array.isArray(item.vulns) ? item.vulns : []) {
            const id = (v as { id?: unknown })?.id;
            const modified = (v as { modified?: unknown })?.modified;
            if (typeof id === 'string') out[chunk[j].index].push({ id, modified: typeof modified === 'string' ? modified : undefined });
          }
          if (typeof item.next_page_token === 'string' && item.next_page_token) next.push({ index: chunk[j].index, token: item.next_page_token });
        });
      }
      work = next;
    }
    return out;
  }

  private async downloadAll(ids: string[]): Promise<Map<string, Advisory>> {
    const out = new Map<string, Advisory>();
    let cursor = 0;
    const worker = async () => {
      while (cursor < ids.length) {
        const id = ids[cursor++];
        const data = await this.request('GET', `/v1/vulns/${encodeURIComponent(id)}`);
        const adv = data === undefined ? undefined : trimRecord(data);
        if (adv) out.set(id, adv);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, ids.length) }, worker));
    return out;
  }
}
