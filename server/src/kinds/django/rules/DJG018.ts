// DJG018: SECURE_CROSS_ORIGIN_OPENER_POLICY invalid (E024, Django >= 4.0) or explicitly unsafe-none.
import type { Rule } from '../../../engine/kind';
import { anchor, reportAt, setSettingFix, setting, versionAtLeast, type DjangoModel } from '../model';
import { hasMiddleware, meta, SECURITY_MW } from './common';

export const COOP_VALUES = new Set(['same-origin', 'same-origin-allow-popups', 'unsafe-none']);

export const DJG018: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG018',
    title: 'Cross-Origin-Opener-Policy is invalid or disabled',
    severity: 'error',
    fix: 'yes',
    why: 'An invalid opener policy is not sent at all; without one, pages opened by other sites keep a handle to your window (cross-window attacks, XS-Leaks).',
    anchors: 'DJ security.E024',
  }),
  check(ctx) {
    const m = ctx.model;
    if (!versionAtLeast(m, 4, 0) || hasMiddleware(m, SECURITY_MW) !== true) return;
    const b = setting(m, 'SECURE_CROSS_ORIGIN_OPENER_POLICY');
    if (!b || b.cond) return;
    const v = b.value;
    if (v.t === 'none' || v.t === 'unknown' || v.t === 'env') return;
    const fix = () => {
      const f = setSettingFix(m, 'SECURE_CROSS_ORIGIN_OPENER_POLICY', "'same-origin'");
      return f ? [f] : undefined;
    };
    if (v.t !== 'str' || !COOP_VALUES.has(v.v)) {
      reportAt(ctx, {
        loc: b.target,
        binding: b,
        message: `SECURE_CROSS_ORIGIN_OPENER_POLICY is not one of ${[...COOP_VALUES].map((x) => `'${x}'`).join(', ')}${anchor('security.E024')}`,
        fixes: fix(),
      });
      return;
    }
    if (v.v === 'unsafe-none') {
      reportAt(ctx, { loc: b.target, binding: b, severity: 'info', message: "SECURE_CROSS_ORIGIN_OPENER_POLICY is 'unsafe-none': windows opened by other sites keep a reference to yours", fixes: fix() });
    }
  },
};
