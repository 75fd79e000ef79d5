// NGX026: TLS server without Strict-Transport-Security (complete configs only), HSTS with a weak
// or zero max-age, or HSTS on a plain-HTTP server (ignored by browsers).
import { fix } from '../model';
import { effectiveHeaders, headerAnchor } from './headers';
import { meta, report, type Ctx } from './util';

const MIN_AGE = 15768000;
const HSTS = 'add_header Strict-Transport-Security "max-age=63072000" always;';

export default {
  meta: meta({
    id: 'NGX026',
    title: 'Missing or weak Strict-Transport-Security (HSTS)',
    severity: 'warning',
    fix: 'yes',
    why: 'Without HSTS the first request of a visit can go over plain HTTP, where an attacker on the network strips TLS (SSL-strip) and reads or changes everything.',
    anchors: 'gixy hsts_header; Mozilla TLS hsts_min_age; h5bp strict-transport-security.conf',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const s of unit.servers()) {
      const headers = effectiveHeaders(unit, s);
      const hsts = headers.get('strict-transport-security');
      const tls = unit.isTls(s);
      if (!tls) {
        if (hsts && hsts.parent === s) {
          report(ctx, hsts, 'Strict-Transport-Security on a plain-HTTP server is ignored by browsers: send it from the HTTPS server');
        }
        continue;
      }
      if (unit.effective(s, 'ssl_reject_handshake')?.args[0]?.text === 'on') continue;
      if (!hsts) {
        if (!unit.isComplete(s) || unit.own(s, 'return').some((r) => r.args[0]?.text === '444')) continue;
        const anchor = headerAnchor(unit, s);
        report(ctx, s, 'This HTTPS server does not send Strict-Transport-Security: browsers may still try plain HTTP first', {
          fixes: fix('Add HSTS (max-age two years)', [anchor ? edits.insertLinesAfter(anchor, [HSTS]) : edits.insertAtBlockStart(s, [HSTS])]),
        });
        continue;
      }
      if (hsts.name !== 'add_header' || !hsts.args[1]) continue;
      const tok = hsts.args[1];
      const m = /max-age[ \t]*=[ \t]*"?(\d{1,15})/i.exec(tok.text);
      if (!m) {
        report(ctx, hsts, 'Strict-Transport-Security has no max-age: browsers ignore it', { range: unit.tokenRange(hsts, tok) });
        continue;
      }
      const age = Number(m[1]);
      if (age >= MIN_AGE) continue;
      const rawIdx = tok.raw.indexOf(m[1], tok.raw.toLowerCase().indexOf('max-age'));
      const start = tok.start + rawIdx;
      const preload = /preload/i.test(tok.text);
      report(ctx, hsts, age === 0
        ? 'Strict-Transport-Security max-age=0 tells browsers to forget HSTS for this site'
        : `Strict-Transport-Security max-age=${age} is below ${MIN_AGE} seconds (six months)${preload ? '; preload lists also require at least one year' : ''}`, {
        range: unit.tokenRange(hsts, tok),
        fixes: rawIdx >= 0 ? fix('Set max-age=63072000 (two years)', [{ file: hsts.file, range: unit.lineIndex(hsts.file).range(start, start + m[1].length), newText: '63072000' }]) : undefined,
      });
    }
  },
};
