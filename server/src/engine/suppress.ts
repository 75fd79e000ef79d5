// Inline suppressions, in each file's own comment syntax (all five kinds use `#`):
//   # deployguard-ignore SSH002 -- reason        (on the finding's line, or alone on the line before)
//   # deployguard-ignore-file SSH009 -- reason   (anywhere in the file)
// Several ids may be given, separated by commas or spaces. A suppression without a reason, naming
// an unknown rule, or suppressing nothing is itself reported (DG002, DG003).
import type { ForeignPragma } from './kind';
import { LineIndex } from './text';
import type { Comment, Finding, Fix, Range } from './types';

export interface Suppression {
  scope: 'line' | 'file';
  ruleIds: string[];
  reason?: string;
  /** Line of the comment. */
  line: number;
  /** The comment's own range (for reporting problems with it). */
  range: Range;
  /** Lines a line-scoped suppression covers. */
  lines: number[];
  /** Set when it comes from another tool's pragma (hadolint, checkov…): never reported as unused. */
  foreign?: boolean;
  used: Set<string>;
}

const PRAGMA = /^\s*deployguard-ignore(-file)?(?=\s|$)(.*)$/;
const RULE_ID = /^[A-Z]{2,3}\d{3}$/;

export function parseSuppressions(
  comments: Comment[],
  foreign?: (c: Comment) => ForeignPragma | undefined,
): Suppression[] {
  const out: Suppression[] = [];
  for (const c of comments) {
    const range: Range = {
      start: { line: c.line, character: c.character },
      end: { line: c.line, character: c.character + 1 + c.text.length },
    };
    const lines = c.wholeLine ? [c.line, c.line + 1] : [c.line];
    const m = PRAGMA.exec(c.text);
    if (m) {
      let rest = m[2];
      let reason: string | undefined;
      const sep = rest.indexOf('--');
      if (sep >= 0) {
        reason = rest.slice(sep + 2).trim() || undefined;
        rest = rest.slice(0, sep);
      }
      const ruleIds = rest.split(/[\s,]+/).filter(Boolean);
      out.push({ scope: m[1] ? 'file' : 'line', ruleIds, reason, line: c.line, range, lines, used: new Set() });
      continue;
    }
    const f = foreign?.(c);
    if (f) out.push({ scope: f.scope, ruleIds: f.ruleIds, reason: f.reason ?? 'pragma of another tool', line: c.line, range, lines: f.lines ?? lines, foreign: true, used: new Set() });
  }
  return out;
}

/**
 * Removes suppressed findings (marking the suppressions used) and returns the findings about the
 * suppressions themselves. `enabled` tells whether a rule id is known and on for this file:
 * a suppression of a rule that is off is not "unused".
 */
export function applySuppressions(
  findings: Finding[],
  suppressions: Suppression[],
  file: string,
  knownRule: (id: string) => 'enabled' | 'disabled' | 'unknown',
  text?: string,
): { kept: Finding[]; problems: Finding[] } {
  let index: LineIndex | undefined;
  const indexOf = () => (text === undefined ? undefined : (index ??= LineIndex.of(text)));
  const kept: Finding[] = [];
  // The first suppression (in comment order) that covers a finding takes it. Indexed by the lines
  // line-scoped ones cover and by the rules file-scoped ones name: a file with thousands of
  // suppressions and findings is not matched pair by pair.
  const order = new Map<Suppression, number>();
  const byLine = new Map<number, Suppression[]>();
  const fileWide = new Map<string, Suppression>();
  suppressions.forEach((s, i) => {
    order.set(s, i);
    if (s.scope === 'file') {
      for (const id of s.ruleIds) if (!fileWide.has(id)) fileWide.set(id, s);
      return;
    }
    for (const line of new Set(s.lines)) {
      const list = byLine.get(line);
      if (list) list.push(s);
      else byLine.set(line, [s]);
    }
  });
  for (const f of findings) {
    let s = fileWide.get(f.ruleId);
    const onLine = byLine.get(f.range.start.line)?.find((x) => x.ruleIds.includes(f.ruleId));
    if (onLine && (!s || order.get(onLine)! < order.get(s)!)) s = onLine;
    if (s) s.used.add(f.ruleId);
    else kept.push(f);
  }
  const problems: Finding[] = [];
  for (const s of suppressions) {
    if (s.foreign) continue;
    const kind = s.scope === 'file' ? 'deployguard-ignore-file' : 'deployguard-ignore';
    if (s.ruleIds.length === 0) {
      problems.push({
        ruleId: 'DG003',
        severity: 'info',
        message: `${kind} names no rule: write the rule ids to suppress, e.g. "# ${kind} SSH002 -- reason"`,
        file,
        range: s.range,
      });
      continue;
    }
    if (!s.reason) {
      problems.push({
        ruleId: 'DG002',
        severity: 'info',
        message: `${kind} ${s.ruleIds.join(', ')} has no reason: add one after "--" so reviewers know why`,
        file,
        range: s.range,
      });
    }
    const unused = s.ruleIds.filter((id) => !s.used.has(id) && (RULE_ID.test(id) ? knownRule(id) : 'unknown') !== 'disabled');
    for (const id of unused) {
      const state = RULE_ID.test(id) ? knownRule(id) : 'unknown';
      problems.push({
        fixes: indexOf() ? [removalFix(s, id, unused.length === s.ruleIds.length, indexOf()!, file)] : undefined,
        ruleId: 'DG003',
        severity: 'info',
        message:
          state === 'unknown'
            ? `${kind} names "${id}", which is not a DeployGuard rule`
            : `${kind} ${id} suppresses nothing${s.scope === 'line' ? ' on this or the next line' : ' in this file'}: remove it`,
        file,
        range: s.range,
      });
    }
  }
  return { kept, problems };
}

/**
 * The fix for an unused suppression: drop the whole comment when none of its ids is used (the whole
 * line when the comment stands alone), else drop just this id from the list.
 */
function removalFix(s: Suppression, id: string, whole: boolean, index: LineIndex, file: string): Fix {
  const line = s.range.start.line;
  const lineText = index.lineText(line);
  if (whole) {
    const before = lineText.slice(0, s.range.start.character);
    if (before.trim() === '') {
      return {
        title: 'Remove the unused suppression',
        isPreferred: true,
        edits: [{ file, range: index.range(index.lineStarts[line], index.lineBreakEnd(line)), newText: '' }],
      };
    }
    const start = before.trimEnd().length;
    return {
      title: 'Remove the unused suppression',
      isPreferred: true,
      edits: [{ file, range: { start: { line, character: start }, end: s.range.end }, newText: '' }],
    };
  }
  const commentText = lineText.slice(s.range.start.character, s.range.end.character);
  // regex-safe: the id is escaped and the pattern has a single quantifier
  const m = new RegExp(`([\\s,]+)${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s,]|$)`).exec(commentText);
  const at = m ? s.range.start.character + m.index : s.range.start.character;
  const len = m ? m[0].length : 0;
  return {
    title: `Remove ${id} from the suppression`,
    isPreferred: true,
    edits: [{ file, range: { start: { line, character: at }, end: { line, character: at + len } }, newText: '' }],
  };
}
