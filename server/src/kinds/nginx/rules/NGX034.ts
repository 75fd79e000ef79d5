// NGX034: CORS that lets any site read credentialed responses: Allow-Origin * with
// Allow-Credentials true, or Allow-Origin $http_origin reflected without validation.
import type { Node } from '../model';
import { ifCondition } from '../vars';
import { headerName, meta, report, related, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX034',
    title: 'CORS allows any origin with credentials',
    severity: 'error',
    fix: 'no',
    why: 'A reflected or wildcard origin with credentials lets any website read your users\' authenticated responses from their browser.',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    const validated = (n: Node) => {
      for (let p = n.parent; p; p = p.parent) {
        if (p.name !== 'if') continue;
        const c = ifCondition(p);
        if (c && c.variable.toLowerCase() === '$http_origin' && c.op !== '') return true;
      }
      return false;
    };
    // Nothing to look for without an Access-Control-Allow-Origin header anywhere.
    if (!unit.named('add_header').some((h) => headerName(h) === 'access-control-allow-origin')) return;
    const seen = new Set<Node>();
    for (const level of unit.all()) {
      if (!level.children) continue;
      const eff = unit.effectiveArray(level, 'add_header');
      const origin = eff.find((h) => headerName(h) === 'access-control-allow-origin');
      if (!origin || seen.has(origin)) continue;
      const value = origin.args[1]?.text.trim() ?? '';
      if (value.toLowerCase() === '$http_origin' && !validated(origin)) {
        seen.add(origin);
        report(ctx, origin, 'Access-Control-Allow-Origin reflects $http_origin without validating it: every website is allowed; check the origin with a map or an anchored regex first');
        continue;
      }
      const cred = eff.find((h) => headerName(h) === 'access-control-allow-credentials');
      if (value === '*' && cred && cred.args[1]?.text.trim().toLowerCase() === 'true') {
        seen.add(origin);
        const [first, second] = origin.d.start <= cred.d.start || origin.file !== cred.file ? [origin, cred] : [cred, origin];
        report(ctx, first, 'Access-Control-Allow-Origin * together with Access-Control-Allow-Credentials true: list the allowed origins explicitly', {
          related: [related(unit, second, second === cred ? 'credentials allowed here' : 'wildcard origin here')],
        });
      }
    }
  },
};
