// The engine: text (plus a read-only view of the workspace) in, findings out. The language server
// and the CLI are thin shells over this class, so both always report the same thing.
import * as path from 'node:path';
import {
  CONFIG_FILE_NAME,
  defaultConfig,
  isIgnored,
  parseConfig,
  ruleSettingFor,
  type LoadedConfig,
  type ProjectConfig,
} from './config';
import { Deps, LruMap, MemoStore, ReadCache, TrackingView, type MemoEntry } from './cache';
import { discoverFiles, type DiscoverResult } from './discover';
import type { Kind, KindContext, UnitAnalysis } from './kind';
import { META_RULES } from './meta';
import { relativeTo } from './paths';
import { applySuppressions, parseSuppressions } from './suppress';
import { LineIndex, rangeKey } from './text';
import type { Comment, Finding, RuleMeta } from './types';
import type { WorkspaceView } from './workspace';

export interface LintResult {
  file: string;
  kind?: Kind['id'];
  findings: Finding[];
  /** Why the file was not analysed, when it was not. */
  skipped?: string;
}

export interface EngineOptions {
  log?: (message: string) => void;
  /** Use this configuration for every root instead of each root's `.deployguard.json` (CLI --config). */
  config?: LoadedConfig;
  /**
   * Remember what each linted file's result was computed from, for `dependentsOf` (default true).
   * A one-shot scan (the CLI) turns it off: it never asks, and the records grow with the workspace.
   */
  trackDependents?: boolean;
}

interface UnitEntry {
  analysis: UnitAnalysis;
  /** What the analysis read (a change to any of it invalidates the unit). */
  deps: Deps;
}

/** Unit analyses kept: those of the files being edited and their neighbours, not a whole workspace scan's. */
const UNIT_ENTRIES = 50;

/** How a file changed: only its text (`content`), or it may have appeared or gone away (`any`). */
export type ChangeKind = 'content' | 'any';

/**
 * The order of a file's findings: by position, then rule id (ASCII, no locale: the collator costs
 * the first analysis milliseconds), then end and message (the same however the findings were computed).
 */
