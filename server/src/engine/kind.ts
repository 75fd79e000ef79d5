// The contract between the engine and a file kind (sshd, nginx, django, requirements, dockerfile),
// and the ESLint-style rule shape each kind uses: metadata beside the check, one module per rule.
import type { ProjectConfig } from './config';
import type { Comment, Finding, KindId, RuleMeta, Severity } from './types';
import type { WorkspaceView } from './workspace';

export interface KindContext {
  /** Read-only view of the workspace; reads are recorded as dependencies of the unit. */
  ws: WorkspaceView;
  /** Project configuration in force for the unit's workspace root. */
  config: ProjectConfig;
  /** The workspace root (absolute) the unit belongs to; '' for an untitled buffer. */
  root: string;
  /** Log line for the output channel / --verbose (never throws). */
  log(message: string): void;
  /**
   * Memoises a value derived from the workspace (a file's parse, the unit a main file forms), shared
   * by every unit and call of the engine until a file it read changes. `compute` gets a context whose
   * reads are recorded for the value; whoever uses the value depends on them too. Treat values as
   * immutable. `key` must name everything the value depends on besides files read and the root's
   * configuration. Set by the Engine; call it through `memo()` below.
   */
  memo?<T>(key: string, compute: (ctx: KindContext) => T): T;
}

/** `ctx.memo` when the context has it (contexts made by the Engine), else just `compute(ctx)`. */
export function memo<T>(ctx: KindContext, key: string, compute: (ctx: KindContext) => T): T {
  return ctx.memo ? ctx.memo(key, compute) : compute(ctx);
}

export interface UnitAnalysis {
  /** Raw findings of every rule (enabled or not: the engine filters), in any file of the unit. */
  findings: Finding[];
  /** Comments of every file the unit parsed, keyed by file: inline suppressions are read from them. */
  comments: Map<string, Comment[]>;
}

/** A suppression pragma of another tool that maps onto our rules (hadolint, checkov, trivy…). */
export interface ForeignPragma {
  ruleIds: string[];
  scope: 'line' | 'file';
  reason?: string;
  /** Lines a line-scoped pragma covers, when not the comment's line and the next (e.g. a whole instruction). */
  lines?: number[];
}

export interface Kind {
  id: KindId;
  title: string;
  /** VS Code language ids of documents this kind reads (used for untitled buffers). */
  languageIds: string[];
  /** Every rule of the kind, opt-in ones included. */
  rules: RuleMeta[];
  /**
   * Does this kind read the file? `relPath` is workspace-relative with forward slashes;
   * `head` returns the start of the text for content-based claims (undefined when unreadable).
   */
  claims(relPath: string, head: () => string | undefined): boolean;
  /**
   * Optional: is the file, which no kind claims by its path and head, included by a file of this
   * kind (an nginx snippet with an unusual name, or one too broken to look like nginx)? Asked with
   * a context whose reads are tracked, so the answer is asked again when what it read changes.
   */
  claimsIncluded?(file: string, ctx: KindContext): boolean;
  /**
   * Roots of the analysis units the file takes part in: usually `[file]`; for an sshd drop-in,
   * the main sshd_config files that include it; for a base settings module, the modules importing it.
   * May be empty (a base module nobody imports is analysed on its own: return `[file]` then).
   */
  unitsFor(file: string, ctx: KindContext): string[];
  /** Parse the unit and run every rule. Must not throw for any input. */
  analyze(unitRoot: string, ctx: KindContext): UnitAnalysis;
  /** Comments of a file in this kind's syntax (used when the file is not part of an analysed unit). */
  comments(text: string): Comment[];
  /** Other tools' suppression pragmas this kind honours, or undefined. */
  foreignPragma?(comment: Comment): ForeignPragma | undefined;
}

export interface ReportInput extends Omit<Finding, 'ruleId' | 'severity'> {
  /** Defaults to the rule's severity. */
  severity?: Severity;
}

export interface RuleContext<M> {
  model: M;
  config: ProjectConfig;
  report(input: ReportInput): void;
}

export interface Rule<M> {
  meta: RuleMeta;
  check(ctx: RuleContext<M>): void;
}

/** A rule that is off for every file of the configuration (its findings would all be dropped). */
export function offEverywhere(meta: RuleMeta, config: ProjectConfig): boolean {
  const setting = config.rules[meta.id];
  if (!(setting === 'off' || (setting === undefined && meta.optIn))) return false;
  return !config.overrides.some((o) => o.rules[meta.id] !== undefined && o.rules[meta.id] !== 'off');
}

/**
 * Runs the rules over a model (not those off for every file). A rule that throws is logged and
 * skipped: the other rules' findings still come through, and the failure is visible in the log
 * rather than crashing the server.
 */
export function runRules<M>(rules: Rule<M>[], model: M, ctx: KindContext): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    if (offEverywhere(rule.meta, ctx.config)) continue;
    const t0 = ruleTimes ? performance.now() : 0;
    try {
      rule.check({
        model,
        config: ctx.config,
        // The report object becomes the finding (no copy: this is on the keystroke path).
        report: (input) => {
          const f = input as Finding;
          f.ruleId = rule.meta.id;
          f.severity = input.severity ?? rule.meta.severity;
          out.push(f);
        },
      });
    } catch (e) {
      ctx.log(`rule ${rule.meta.id} failed: ${(e as Error)?.stack ?? String(e)}`);
    }
    if (ruleTimes) ruleTimes.set(rule.meta.id, (ruleTimes.get(rule.meta.id) ?? 0) + performance.now() - t0);
  }
  return out;
}

let ruleTimes: Map<string, number> | undefined;

/** Profiling (bench/profile.ts --rules): starts summing the time each rule takes; returns the sums. */
export function timeRules(): Map<string, number> {
  ruleTimes = new Map();
  return ruleTimes;
}
