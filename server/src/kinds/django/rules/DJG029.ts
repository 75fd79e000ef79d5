// DJG029: trusting proxy headers (SECURE_PROXY_SSL_HEADER, USE_X_FORWARDED_HOST/PORT).
import type { Rule } from '../../../engine/kind';
import { certain, reportAt, type DjangoModel } from '../model';
import { isSeq } from '../values';
import { meta } from './common';

export const DJG029: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG029',
    title: 'Proxy headers are trusted',
    severity: 'warning',
    fix: 'no',
    why: 'If the proxy does not overwrite X-Forwarded-Proto / X-Forwarded-Host, clients can claim HTTPS (bypassing the redirect and Secure checks) or pick the Host used in reset links.',
  }),
  check(ctx) {
    const m = ctx.model;
    const p = certain(m, 'SECURE_PROXY_SSL_HEADER');
    if (p && isSeq(p.v) && p.v.items[0]?.t === 'str') {
      reportAt(ctx, {
        loc: p.b.target,
        binding: p.b,
        severity: 'info',
        message: `SECURE_PROXY_SSL_HEADER trusts ${p.v.items[0].v}: the proxy in front of Django must always overwrite this header (e.g. nginx proxy_set_header X-Forwarded-Proto $scheme), or clients can claim HTTPS`,
      });
    }
    for (const name of ['USE_X_FORWARDED_HOST', 'USE_X_FORWARDED_PORT']) {
      const c = certain(m, name);
      if (c && c.v.t === 'bool' && c.v.v) {
        reportAt(ctx, {
          loc: c.b.target,
          binding: c.b,
          message: `${name} = True: Django takes the ${name.endsWith('HOST') ? 'host' : 'port'} from X-Forwarded-${name.endsWith('HOST') ? 'Host' : 'Port'}; unless the proxy always sets it, clients choose it (password-reset link poisoning)`,
        });
      }
    }
  },
};
