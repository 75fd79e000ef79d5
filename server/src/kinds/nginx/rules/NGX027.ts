// NGX027: an HTML-serving server without X-Content-Type-Options: nosniff.
import { contentServers, reportMissing } from './simpleHeaders';
import { meta, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX027',
    title: 'Missing X-Content-Type-Options: nosniff',
    severity: 'info',
    fix: 'yes',
    why: 'Browsers that sniff content types can run an uploaded text or image file as HTML or script (MIME-sniffing XSS).',
    anchors: 'h5bp x-content-type-options.conf',
  }),
  check(ctx: Ctx) {
    for (const { server, headers } of contentServers(ctx)) {
      if (headers.has('x-content-type-options')) continue;
      reportMissing(ctx, server, 'This server does not send "X-Content-Type-Options: nosniff"', ['add_header X-Content-Type-Options "nosniff" always;'], 'Add X-Content-Type-Options: nosniff');
    }
  },
};
