// NGX031: X-XSS-Protection set to an enabling value.
import { fix } from '../model';
import { headerName, meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX031',
    title: 'Deprecated X-XSS-Protection enabled',
    severity: 'info',
    fix: 'yes',
    why: 'The XSS auditor this header controlled was removed from browsers and could itself be abused to leak or block page content; modern advice is to omit it (or send 0) and use a CSP.',
    anchors: 'h5bp (dropped x-xss-protection.conf, commit 836467c); Django removed its W007',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.named('add_header')) {
      if (headerName(n) !== 'x-xss-protection' || !n.args[1]?.text.trim().startsWith('1')) continue;
      report(ctx, n, `X-XSS-Protection "${n.args[1].text}" enables a removed browser feature that could be abused; remove it (or send 0)`, {
        fixes: fix('Remove the X-XSS-Protection line', [edits.deleteDirective(n)]),
      });
    }
  },
};
