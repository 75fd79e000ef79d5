// NGX008: regular expressions with catastrophic backtracking structure (nested unbounded
// repetition, overlapping alternatives under a repetition).
import { parseRegex, redos } from '../regex';
import { regexUses } from './regexes';
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX008',
    title: 'Regular expression vulnerable to catastrophic backtracking (ReDoS)',
    severity: 'warning',
    fix: 'no',
    why: 'PCRE backtracks exponentially on such patterns: one crafted URL or header keeps a worker busy and stalls every connection it serves.',
    anchors: 'gixy regex_redos (optional deep mode)',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    for (const use of regexUses(unit)) {
      const r = parseRegex(use.pattern, use.ci);
      if (!r) continue;
      const why = redos(r);
      if (why) report(ctx, use.node, `The ${use.where} regex "${use.pattern}" can backtrack exponentially: ${why}`, { range: unit.tokenRange(use.node, use.tok) });
    }
  },
};
