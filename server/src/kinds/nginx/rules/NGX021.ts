// NGX021: a TLS default server that rejects handshakes, with HTTP/2, but without `location /`
// returning 421: HTTP/2 connection reuse can still route requests into it.
import { fix } from '../model';
import { listensOf } from './listen';
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX021',
    title: 'HTTP/2 default server without a 421 answer',
    severity: 'info',
    fix: 'yes',
    why: 'Browsers reuse an HTTP/2 connection for other host names with the same certificate and IP: requests can land in the default server, which should answer 421 Misdirected Request.',
    anchors: 'gixy http2_misdirected_request',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const s of unit.servers()) {
      const ls = listensOf(unit, s);
      const def = ls.find((l) => l.defaultServer && (l.ssl || l.quic));
      if (!def) continue;
      if (unit.effective(s, 'ssl_reject_handshake')?.args[0]?.text !== 'on') continue;
      const h2 = ls.some((l) => l.http2) || unit.effective(s, 'http2')?.args[0]?.text === 'on';
      if (!h2) continue;
      const ok = [...unit.named('location', s)].some((l) => {
        const a = l.args.map((x) => x.text);
        return ((a.length === 1 && a[0] === '/') || (a.length === 2 && a[0] === '=' && a[1] === '/')) && unit.own(l, 'return').some((r) => r.args[0]?.text === '421');
      });
      if (ok || unit.own(s, 'return').some((r) => r.args[0]?.text === '421')) continue;
      report(ctx, def.node ?? s, 'This HTTP/2 default server rejects TLS handshakes but has no "location / { return 421; }" for requests that arrive over a reused connection', {
        fixes: fix('Add "location / { return 421; }"', [edits.insertAtBlockEnd(s, ['location / { return 421; }'])]),
      });
    }
  },
};
