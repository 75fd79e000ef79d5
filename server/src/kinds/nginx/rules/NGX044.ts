// NGX044: OCSP stapling that cannot work: no resolver in scope, or a Let's Encrypt certificate
// (Let's Encrypt ended OCSP in 2025, so stapling is dead configuration).
import { fix } from '../model';
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX044',
    title: 'OCSP stapling that cannot work',
    severity: 'info',
    fix: 'yes',
    why: 'Stapling silently does nothing without a resolver to reach the OCSP responder, or with a CA that no longer runs one: the configuration promises something it does not do.',
    anchors: 'gixy ssl_stapling_without_resolver, ssl_stapling_letsencrypt',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.named('ssl_stapling')) {
      if (n.args[0]?.text !== 'on') continue;
      const level = unit.levelOf(n);
      const cert = unit.effective(level, 'ssl_certificate');
      if (cert && /\/etc\/letsencrypt\//.test(cert.args[0]?.text ?? '')) {
        const verify = unit.own(level, 'ssl_stapling_verify').filter((v) => v.file === n.file);
        report(ctx, n, "ssl_stapling with a Let's Encrypt certificate: Let's Encrypt stopped running OCSP responders in 2025, so there is nothing to staple", {
          related: [{ file: cert.file, range: unit.range(cert), message: 'certificate' }],
          fixes: fix('Remove the stapling lines', [edits.deleteDirective(n), ...verify.map((v) => edits.deleteDirective(v))]),
        });
        continue;
      }
      if (unit.effective(level, 'resolver') || unit.effective(level, 'ssl_stapling_file') || unit.effective(level, 'ssl_stapling_responder')) continue;
      report(ctx, n, 'ssl_stapling on without a resolver in scope: nginx cannot look up the OCSP responder, so nothing is stapled', {
        fixes: fix('Add "resolver 127.0.0.53;"', [edits.insertLinesAfter(n, ['resolver 127.0.0.53;'])], { caveat: 'Point it at your local resolver (127.0.0.53 is systemd-resolved).' }),
      });
    }
  },
};
