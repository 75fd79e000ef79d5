// DJG009: HSTS off (W004) or too short to matter, while SecurityMiddleware is installed.
import type { Rule } from '../../../engine/kind';
import { certain, reportAt, type DjangoModel } from '../model';
import { hasMiddleware, judge, lit, meta, reportJudgement, SECURITY_MW } from './common';
import { truthy } from '../values';

export const ONE_YEAR = 31536000;

export const DJG009: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG009',
    title: 'HTTP Strict Transport Security is off or too short',
    severity: 'warning',
    fix: 'partial',
    why: 'Without HSTS a network attacker can downgrade the first request of every visit to HTTP and strip TLS; a max-age under a year is not accepted for preloading and lapses between visits.',
    anchors: 'DJ security.W004',
  }),
  check(ctx) {
    const m = ctx.model;
    if (hasMiddleware(m, SECURITY_MW) !== true) return;
    const caveat = 'Roll HSTS out gradually (start with 3600, then a day, a week, a year): once browsers cache it, the site cannot go back to HTTP for that long.';
    const j = judge(m, 'SECURE_HSTS_SECONDS', lit('num', 0), (v) => truthy(v));
    if (j.kind !== 'ok' && j.kind !== 'unknown') {
      reportJudgement(ctx, j, 'SECURE_HSTS_SECONDS', {
        goodText: String(ONE_YEAR),
        predicate: 'is 0',
        impact: 'browsers are never told to insist on HTTPS (no HSTS)',
        anchorId: 'security.W004',
        preferred: false,
        caveat,
      });
      return;
    }
    const c = certain(m, 'SECURE_HSTS_SECONDS');
    if (c && c.v.t === 'num' && c.v.v > 0 && c.v.v < ONE_YEAR) {
      reportAt(ctx, {
        loc: c.b.target,
        binding: c.b,
        message: `SECURE_HSTS_SECONDS is ${c.v.v} (under a year): browsers forget HSTS between visits and the site cannot be preloaded; raise it to ${ONE_YEAR} once the rollout is done`,
      });
    }
  },
};