function compareFindings(a: Finding, b: Finding): number {
  const r = a.range;
  const s = b.range;
  return (
    r.start.line - s.start.line ||
    r.start.character - s.start.character ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    r.end.line - s.end.line ||
    r.end.character - s.end.character ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function readsOf(file: string): Deps {
  const deps = new Deps();
  deps.reads.add(file);
  return deps;
}

function findingKey(f: Finding): string {
  return `${f.ruleId}|${rangeKey(f.range)}|${f.message}`;
}

export class Engine {
  private readonly rulesById = new Map<string, RuleMeta>();
  private readonly units = new LruMap<string, UnitEntry>(UNIT_ENTRIES);
  private readonly configs = new Map<string, LoadedConfig>();
  /** For each linted file, every file its result was computed from. */
  private readonly fileDeps = new Map<string, Deps>();
  /** Reads and listings of `ws`, kept until invalidated. */
  private readonly view: ReadCache;
  private readonly memos = new MemoStore();
  private readonly computing = new Set<string>();
  /** The kind claiming each workspace file (claims look at the path and the head of the text). */
  private readonly kindOf = new Map<string, Kind | undefined>();
  /** Files whose kind was decided by asking `claimsIncluded`, and what those answers read. */
  private readonly includeClaimed = new Set<string>();
  private includeClaimDeps = new Deps();
  private readonly log: (message: string) => void;

  constructor(
    readonly ws: WorkspaceView,
    readonly roots: string[],
    readonly kinds: Kind[],
    private readonly options: EngineOptions = {},
  ) {
    this.log = options.log ?? (() => {});
    this.view = new ReadCache(ws);
    for (const meta of [...META_RULES, ...kinds.flatMap((k) => k.rules)]) this.rulesById.set(meta.id, meta);
  }

  get rules(): RuleMeta[] {
    return [...this.rulesById.values()];
  }

  rule(id: string): RuleMeta | undefined {
    return this.rulesById.get(id);
  }

  /** The workspace root containing the file (longest match), or undefined (untitled or outside). */
  rootOf(file: string): string | undefined {
    let best: string | undefined;
    for (const r of this.roots) {
      if ((!best || r.length > best.length) && relativeTo(r, file) !== undefined) best = r;
    }
    return best;
  }

  loadedConfig(root: string | undefined): LoadedConfig {
    if (this.options.config) return this.options.config;
    const r = root ?? this.roots[0] ?? '';
    let loaded = this.configs.get(r);
    if (!loaded) {
      const file = r ? path.join(r, CONFIG_FILE_NAME) : '';
      const read = file ? this.view.read(file) : undefined;
      loaded = read?.ok
        ? parseConfig(read.text, r, file, new Set(this.rulesById.keys()))
        : { config: defaultConfig(r), problems: [] };
      if (read && !read.ok && read.reason !== 'missing') {
        loaded.problems.push({ message: `${read.message}; the default configuration applies`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
      }
      this.configs.set(r, loaded);
    }
    return loaded;
  }

  configFor(file: string): ProjectConfig {
    return this.loadedConfig(this.rootOf(file)).config;
  }

  private context(root: string | undefined, view: TrackingView): KindContext {
    return {
      ws: view,
      config: this.loadedConfig(root).config,
      root: root ?? '',
      log: this.log,
      memo: (key, compute) => this.memoized(root, key, compute, view.deps),
    };
  }

  /** A memoised value (KindContext.memo): computed once until what it read changes; `user` depends on it. */
  private memoized<T>(root: string | undefined, key: string, compute: (ctx: KindContext) => T, user: Deps): T {
    const full = `${root ?? ''}\0${key}`;
    let entry: MemoEntry | undefined = this.memos.get(full);
    if (!entry) {
      if (this.computing.has(full)) throw new Error(`memo ${key} depends on itself`);
      this.computing.add(full);
      try {
        const tracker = new TrackingView(this.view);
        entry = { value: compute(this.context(root, tracker)), deps: tracker.deps };
      } finally {
        this.computing.delete(full);
      }
      this.memos.set(full, entry);
    }
    user.parts.add(entry.deps);
    return entry.value as T;
  }

  private relPath(file: string): string | undefined {
    const root = this.rootOf(file);
    return root ? relativeTo(root, file) : undefined;
  }

  /** The kind that reads this file: by language id for untitled buffers, else by path and content. */
  kindFor(file: string, languageId?: string): Kind | undefined {
    const rel = this.relPath(file);
    if (rel === undefined) {
      if (!languageId) return undefined;
      return this.kinds.find((k) => k.languageIds.includes(languageId));
    }
    if (this.kindOf.has(file)) return this.kindOf.get(file);
    let head: string | undefined | null = null;
    const getHead = () => {
      if (head === null) {
        const r = this.view.read(file);
        head = r.ok ? r.text.slice(0, 64 * 1024) : undefined;
      }
      return head;
    };
    let kind = this.kinds.find((k) => k.claims(rel, getHead));
    if (!kind) kind = this.claimedByInclude(file);
    this.kindOf.set(file, kind);
    return kind;
  }

  /** The kind one of whose files includes `file` (asked only when no kind claims it by itself). */
  private claimedByInclude(file: string): Kind | undefined {
    const asking = this.kinds.filter((k) => k.claimsIncluded);
    if (asking.length === 0) return undefined;
    // One shared record of what these answers read: a change to any of it asks them all again.
    this.includeClaimed.add(file);
    const ctx = this.context(this.rootOf(file), new TrackingView(this.view, this.includeClaimDeps));
    for (const k of asking) {
      try {
        if (k.claimsIncluded!(file, ctx)) return k;
      } catch (e) {
        this.log(`${k.id}: deciding whether ${file} is included failed: ${(e as Error)?.stack ?? String(e)}`);
      }
    }
    return undefined;
  }

  isConfigFile(file: string): boolean {
    return path.basename(file) === CONFIG_FILE_NAME && this.roots.some((r) => path.join(r, CONFIG_FILE_NAME) === file);
  }

  /** Is this file one DeployGuard reports on (a config file of ours, or claimed by a kind)? */
  supports(file: string, languageId?: string): boolean {
    return this.isConfigFile(file) || this.kindFor(file, languageId) !== undefined;
  }

  private analyzeUnit(unitRoot: string, root: string | undefined, kind: Kind): UnitEntry {
    const key = `${kind.id}\0${unitRoot}`;
    const cached = this.units.get(key);
    if (cached) return cached;
    const tracking = new TrackingView(this.view);
    const ctx = this.context(root, tracking);
    let analysis: UnitAnalysis = { findings: [], comments: new Map() };
    try {
      analysis = kind.analyze(unitRoot, ctx);
    } catch (e) {
      this.log(`${kind.id} analysis of ${unitRoot} failed: ${(e as Error)?.stack ?? String(e)}`);
    }
    tracking.deps.reads.add(unitRoot);
    // Shallow copies: a kind's comment objects must not keep its syntax tree alive, but their own
    // plain fields (e.g. the lines a Dockerfile pragma covers) are kept for foreignPragma.
    const comments = new Map<string, Comment[]>();
    for (const [f, list] of analysis.comments) comments.set(f, list.map((c) => ({ ...c })));
    const entry: UnitEntry = { analysis: { findings: analysis.findings, comments }, deps: tracking.deps };
    this.units.set(key, entry);
    return entry;
  }

  private recordDeps(file: string, deps: Deps): void {
    if (this.options.trackDependents !== false) this.fileDeps.set(file, deps);
  }

  /** Findings for one file, after configuration and suppressions. Never throws. */
  lintFile(file: string, languageId?: string): LintResult {
    try {
      return this.lintFileUnsafe(file, languageId);
    } catch (e) {
      this.log(`linting ${file} failed: ${(e as Error)?.stack ?? String(e)}`);
      return { file, findings: [], skipped: `internal error: ${(e as Error)?.message ?? String(e)}` };
    }
  }

  private lintFileUnsafe(file: string, languageId?: string): LintResult {
    const root = this.rootOf(file);
    const loaded = this.loadedConfig(root);
    const config = loaded.config;
    const rel = root ? relativeTo(root, file) : undefined;
    if (this.isConfigFile(file)) {
      this.recordDeps(file, readsOf(file));
      return {
        file,
        findings: this.applyConfig(
          loaded.problems.map((p) => ({ ruleId: 'DG001', severity: 'warning' as const, message: p.message, file, range: p.range })),
          config,
          rel,
        ),
      };
    }
    if (rel !== undefined && isIgnored(config, rel)) return { file, findings: [], skipped: 'ignored by .deployguard.json' };
    const kind = rel === undefined && languageId ? this.kinds.find((k) => k.languageIds.includes(languageId)) : this.kindFor(file, languageId);
    if (!kind) return { file, findings: [], skipped: 'not a file DeployGuard reads' };

    const read = this.view.read(file);
    if (!read.ok) {
      this.recordDeps(file, readsOf(file));
      if (read.reason === 'missing' || read.reason === 'outside-workspace') return { file, kind: kind.id, findings: [], skipped: read.message };
      const finding: Finding = {
        ruleId: 'DG004',
        severity: 'info',
        message: read.message,
        file,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      };
      return { file, kind: kind.id, findings: this.applyConfig([finding], config, rel), skipped: read.message };
    }

    const unitsTracking = new TrackingView(this.view);
    const ctx = this.context(root, unitsTracking);
    let unitRoots: string[];
    try {
      unitRoots = kind.unitsFor(file, ctx);
    } catch (e) {
      this.log(`${kind.id}: finding the units of ${file} failed: ${(e as Error)?.stack ?? String(e)}`);
      unitRoots = [file];
    }
    if (unitRoots.length === 0) unitRoots = [file];

    // The file's result depends on what deciding its units read, and on what the units read.
    const deps = unitsTracking.deps;
    deps.reads.add(file);
    const seen = new Set<string>();
    const raw: Finding[] = [];
    let comments: Comment[] | undefined;
    for (const unitRoot of unitRoots) {
      const unit = this.analyzeUnit(unitRoot, root, kind);
      deps.parts.add(unit.deps);
      for (const f of unit.analysis.findings) {
        if (f.file !== file) continue;
        const key = findingKey(f);
        if (seen.has(key)) continue;
        seen.add(key);
        raw.push(f);
      }
      comments ??= unit.analysis.comments.get(file);
    }
    this.recordDeps(file, deps);
    if (!comments) {
      try {
        comments = kind.comments(read.text);
      } catch {
        comments = [];
      }
    }

    const configured = this.applyConfig(raw, config, rel);
    const suppressions = parseSuppressions(comments, kind.foreignPragma?.bind(kind));
    const { kept, problems } = applySuppressions(configured, suppressions, file, (id) => {
      const meta = this.rulesById.get(id);
      if (!meta) return 'unknown';
      return this.isEnabled(meta, config, rel) ? 'enabled' : 'disabled';
    }, read.text);
    const findings = [...kept, ...this.applyConfig(problems, config, rel)];
    this.clampRanges(findings, read.text);
    findings.sort(compareFindings);
    return { file, kind: kind.id, findings };
  }

  private isEnabled(meta: RuleMeta, config: ProjectConfig, rel: string | undefined): boolean {
    const setting = ruleSettingFor(config, meta.id, rel);
    if (setting === 'off') return false;
    if (setting === undefined) return !meta.optIn;
    return true;
  }

  /** Drops disabled rules and applies severity overrides. */
  private applyConfig(findings: Finding[], config: ProjectConfig, rel: string | undefined): Finding[] {
    const out: Finding[] = [];
    for (const f of findings) {
      const meta = this.rulesById.get(f.ruleId);
      const setting = ruleSettingFor(config, f.ruleId, rel);
      if (setting === 'off') continue;
      if (setting === undefined && meta?.optIn) continue;
      if (setting === 'error' || setting === 'warning' || setting === 'info') out.push({ ...f, severity: setting });
      else out.push(f);
    }
    return out;
  }

  /**
   * A finding's range always lies inside its document, whatever a rule computed. A clamped finding
   * is a copy: kinds may keep and reuse their finding objects.
   */
  private clampRanges(findings: Finding[], text: string): void {
    if (findings.length === 0) return;
    const index = LineIndex.of(text);
    const inside = (p: { line: number; character: number }) =>
      p.line >= 0 && p.line < index.lineCount && p.character >= 0 && index.lineStarts[p.line] + p.character <= index.lineEnd(p.line);
    findings.forEach((f, i) => {
      if (inside(f.range.start) && inside(f.range.end) && index.offsetAt(f.range.start) <= index.offsetAt(f.range.end)) return;
      this.log(`${f.ruleId} reported a range outside ${f.file}: ${JSON.stringify(f.range)} (clamped)`);
      const s = index.offsetAt(f.range.start);
      const e = Math.max(s, index.offsetAt(f.range.end));
      findings[i] = { ...f, range: index.range(s, e) };
    });
  }

  /** Every supported file under the roots (skipping unrelated folders and ignored paths). */
  discover(options: { exclude?: string[]; isCancelled?: () => boolean; maxEntries?: number } = {}): DiscoverResult {
    const files: string[] = [];
    let truncated: DiscoverResult['truncated'];
    for (const root of this.roots) {
      const config = this.loadedConfig(root).config;
      const result = discoverFiles(root, {
        exclude: [...(options.exclude ?? []), ...config.ignore],
        isCancelled: options.isCancelled,
        maxEntries: options.maxEntries,
        accept: (rel, abs) => this.isConfigFile(abs) || this.kindFor(abs) !== undefined,
      });
      files.push(...result.files);
      truncated ??= result.truncated;
    }
    return { files, truncated };
  }

  private forgetIncludeClaims(): void {
    this.includeClaimed.clear();
    this.includeClaimDeps = new Deps();
  }

  /**
   * Files whose last lint result was computed from `file` (so they need re-linting when it changes):
   * from its text (`content`), or also from its existence (`any`: it appeared or went away).
   */
  dependentsOf(file: string, change: ChangeKind = 'content'): string[] {
    const out: string[] = [];
    for (const [f, deps] of this.fileDeps) if (f !== file && deps.dependsOn(file, change === 'any')) out.push(f);
    return out;
  }

  /**
   * Forget what depends on `file`: it changed, appeared or disappeared (`any`, the default), or only
   * its text changed (`content`: directory listings stay valid). Without argument, everything.
   */
  invalidate(file?: string, change: ChangeKind = 'any'): void {
    if (file === undefined || this.isConfigFile(file)) {
      this.units.clear();
      this.configs.clear();
      this.view.clear();
      this.memos.clear();
      this.kindOf.clear();
      this.forgetIncludeClaims();
      return;
    }
    const contentOnly = change === 'content';
    this.view.invalidate(file, contentOnly);
    this.memos.invalidate(file, contentOnly);
    this.kindOf.delete(file);
    if (this.includeClaimDeps.dependsOn(file, !contentOnly)) {
      for (const f of this.includeClaimed) this.kindOf.delete(f);
      this.forgetIncludeClaims();
    }
    if (!contentOnly) {
      const below = file + '/';
      for (const k of [...this.kindOf.keys()]) if (k.startsWith(below)) this.kindOf.delete(k);
    }
    for (const [key, unit] of this.units) {
      if (unit.deps.dependsOn(file, !contentOnly)) this.units.delete(key);
    }
  }
}
