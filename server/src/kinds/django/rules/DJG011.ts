// DJG011: SECURE_CONTENT_TYPE_NOSNIFF not True (W006).
import type { Rule } from '../../../engine/kind';
import { versionAtLeast, type DjangoModel } from '../model';
import { boolTypes, hasMiddleware, isTrue, judge, lit, meta, reportJudgement, SECURITY_MW } from './common';

export const DJG011: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG011',
    title: 'X-Content-Type-Options: nosniff is off',
    severity: 'warning',
    fix: 'yes',
    why: 'Without nosniff, browsers may guess that an uploaded or user-controlled file is HTML or script and run it.',
    anchors: 'DJ security.W006',
  }),
  check(ctx) {
    const m = ctx.model;
    if (hasMiddleware(m, SECURITY_MW) !== true) return;
    const j = judge(m, 'SECURE_CONTENT_TYPE_NOSNIFF', lit('bool', versionAtLeast(m, 3, 0)), isTrue, boolTypes);
    reportJudgement(ctx, j, 'SECURE_CONTENT_TYPE_NOSNIFF', {
      goodText: 'True',
      predicate: 'is not True',
      impact: j.kind === 'absent' ? 'before Django 3.0 the default is False, so browsers may sniff user-controlled files as HTML or script' : 'browsers may sniff user-controlled files as HTML or script',
      anchorId: 'security.W006',
      envTypeText: 'a string, which is never True',
    });
  },
};
