// DJG013: SESSION_COOKIE_SECURE not True while sessions are used (W010/W011/W012).
import type { Rule } from '../../../engine/kind';
import type { DjangoModel } from '../model';
import { truthy } from '../values';
import { judge, lit, meta, reportJudgement } from './common';
import { sessionAnchor } from './cookies';

export const DJG013: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG013',
    title: 'Session cookie is not marked Secure',
    severity: 'warning',
    fix: 'yes',
    why: 'A session cookie without the Secure flag is sent over plain HTTP too, where anyone on the network can copy it and take over the session.',
    anchors: 'DJ security.W010, W011, W012',
  }),
  check(ctx) {
    const m = ctx.model;
    const id = sessionAnchor(m, ['security.W010', 'security.W011', 'security.W012']);
    if (!id) return;
    const j = judge(m, 'SESSION_COOKIE_SECURE', lit('bool', false), truthy);
    reportJudgement(ctx, j, 'SESSION_COOKIE_SECURE', {
      goodText: 'True',
      predicate: 'is not True',
      impact: 'the session cookie is also sent over plain HTTP, where it can be stolen',
      anchorId: id !== 'unknown' ? id : undefined,
    });
  },
};
