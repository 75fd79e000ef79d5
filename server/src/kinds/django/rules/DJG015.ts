// DJG015: CSRF_COOKIE_SECURE not True while CsrfViewMiddleware is installed (W016).
import type { Rule } from '../../../engine/kind';
import { setting, type DjangoModel } from '../model';
import { truthy } from '../values';
import { CSRF_MW, hasMiddleware, judge, lit, meta, reportJudgement } from './common';

export const DJG015: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG015',
    title: 'CSRF cookie is not marked Secure',
    severity: 'warning',
    fix: 'yes',
    why: 'A CSRF cookie sent over plain HTTP can be read or set by a network attacker, who can then forge requests that pass the CSRF check.',
    anchors: 'DJ security.W016',
  }),
  check(ctx) {
    const m = ctx.model;
    if (hasMiddleware(m, CSRF_MW) !== true) return;
    const sessions = setting(m, 'CSRF_USE_SESSIONS');
    if (sessions && (sessions.cond || truthy(sessions.value) !== false)) return;
    const j = judge(m, 'CSRF_COOKIE_SECURE', lit('bool', false), truthy);
    reportJudgement(ctx, j, 'CSRF_COOKIE_SECURE', {
      goodText: 'True',
      predicate: 'is not True',
      impact: 'the CSRF token cookie is also sent over plain HTTP',
      anchorId: 'security.W016',
    });
  },
};
