// NGX007: proxy_pass with a URI part: nginx decodes and normalises the path before forwarding.
import { meta, report, type Ctx } from './util';

const URL = /^([a-z][a-z0-9+.-]{0,20}):\/\/([^/]{0,512})(\/.{0,4096})?$/i;

export default {
  meta: meta({
    id: 'NGX007',
    title: 'proxy_pass with a URI part normalises the forwarded path',
    severity: 'info',
    fix: 'no',
    why: 'With a path after the host, nginx forwards its decoded, normalised URI instead of the original: the upstream may see a different path than the one nginx matched (%2F and ../ tricks, double encoding).',
    anchors: 'gixy proxy_pass_normalized',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    for (const n of unit.named('proxy_pass')) {
      if (unit.proto(n) !== 'http' || !n.args[0]) continue;
      const loc = unit.locationOf(n);
      if (!loc) continue;
      if (loc.args.length >= 2 && loc.args[0].text === '=') continue;
      const v = n.args[0].text;
      if (v.startsWith('$') && !v.includes('/')) continue;
      const m = URL.exec(v);
      if (!m) continue;
      let p = m[3] ?? '';
      if (m[2].startsWith('unix:')) p = m[2].includes(':', 5) ? m[2].slice(m[2].indexOf(':', 5) + 1) + p : '';
      if (!p) continue;
      if (/\$uri|\$request_uri|\$[1-9]/.test(p)) continue;
      report(ctx, n, `proxy_pass "${v}" has a URI part ("${p}"): nginx forwards its decoded and normalised path, not the one the client sent`, {
        range: unit.tokenRange(n, n.args[0]),
      });
    }
  },
};
