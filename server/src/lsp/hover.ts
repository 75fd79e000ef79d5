// Hover on a finding: what was found, the rule's title and why it matters, the fixes on offer,
// and a link to the rule page.
import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import { comparePositions, type Finding, type Position, type RuleMeta } from '../engine';
import { ruleDocUri } from '../cli/docs';
import { fixTitle } from './codeActions';

function contains(f: Finding, p: Position): boolean {
  return comparePositions(f.range.start, p) <= 0 && comparePositions(p, f.range.end) <= 0;
}

export function hoverFor(findings: Finding[], position: Position, rule: (id: string) => RuleMeta | undefined, markdown: boolean): Hover | null {
  const hits = findings.filter((f) => contains(f, position));
  if (hits.length === 0) return null;
  const parts: string[] = [];
  for (const f of hits) {
    const meta = rule(f.ruleId);
    const lines: string[] = [];
    const title = meta ? `${f.ruleId}: ${meta.title}` : f.ruleId;
    lines.push(markdown ? `**${escapeMd(title)}** (${f.severity})` : `${title} (${f.severity})`);
    lines.push('');
    lines.push(markdown ? escapeMd(f.message) : f.message);
    if (meta?.why) {
      lines.push('');
      lines.push(markdown ? `*Why:* ${escapeMd(meta.why)}` : `Why: ${meta.why}`);
    }
    const fixes = f.fixes ?? [];
    if (fixes.length > 0) {
      lines.push('');
      lines.push(markdown ? `*Fix:* ${fixes.map((x) => escapeMd(fixTitle(x))).join('; ')} (quick fix available)` : `Fix: ${fixes.map(fixTitle).join('; ')} (quick fix available)`);
    }
    const href = ruleDocUri(f.ruleId);
    if (href) {
      lines.push('');
      lines.push(markdown ? `[Rule documentation: ${f.ruleId}](${href})` : `Rule documentation: ${href}`);
    }
    parts.push(lines.join('\n'));
  }
  const contents: MarkupContent = { kind: markdown ? 'markdown' : 'plaintext', value: parts.join(markdown ? '\n\n---\n\n' : '\n\n') };
  const first = hits[0];
  return { contents, range: first.range };
}

/** Escapes Markdown punctuation in plain text taken from findings and rule metadata. */
function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}
