// NGX046: TLS to the upstream without certificate verification.
import { meta, report, type Ctx } from './util';

const SCHEMES: Record<string, [string, string]> = {
  proxy_pass: ['https://', 'proxy'],
  grpc_pass: ['grpcs://', 'grpc'],
  uwsgi_pass: ['suwsgi://', 'uwsgi'],
};

export default {
  meta: meta({
    id: 'NGX046',
    title: 'Upstream TLS certificate not verified',
    severity: 'warning',
    fix: 'partial',
    why: 'nginx does not verify upstream certificates by default: anyone able to intercept traffic between nginx and the upstream can impersonate it.',
    anchors: 'CIS NGINX (upstream TLS items)',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    for (const n of unit.all()) {
      const s = SCHEMES[n.name];
      if (!s || !n.args[0]?.text.toLowerCase().startsWith(s[0]) || unit.proto(n) !== 'http') continue;
      const level = unit.levelOf(n);
      const verify = unit.effective(level, `${s[1]}_ssl_verify`)?.args[0]?.text === 'on';
      const trusted = unit.effective(level, `${s[1]}_ssl_trusted_certificate`);
      if (verify && trusted) continue;
      report(ctx, n, `${n.name} uses TLS but ${verify ? `${s[1]}_ssl_trusted_certificate is not set` : `${s[1]}_ssl_verify is off`}: the upstream's certificate is not checked (set ${s[1]}_ssl_verify on, ${s[1]}_ssl_trusted_certificate and ${s[1]}_ssl_name)`, {
        range: unit.tokenRange(n, n.args[0]),
      });
    }
  },
};
