// NGX030 (opt-in): Referrer-Policy, Permissions-Policy and the Cross-Origin-*-Policy headers.
import { contentServers, reportMissing } from './simpleHeaders';
import { meta, type Ctx } from './util';

const WANTED: [string, string][] = [
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Permissions-Policy', 'camera=(), geolocation=(), microphone=(), payment=(), usb=()'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Embedder-Policy', 'require-corp'],
  ['Cross-Origin-Resource-Policy', 'same-site'],
];

export default {
  meta: meta({
    id: 'NGX030',
    title: 'Missing privacy and cross-origin isolation headers',
    severity: 'info',
    optIn: true,
    fix: 'yes',
    why: 'Without Referrer-Policy full URLs (with tokens) leak to other sites; without Permissions-Policy and the Cross-Origin policies, embedded content gets powerful features and cross-origin side channels.',
    anchors: 'h5bp referrer-policy.conf, permissions-policy.conf, cross-origin-policy.conf',
  }),
  check(ctx: Ctx) {
    for (const { server, headers } of contentServers(ctx)) {
      const missing = WANTED.filter(([h]) => !headers.has(h.toLowerCase()));
      if (missing.length === 0) continue;
      reportMissing(
        ctx,
        server,
        `This server does not send ${missing.map(([h]) => h).join(', ')}`,
        missing.map(([h, v]) => `add_header ${h} "${v}" always;`),
        'Add the missing headers (h5bp defaults)',
        'Cross-Origin-Embedder-Policy require-corp blocks cross-origin resources that do not opt in; check embedded content.',
      );
    }
  },
};
