// NGX010: references to regex captures that cannot exist: `$2` with a one-group pattern (rewrite,
// or directives under an if/location regex), or captures used inside `if ($x !~ …)` where the regex
// did not match.
import type { Node } from '../model';
import { parseRegex, type Regex } from '../regex';
import { blockRegex, ifCondition } from '../vars';
import { meta, report, type Ctx } from './util';

const REF = /\$(?:\{([1-9])\}|([1-9]))/g;

function refs(text: string): number[] {
  const out: number[] = [];
  REF.lastIndex = 0;
  for (let m = REF.exec(text); m; m = REF.exec(text)) out.push(Number(m[1] ?? m[2]));
  return out;
}

export default {
  meta: meta({
    id: 'NGX010',
    title: 'Reference to a regex capture that does not exist',
    severity: 'warning',
    fix: 'no',
    why: 'A capture that does not exist expands to an empty string (or to a stale value from another regex): paths, redirects and headers silently lose the part the author meant to insert.',
    anchors: 'gixy invalid_regex; Gixy-Next unnamed_groups, overlapping_captures',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    for (const n of unit.all()) {
      if (n.children || n.args.length === 0 || n.name === 'location' || n.name === 'if') continue;
      let regex: Regex | undefined;
      let source: string;
      let args = n.args;
      let negated: Node | undefined;
      if (n.name === 'rewrite') {
        regex = parseRegex(n.args[0].text);
        source = 'the rewrite pattern';
        args = n.args.slice(1, 2);
      } else {
        source = '';
        for (let p: Node | undefined = n.parent; p; p = p.parent) {
          if (p.name === 'if') {
            const c = ifCondition(p);
            if (c && (c.op === '!~' || c.op === '!~*')) {
              negated = p;
              break;
            }
          }
          const r = blockRegex(p);
          if (r) {
            regex = r;
            source = p.name === 'if' ? 'the if condition' : 'the location regex';
            break;
          }
          if (p.name === 'location' || p.name === 'server') break;
        }
      }
      const used = args.flatMap((a) => refs(a.text).map((k) => ({ k, a })));
      if (used.length === 0) continue;
      if (negated) {
        report(ctx, n, `$${used[0].k} is used inside "if (… !~ …)": that block runs only when the regex did not match, so the capture is empty or stale`, { range: unit.tokenRange(n, used[0].a) });
        continue;
      }
      if (!regex) continue;
      const bad = used.find((u) => u.k > regex!.groups.size);
      if (!bad) continue;
      const have = regex.groups.size === 0 ? 'has no capturing group' : `has only ${regex.groups.size} capturing group${regex.groups.size > 1 ? 's' : ''}`;
      report(ctx, n, `$${bad.k} does not exist: ${source} "${regex.source}" ${have}, so it expands to an empty string`, { range: unit.tokenRange(n, bad.a) });
    }
  },
};
