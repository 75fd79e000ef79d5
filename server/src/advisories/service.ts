// Process-wide advisory service: which sources are in force, built once per process and shared by
// every analysis. Hosts (CLI, language server) set their options here; the requirements kind asks
// for the source that applies to a project. No LSP or VS Code imports: this is engine-level code.
//
// Host protocol for the online source (the engine is synchronous):
//   configureAdvisories({ online: true, cacheDir })   // once, from settings / CLI flags
//   lint files …                                      // REQ001 answers from the cache, notes misses
//   if (pendingAdvisoryQueries() > 0) await fetchPendingAdvisories()
//   onAdvisoriesChanged(() => { engine.invalidate(); re-lint })   // fired after a fetch changed something
import * as path from 'node:path';
import { FolderAdvisorySource } from './folder';
import { OnlineAdvisorySource, type FetchResult, type OnlineOptions, type OnlineStatus } from './online';
import { CombinedSource, type AdvisorySource } from './source';

export interface AdvisorySettings {
  /** Offline folder of OSV JSON files (absolute; CLI `--advisories DIR`). Wins over the project config. */
  folder?: string;
  /** Query the OSV API (CLI `--online-advisories`). undefined: the project config decides. */
  online?: boolean;
  /** Cache folder for API answers (VS Code: the extension's global storage). */
  cacheDir?: string;
  /** OSV-compatible API base URL (tests, mirrors). Only a host can set it, never a project. */
  apiUrl?: string;
  timeoutMs?: number;
  ttlMs?: number;
  retryAfterMs?: number;
  log?: (message: string) => void;
}

/** What a project's `.deployguard.json` says (`requirements.advisories`, `requirements.onlineAdvisories`). */
export interface ProjectAdvisorySettings {
  /** Folder as written in the config. */
  folder?: string;
  /** Folder the config file is in (relative folders are resolved against it). */
  configDir: string;
  online?: boolean;
}

let settings: AdvisorySettings = {};
const folders = new Map<string, FolderAdvisorySource>();
let online: OnlineAdvisorySource | undefined;
const listeners = new Set<() => void>();
let unsubscribeOnline: (() => void) | undefined;

/** Sets the host's options (replacing earlier ones). Sources already built for other options are dropped. */
export function configureAdvisories(next: AdvisorySettings): void {
  const onlineChanged = next.apiUrl !== settings.apiUrl || next.cacheDir !== settings.cacheDir || next.timeoutMs !== settings.timeoutMs || next.ttlMs !== settings.ttlMs || next.retryAfterMs !== settings.retryAfterMs;
  settings = { ...next };
  if (onlineChanged) dropOnline();
}

function dropOnline(): void {
  unsubscribeOnline?.();
  unsubscribeOnline = undefined;
  online = undefined;
}

/** Forgets every source and option (tests). */
export function resetAdvisories(): void {
  settings = {};
  folders.clear();
  dropOnline();
}

function folderSource(folder: string): FolderAdvisorySource {
  let s = folders.get(folder);
  if (!s) {
    s = new FolderAdvisorySource(folder, settings.log);
    folders.set(folder, s);
  }
  return s;
}

function onlineSource(): OnlineAdvisorySource {
  if (!online) {
    const opts: OnlineOptions = {
      apiUrl: settings.apiUrl,
      cacheDir: settings.cacheDir,
      timeoutMs: settings.timeoutMs,
      ttlMs: settings.ttlMs,
      retryAfterMs: settings.retryAfterMs,
      log: settings.log,
    };
    online = new OnlineAdvisorySource(opts);
    unsubscribeOnline = online.onChange(() => {
      for (const l of [...listeners]) {
        try {
          l();
        } catch {
          // a listener's failure must not stop the others
        }
      }
    });
  }
  return online;
}

/**
 * The advisory source for a project, or undefined when none is configured (then REQ001 reports
 * nothing: no network access happens unless enabled).
 */
export function advisorySourceFor(project: ProjectAdvisorySettings): AdvisorySource | undefined {
  const folder = settings.folder ?? (project.folder ? path.resolve(project.configDir, project.folder) : undefined);
  const useOnline = settings.online ?? project.online ?? false;
  const sources: AdvisorySource[] = [];
  if (folder) sources.push(folderSource(path.resolve(folder)));
  if (useOnline) sources.push(onlineSource());
  if (sources.length === 0) return undefined;
  return sources.length === 1 ? sources[0] : new CombinedSource(sources);
}

/** Online queries waiting for `fetchPendingAdvisories()`. */
export function pendingAdvisoryQueries(): number {
  return online?.pendingCount ?? 0;
}

/** Fetches what analyses asked the OSV API for. Never rejects. Fires onAdvisoriesChanged when results or status changed. */
export async function fetchPendingAdvisories(): Promise<FetchResult> {
  if (!online) return { queried: 0, downloaded: 0, changed: false };
  return online.fetchPending();
}

/** Subscribe to "advisory data or availability changed: re-analyse requirements files". */
export function onAdvisoriesChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface AdvisoryStatus {
  /** Configured offline folders and whether they could be read. */
  folders: { folder: string; problem?: string; records?: number }[];
  online?: OnlineStatus;
}

/** For a status bar / `--verbose`: what is in use and whether it works. */
export function advisoryStatus(): AdvisoryStatus {
  return {
    folders: [...folders.values()].map((f) => ({ folder: f.folder, problem: f.problem, records: f.stats?.records })),
    online: online?.status(),
  };
}
