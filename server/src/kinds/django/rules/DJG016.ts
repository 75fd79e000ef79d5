// DJG016: X_FRAME_OPTIONS not 'DENY' while XFrameOptionsMiddleware is installed (W019).
import type { Rule } from '../../../engine/kind';
import { versionAtLeast, type DjangoModel } from '../model';
import { hasMiddleware, judge, lit, meta, reportJudgement, XFRAME_MW } from './common';

export const DJG016: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG016',
    title: "X_FRAME_OPTIONS is not 'DENY'",
    severity: 'info',
    fix: 'yes',
    why: "With SAMEORIGIN, any page of the same site (including user-controlled content) can frame the others, which is enough for some clickjacking attacks.",
    anchors: 'DJ security.W019',
  }),
  check(ctx) {
    const m = ctx.model;
    if (hasMiddleware(m, XFRAME_MW) !== true) return;
    const j = judge(m, 'X_FRAME_OPTIONS', lit('str', versionAtLeast(m, 3, 0) ? 'DENY' : 'SAMEORIGIN'), (v) => (v.t === 'unknown' ? undefined : v.t === 'str' && v.v === 'DENY'));
    reportJudgement(ctx, j, 'X_FRAME_OPTIONS', {
      goodText: "'DENY'",
      predicate: "is not 'DENY'",
      impact: j.kind === 'absent' ? "before Django 3.0 the default is 'SAMEORIGIN', so pages of the same origin may frame each other" : 'pages of the same origin may frame each other',
      anchorId: 'security.W019',
    });
  },
};
