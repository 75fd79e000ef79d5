// DJG006: SecurityMiddleware absent (W001).
import type { Rule } from '../../../engine/kind';
import type { DjangoModel } from '../model';
import { meta, SECURITY_MW } from './common';
import { checkMiddleware } from './middleware';

export const DJG006: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG006',
    title: 'SecurityMiddleware is not installed',
    severity: 'warning',
    fix: 'yes',
    why: 'Without SecurityMiddleware, SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY, the opener policy and SECURE_SSL_REDIRECT have no effect.',
    anchors: 'DJ security.W001',
  }),
  check(ctx) {
    checkMiddleware(ctx, {
      entry: SECURITY_MW,
      short: 'SecurityMiddleware',
      consequence: 'HSTS, nosniff, referrer policy and the HTTPS redirect settings have no effect',
      anchorId: 'security.W001',
      position: () => 0,
    });
  },
};
