// Helpers shared by the SSH rules: where a finding points, related locations, and minimal edits.
import * as path from 'node:path';
import type { RuleContext } from '../../engine/kind';
import type { Fix, Range, RelatedLocation, RuleMeta } from '../../engine/types';
import { canonicalName } from './keywords';
import type { Directive } from './lexer';
import { blockOptions, globalSettings, winners, type MatchBlock, type Setting, type SshdModel } from './model';

export type SshdRuleContext = RuleContext<SshdModel>;

export function meta(m: Omit<RuleMeta, 'kind'>): RuleMeta {
  return { ...m, kind: 'sshd' };
}

function file(model: SshdModel, f: string) {
  return model.files.get(f)!;
}

/** The directive from its keyword to its last argument (trailing comment excluded). */
export function directiveRange(model: SshdModel, d: Directive): Range {
  const end = d.args.length ? d.args[d.args.length - 1].end : d.keywordEnd;
  return file(model, d.file).index.range(d.keywordStart, end);
}

export function tokenRange(model: SshdModel, d: Directive, i = 0): Range {
  const t = d.args[i];
  return t ? file(model, d.file).index.range(t.start, t.end) : directiveRange(model, d);
}

/** Where an absent global setting is reported: line 1 of the main file. */
export function fileStartRange(model: SshdModel): Range {
  const f = file(model, model.root);
  return f ? f.index.lineRange(0) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

export function scopeLabel(s: Setting): string {
  if (!s.block || s.block.initialActive) return '';
  const args = s.block.directive.args.map((a) => a.text).join(' ');
  return ` (in "Match ${args}")`;
}

/** Related locations for a line read through Include: the Include lines that pull it in. */
export function includeRelated(model: SshdModel, s: Setting): RelatedLocation[] {
  return s.via.map((inc) => ({
    file: inc.file,
    range: directiveRange(model, inc),
    message: `${path.basename(s.d.file)} is read here (included files are read at the place of the Include)`,
  }));
}

/** A fix replacing the setting's arguments by `value` (the keyword, comment and spacing stay). */
export function replaceValueFix(model: SshdModel, s: Setting, value: string, title?: string, isPreferred = true): Fix {
  const first = s.d.args[0];
  const last = s.d.args[s.d.args.length - 1];
  const f = file(model, s.d.file);
  return {
    title: title ?? `Set ${canonicalName(s.option)} ${value}`,
    isPreferred,
    edits: [{ file: s.d.file, range: f.index.range(first.start, last.end), newText: value }],
  };
}

/** A fix deleting the whole line of a directive. */
export function deleteLineFix(model: SshdModel, d: Directive, title: string, isPreferred = true): Fix {
  const f = file(model, d.file);
  return { title, isPreferred, edits: [{ file: d.file, range: f.index.range(d.lineStart, d.lineBreakEnd), newText: '' }] };
}

/**
 * A fix adding `line` to the main file where it wins: before the first Include or Match line (what is
 * read first wins, and a Match block would capture it), else at the end of the global section.
 */
export function insertWinningLineFix(model: SshdModel, line: string, title: string, isPreferred = true): Fix {
  const f = file(model, model.root);
  const eol = f.index.eol;
  const anchor = f.directives.find((d) => d.key === 'include' || d.key === 'match');
  if (anchor) {
    const at = f.index.range(anchor.lineStart, anchor.lineStart);
    return { title, isPreferred, edits: [{ file: model.root, range: at, newText: `${line}${eol}` }] };
  }
  const end = f.text.length;
  const needsBreak = end > 0 && !f.text.endsWith('\n') && !f.text.endsWith('\r');
  return { title, isPreferred, edits: [{ file: model.root, range: f.index.range(end, end), newText: `${needsBreak ? eol : ''}${line}${eol}` }] };
}

/** Scopes a rule on explicit values looks at: the global section, then each Match block. */
export interface Scope {
  block: MatchBlock | null;
  winner: (option: string) => Setting | undefined;
  all: (option: string) => Setting[];
}

const scopeLists = new WeakMap<SshdModel, Scope[]>();

/** The scopes of a model (built once per model: most rules walk them; do not modify). */
export function scopes(model: SshdModel): Scope[] {
  let out = scopeLists.get(model);
  if (out) return out;
  out = [
    {
      block: null,
      winner: (o) => winners(globalSettings(model, o))[0],
      all: (o) => winners(globalSettings(model, o)),
    },
  ];
  for (const b of model.blocks) {
    if (b.initialActive || !b.valid) continue;
    // A block sets few options: rules asking each block for each option find most absent at once.
    const options = blockOptions(model, b);
    out.push({
      block: b,
      winner: (o) => {
        const s = options.get(o);
        return s ? winners(s)[0] : undefined;
      },
      all: (o) => {
        const s = options.get(o);
        return s ? winners(s) : [];
      },
    });
  }
  scopeLists.set(model, out);
  return out;
}

/** Reports a setting at its directive (with the Include chain as related information). */
export function reportSetting(
  ctx: SshdRuleContext,
  s: Setting,
  message: string,
  opts: { severity?: 'error' | 'warning' | 'info'; fixes?: Fix[]; related?: RelatedLocation[]; range?: Range } = {},
): void {
  ctx.report({
    message: message + scopeLabel(s),
    file: s.d.file,
    range: opts.range ?? directiveRange(ctx.model, s.d),
    severity: opts.severity,
    fixes: opts.fixes,
    related: [...(opts.related ?? []), ...includeRelated(ctx.model, s)],
  });
}

/** For a setting found in a drop-in, whether an added main-file line before the Include would win. */
export function overridableFromMain(model: SshdModel, s: Setting): boolean {
  return model.complete && s.d.file !== model.root && (s.block === null || s.block.initialActive) && s.via.length > 0;
}

/**
 * Reports the winning explicit value of `option` in every scope (global section and each Match
 * block) when `bad(value)` returns a message; the fix sets `safe` when given.
 */
export function checkExplicit(
  ctx: SshdRuleContext,
  option: string,
  bad: (value: string, s: Setting) => string | undefined,
  safe?: string | ((s: Setting) => string | undefined),
  severity?: (value: string, s: Setting) => 'error' | 'warning' | 'info' | undefined,
): void {
  for (const scope of scopes(ctx.model)) {
    const s = scope.winner(option);
    if (!s) continue;
    const message = bad(s.parsed.value, s);
    if (!message) continue;
    const value = typeof safe === 'function' ? safe(s) : safe;
    reportSetting(ctx, s, message, {
      severity: severity?.(s.parsed.value, s),
      fixes: value !== undefined ? [replaceValueFix(ctx.model, s, value)] : undefined,
    });
  }
}
