// DJG012: SECURE_SSL_REDIRECT not True (W008); info when TLS is terminated upstream (project option)
// or when an nginx configuration of the workspace redirects HTTP to HTTPS for the site's hosts.
import * as path from 'node:path';
import type { Rule } from '../../../engine/kind';
import type { RelatedLocation } from '../../../engine/types';
import { certain, type DjangoModel } from '../model';
import { hostMatches, httpsRedirects } from '../nginx';
import { isSeq } from '../values';
import { boolTypes, hasMiddleware, isTrue, judge, lit, meta, reportJudgement, SECURITY_MW } from './common';

/** The nginx redirect that covers the site's hosts (ALLOWED_HOSTS), if any. */
function nginxRedirect(m: DjangoModel): { file: string; related: RelatedLocation } | undefined {
  const hosts = certain(m, 'ALLOWED_HOSTS');
  const allowed = hosts && isSeq(hosts.v) ? hosts.v.items.flatMap((i) => (i.t === 'str' ? [i.v] : [])) : [];
  for (const r of httpsRedirects(m.ctx, m.root)) {
    if (allowed.length === 0 || r.hosts.length === 0 || r.hosts.some((h) => allowed.some((a) => hostMatches(h, a)))) {
      return { file: r.file, related: { file: r.file, range: r.range, message: 'nginx redirects plain HTTP to HTTPS here' } };
    }
  }
  return undefined;
}

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
    const j = judge(m, 'SECURE_SSL_REDIRECT', lit('bool', false), isTrue, boolTypes);
    if (j.kind === 'ok' || j.kind === 'unknown') return;
    const upstream = m.ctx.config.django.tlsTerminatedUpstream === true;
    const nginx = upstream ? undefined : nginxRedirect(m);
    reportJudgement(ctx, j, 'SECURE_SSL_REDIRECT', {
      goodText: 'True',
      predicate: 'is not True',
      impact: upstream
        ? 'the project configuration says a proxy terminates TLS and redirects to HTTPS (django.tlsTerminatedUpstream), so this is informational'
        : nginx
          ? `nginx (${path.basename(nginx.file)}) redirects plain HTTP to HTTPS, so this is informational; Django itself would still answer HTTP requests that reach it directly`
          : 'the site also answers over plain HTTP unless a proxy redirects',
      anchorId: 'security.W008',
      severity: upstream || nginx ? 'info' : undefined,
      envTypeText: 'a string, which is never True',
      caveat: 'Behind a TLS-terminating proxy, also set SECURE_PROXY_SSL_HEADER, or the redirect loops.',
      related: nginx ? [nginx.related] : undefined,
    });
  },
};
