// NGX016: return or a redirecting rewrite in the same context as allow/deny: the rewrite phase
// runs before the access phase, so the response goes to everyone.
import type { Node } from '../model';
import { meta, report, related, type Ctx } from './util';

function redirects(n: Node): boolean {
  if (n.name === 'return') return true;
  if (n.name !== 'rewrite' || n.args.length < 2) return false;
  const flag = n.args[2]?.text;
  if (flag === 'permanent' || flag === 'redirect') return true;
  const r = n.args[1].text;
  return r.startsWith('http://') || r.startsWith('https://') || r.startsWith('$scheme');
}

export default {
  meta: meta({
    id: 'NGX016',
    title: 'return or redirect bypasses allow/deny',
    severity: 'error',
    fix: 'no',
    why: 'return and redirecting rewrites run in the rewrite phase, before allow/deny are evaluated: the response is sent to every client, the access list never applies.',
    anchors: 'gixy return_bypasses_allow_deny',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    for (const level of unit.all()) {
      if (!level.children) continue;
      const acl = level.children.filter((c) => c.name === 'allow' || c.name === 'deny');
      if (acl.length === 0) continue;
      for (const r of level.children.filter(redirects)) {
        report(ctx, r, `"${r.name}" runs before the allow/deny rules of this ${level.name}: the response is sent to every client (move it into a named location or behind the access check)`, {
          related: [related(unit, acl[0], 'access rule that does not apply to it')],
        });
      }
    }
  },
};
