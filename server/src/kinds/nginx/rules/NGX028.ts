// NGX028: an HTML-serving server without clickjacking protection (X-Frame-Options or CSP
// frame-ancestors).
import { contentServers, reportMissing } from './simpleHeaders';
import { meta, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX028',
    title: 'Missing clickjacking protection',
    severity: 'info',
    fix: 'yes',
    why: 'Any site can frame your pages invisibly and trick users into clicking buttons they cannot see (clickjacking).',
    anchors: 'h5bp x-frame-options.conf',
  }),
  check(ctx: Ctx) {
    for (const { server, headers } of contentServers(ctx)) {
      if (headers.has('x-frame-options')) continue;
      const csp = headers.get('content-security-policy');
      if (csp && /frame-ancestors/i.test(csp.args[1]?.text ?? csp.args.map((a) => a.text).join(' '))) continue;
      reportMissing(ctx, server, 'This server sends neither X-Frame-Options nor a CSP frame-ancestors directive: its pages can be framed by any site', ['add_header X-Frame-Options "SAMEORIGIN" always;'], 'Add X-Frame-Options: SAMEORIGIN');
    }
  },
};
