// NGX038: SSLv2/SSLv3/TLSv1/TLSv1.1 enabled, or a TLS server relying on the default protocol list
// of a target nginx older than 1.27.3 (which still enables TLSv1 and TLSv1.1).
import { fix } from '../model';
import { protocolsOf, tlsAnchor } from './tls';
import { meta, report, type Ctx } from './util';

const WEAK = new Set(['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1']);

export default {
  meta: meta({
    id: 'NGX038',
    title: 'Obsolete TLS protocol versions enabled',
    severity: 'error',
    fix: 'yes',
    why: 'SSLv3, TLS 1.0 and 1.1 allow downgrade and padding-oracle attacks (POODLE, BEAST) and fail every compliance baseline.',
    anchors: 'gixy weak_ssl_tls; Mozilla TLS tls_versions; nginx CHANGES 1.23.4 / 1.27.3; h5bp policy_strict.conf',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.all()) {
      if (n.name !== 'ssl_protocols' && n.name !== 'proxy_ssl_protocols' && n.name !== 'grpc_ssl_protocols' && n.name !== 'uwsgi_ssl_protocols') continue;
      const weak = n.args.map((a) => a.text).filter((p) => WEAK.has(p));
      if (weak.length === 0) continue;
      report(ctx, n, `${n.name} enables ${weak.join(', ')}: only TLSv1.2 and TLSv1.3 are safe`, {
        fixes: fix('Use "TLSv1.2 TLSv1.3"', [edits.replaceArgs(n, 'TLSv1.2 TLSv1.3')]),
      });
    }
    if (unit.version.atLeast('1.27.3')) return;
    for (const s of unit.servers()) {
      if (!unit.isTls(s) || !unit.isComplete(s) || protocolsOf(unit, s)) continue;
      if (unit.effective(s, 'ssl_reject_handshake')?.args[0]?.text === 'on') continue;
      const anchor = tlsAnchor(s);
      report(ctx, s, `No ssl_protocols for this HTTPS server: nginx ${unit.version.text} enables TLSv1 and TLSv1.1 by default (until 1.27.3)`, {
        fixes: fix('Add "ssl_protocols TLSv1.2 TLSv1.3;"', [anchor ? edits.insertLinesAfter(anchor, ['ssl_protocols TLSv1.2 TLSv1.3;']) : edits.insertAtBlockStart(s, ['ssl_protocols TLSv1.2 TLSv1.3;'])]),
      });
    }
  },
};
