// DJG012: SECURE_SSL_REDIRECT not True (W008); info when TLS is terminated upstream.
import type { Rule } from '../../../engine/kind';
import type { DjangoModel } from '../model';
import { boolTypes, hasMiddleware, isTrue, judge, lit, meta, reportJudgement, SECURITY_MW } from './common';

export const DJG012: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG012',
    title: 'HTTP requests are not redirected to HTTPS',
    severity: 'warning',
    fix: 'yes',
    why: 'If the site also answers over plain HTTP, logins, cookies and pages can be read and changed on the network.',
    anchors: 'DJ security.W008',
  }),
  check(ctx) {
    const m = ctx.model;
    if (hasMiddleware(m, SECURITY_MW) !== true) return;
    const upstream = m.ctx.config.django.tlsTerminatedUpstream === true;
    const j = judge(m, 'SECURE_SSL_REDIRECT', lit('bool', false), isTrue, boolTypes);
    reportJudgement(ctx, j, 'SECURE_SSL_REDIRECT', {
      goodText: 'True',
      predicate: 'is not True',
      impact: upstream
        ? 'the project configuration says a proxy terminates TLS and redirects to HTTPS (django.tlsTerminatedUpstream), so this is informational'
        : 'the site also answers over plain HTTP unless a proxy redirects',
      anchorId: 'security.W008',
      severity: upstream ? 'info' : undefined,
      envTypeText: 'a string, which is never True',
      caveat: 'Behind a TLS-terminating proxy, also set SECURE_PROXY_SSL_HEADER, or the redirect loops.',
    });
  },
};
