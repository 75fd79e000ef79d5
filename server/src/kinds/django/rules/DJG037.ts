// DJG037: security checks silenced in production.
import type { Rule } from '../../../engine/kind';
import { certain, reportAt, type DjangoModel } from '../model';
import { isSeq } from '../values';
import { meta } from './common';

export const DJG037: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG037',
    title: 'Security checks silenced in production',
    severity: 'info',
    fix: 'no',
    why: 'Silencing security.* checks hides deploy-check failures from everyone running check --deploy; a DeployGuard suppression with a reason is reviewable instead.',
  }),
  check(ctx) {
    const m = ctx.model;
    if (m.role !== 'production') return;
    const c = certain(m, 'SILENCED_SYSTEM_CHECKS');
    if (!c || !isSeq(c.v)) return;
    for (const item of c.v.items) {
      if (item.t === 'str' && item.v.startsWith('security.')) {
        reportAt(ctx, { loc: item.loc, binding: c.b, message: `SILENCED_SYSTEM_CHECKS hides ${item.v} from check --deploy: record why it does not apply (e.g. TLS handled by the proxy) where reviewers see it` });
      }
    }
  },
};
