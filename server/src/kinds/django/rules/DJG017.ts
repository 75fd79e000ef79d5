// DJG017: SECURE_REFERRER_POLICY None (W022), invalid (E023), or leaking full URLs (beyond).
import type { Rule } from '../../../engine/kind';
import { anchor, reportAbsent, reportAt, setSettingFix, setting, versionAtLeast, type DjangoModel } from '../model';
import { isSeq, type Value } from '../values';
import { hasMiddleware, meta, SECURITY_MW } from './common';

export const REFERRER_POLICY_VALUES = new Set([
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
]);
const LEAKY = new Set(['unsafe-url', 'no-referrer-when-downgrade']);

/** The policy tokens of a value as Django reads them; undefined when not a known str/sequence. */
function tokens(v: Value): string[] | undefined {
  if (v.t === 'str') return v.v.split(',').map((s) => s.trim());
  if (isSeq(v)) {
    const out: string[] = [];
    for (const i of v.items) {
      if (i.t !== 'str') return undefined;
      out.push(i.v);
    }
    return out;
  }
  return undefined;
}

export const DJG017: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG017',
    title: 'Referrer-Policy is off, invalid or leaks full URLs',
    severity: 'warning',
    fix: 'yes',
    why: 'Without a Referrer-Policy (or with unsafe-url) full URLs, including tokens in query strings, leak to other sites; an invalid value makes browsers ignore the header.',
    anchors: 'DJ security.W022, security.E023',
  }),
  check(ctx) {
    const m = ctx.model;
    if (hasMiddleware(m, SECURITY_MW) !== true) return;
    const fix = () => {
      const f = setSettingFix(m, 'SECURE_REFERRER_POLICY', "'same-origin'");
      return f ? [f] : undefined;
    };
    const b = setting(m, 'SECURE_REFERRER_POLICY');
    if (!b) {
      if (!versionAtLeast(m, 3, 1) && m.complete) {
        reportAbsent(ctx, `SECURE_REFERRER_POLICY is not set (before Django 3.1 the default is None): no Referrer-Policy header is sent${anchor('security.W022')}`, fix());
      }
      return;
    }
    if (b.cond) return;
    const v = b.value;
    if (v.t === 'none') {
      reportAt(ctx, { loc: b.target, binding: b, message: `SECURE_REFERRER_POLICY is None: no Referrer-Policy header is sent, so full URLs leak to other sites${anchor('security.W022')}`, fixes: fix() });
      return;
    }
    const t = tokens(v);
    if (!t) return;
    const invalid = t.filter((x) => !REFERRER_POLICY_VALUES.has(x));
    if (invalid.length) {
      reportAt(ctx, {
        loc: b.target,
        binding: b,
        severity: 'error',
        message: `SECURE_REFERRER_POLICY has an invalid value (${invalid.map((x) => `'${x}'`).join(', ')}): browsers ignore the header${anchor('security.E023')}`,
        fixes: fix(),
      });
      return;
    }
    const leaky = t.filter((x) => LEAKY.has(x));
    if (leaky.length && !t.some((x) => !LEAKY.has(x))) {
      reportAt(ctx, {
        loc: b.target,
        binding: b,
        severity: 'info',
        message: `SECURE_REFERRER_POLICY is '${leaky.join(', ')}': full URLs (paths and query strings) are sent to other sites`,
        fixes: fix(),
      });
    }
  },
};
