// Shared check for the algorithm-list rules SSH010-SSH013: the names a winning list states (after
// +/-/^ resolution against the target version's defaults) that the classifier flags.
import type { Fix } from '../../../engine/types';
import { resolveAlgorithms, type AlgoIssue, type AlgoOption } from '../crypto';
import type { Setting } from '../model';
import { replaceValueFix, reportSetting, scopes, tokenRange, type SshdRuleContext } from '../ruleutil';

const ORDER = { info: 1, warning: 2, error: 3 } as const;

export function checkAlgorithmList(
  ctx: SshdRuleContext,
  option: AlgoOption,
  issue: (name: string) => AlgoIssue | undefined,
  fix: (s: Setting, flagged: string[]) => Fix | undefined,
): void {
  for (const scope of scopes(ctx.model)) {
    const s = scope.winner(option);
    if (!s) continue;
    const { stated } = resolveAlgorithms(option, s.parsed.value, ctx.model.version);
    const flagged = stated.map((n) => ({ n, i: issue(n) })).filter((x) => x.i);
    if (flagged.length === 0) continue;
    const worst = flagged.reduce((a, b) => (ORDER[b.i!.severity] > ORDER[a.i!.severity] ? b : a)).i!.severity;
    const parts = flagged.filter((x) => x.i!.severity === worst).map((x) => `${x.n} (${x.i!.reason})`);
    const others = flagged.filter((x) => x.i!.severity !== worst).map((x) => x.n);
    const message = `${s.d.keyword} enables ${parts.join(', ')}${others.length ? `; also weak: ${others.join(', ')}` : ''}`;
    const f = fix(s, flagged.map((x) => x.n));
    reportSetting(ctx, s, message, { severity: worst, range: tokenRange(ctx.model, s.d), fixes: f ? [f] : undefined });
  }
}

/** A fix replacing the list by a recommended one, keeping only names the target version knows. */
export function recommendedListFix(ctx: SshdRuleContext, s: Setting, recommended: string[], known: string[]): Fix | undefined {
  const list = recommended.filter((n) => known.includes(n));
  return list.length ? replaceValueFix(ctx.model, s, list.join(',')) : undefined;
}
