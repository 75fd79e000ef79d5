// SSH033: Match block errors: a keyword sshd does not allow inside Match (it refuses to start), a
// global setting written after a trailing Match block (silently scoped to it), a Match line sshd
// rejects, or criteria that can never match. Computed while building the model.
import type { Rule } from '../../../engine/kind';
import type { Fix } from '../../../engine/types';
import type { Directive } from '../lexer';
import type { SshdModel } from '../model';
import { meta } from '../ruleutil';

/** Moves a line above the first Match line of its file (there it is in the global section). */
function moveAboveFirstMatch(model: SshdModel, d: Directive): Fix | undefined {
  const f = model.files.get(d.file)!;
  const firstMatch = f.directives.find((x) => x.key === 'match');
  if (!firstMatch || firstMatch.lineStart >= d.lineStart) return undefined;
  let line = f.text.slice(d.lineStart + d.indent, d.lineBreakEnd);
  if (!line.endsWith('\n')) line += f.index.eol;
  const at = f.index.range(firstMatch.lineStart, firstMatch.lineStart);
  return {
    title: `Move ${d.keyword} above the first Match block`,
    isPreferred: true,
    edits: [
      { file: d.file, range: at, newText: line },
      { file: d.file, range: f.index.range(d.lineStart, d.lineBreakEnd), newText: '' },
    ],
  };
}

export const SSH033: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH033',
    title: 'Match block error',
    severity: 'error',
    fix: 'yes',
    why: 'A keyword that is not allowed inside Match stops sshd from starting; hardening appended after a trailing Match block only applies to that match; a Match that can never match silently applies nothing.',
    anchors: 'none (user reports: mondoohq/cnspec#3687, FootprintAI/Containarium#1137)',
  }),
  check(ctx) {
    for (const d of ctx.model.diagnostics) {
      if (d.ruleId !== 'SSH033') continue;
      const fix = d.misplaced ? moveAboveFirstMatch(ctx.model, d.misplaced) : undefined;
      ctx.report({ message: d.message, file: d.file, range: d.range, severity: d.severity, fixes: fix ? [fix] : undefined });
    }
  },
};
