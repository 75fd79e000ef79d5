// DJG004: SECRET_KEY_FALLBACKS with committed or weak keys (Django >= 4.1).
import type { Rule } from '../../../engine/kind';
import { anchor, certain, reportAt, versionAtLeast, type DjangoModel } from '../model';
import { isSeq } from '../values';
import { meta } from './common';
import { weakKeyReason } from './DJG003';

export const DJG004: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG004',
    title: 'Committed or weak keys in SECRET_KEY_FALLBACKS',
    severity: 'warning',
    fix: 'no',
    why: 'Every fallback key still verifies signatures: an old, leaked or weak key in the list keeps forged sessions and reset links valid.',
    anchors: 'DJ security.W025 (Django >= 4.1)',
  }),
  check(ctx) {
    const m = ctx.model;
    if (!versionAtLeast(m, 4, 1)) return;
    const c = certain(m, 'SECRET_KEY_FALLBACKS');
    if (!c || !isSeq(c.v)) return;
    c.v.items.forEach((item, i) => {
      if (item.t !== 'str') return;
      const why = weakKeyReason(item.v);
      reportAt(ctx, {
        loc: item.loc,
        binding: c.b,
        message: why
          ? `SECRET_KEY_FALLBACKS[${i}] is weak: ${why}${anchor('security.W025')}`
          : `SECRET_KEY_FALLBACKS[${i}] is a committed key: it keeps verifying signatures for everyone who can read the code; read it from the environment and drop it once rotated`,
      });
    });
  },
};
