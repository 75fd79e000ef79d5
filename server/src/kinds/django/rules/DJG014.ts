// DJG014: SESSION_COOKIE_HTTPONLY not True while sessions are used (W013/W014/W015).
import type { Rule } from '../../../engine/kind';
import type { DjangoModel } from '../model';
import { truthy } from '../values';
import { judge, lit, meta, reportJudgement } from './common';
import { sessionAnchor } from './cookies';

export const DJG014: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG014',
    title: 'Session cookie is readable by JavaScript',
    severity: 'warning',
    fix: 'yes',
    why: 'Without HttpOnly, any cross-site scripting bug can read the session cookie and hijack the session.',
    anchors: 'DJ security.W013, W014, W015',
  }),
  check(ctx) {
    const m = ctx.model;
    const id = sessionAnchor(m, ['security.W013', 'security.W014', 'security.W015']);
    if (!id) return;
    const j = judge(m, 'SESSION_COOKIE_HTTPONLY', lit('bool', true), truthy);
    reportJudgement(ctx, j, 'SESSION_COOKIE_HTTPONLY', {
      goodText: 'True',
      predicate: 'is not True',
      impact: 'scripts injected through XSS can read the session cookie',
      anchorId: id !== 'unknown' ? id : undefined,
    });
  },
};
