// NGX013: "if is evil": inside an `if` within a location, anything other than `return` or a
// `rewrite … last|redirect|permanent` (as gixy's if_is_evil accepts them).
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX013',
    title: 'Directive inside "if" in a location ("if is evil")',
    severity: 'warning',
    fix: 'no',
    why: 'Inside a location, if creates a nested pseudo-location: other directives there are silently ignored, inherited oddly or applied to the wrong request.',
    anchors: 'gixy if_is_evil',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    for (const n of unit.all()) {
      const p = n.parent;
      if (!p || p.name !== 'if' || p.parent?.name !== 'location') continue;
      if (n.name === 'return' || n.name === 'include') continue;
      if (n.name === 'rewrite' && ['last', 'redirect', 'permanent'].includes(n.args[n.args.length - 1]?.text ?? '') && n.args.length >= 3) continue;
      report(ctx, n, n.name === 'rewrite'
        ? '"rewrite" inside "if" in a location is only safe with the flag last, redirect or permanent'
        : `"${n.name}" inside "if" in a location may be ignored or applied to the wrong request; only return and rewrite … last are safe there (use a map, or a separate location)`);
    }
  },
};
