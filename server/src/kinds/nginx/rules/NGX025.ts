// NGX025: a security header set with add_header but without `always` (missing on 4xx/5xx).
import { fix } from '../model';
import { SECURITY_HEADERS } from '../vocabulary';
import { headerName, meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX025',
    title: 'Security header without "always"',
    severity: 'info',
    fix: 'yes',
    why: 'Without "always", add_header applies only to 2xx/3xx responses: error pages (a favourite XSS target) go out without the header.',
    anchors: 'nginx docs (always since 1.7.5); h5bp (all snippets use always); Mozilla TLS template (HSTS always)',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.named('add_header')) {
      if (n.args.length !== 2 || !SECURITY_HEADERS.has(headerName(n))) continue;
      report(ctx, n, `${n.args[0].text} is not sent on error responses (4xx/5xx): add "always"`, {
        fixes: fix('Append "always"', [edits.insertAt(n.file, n.args[1].end, ' always')]),
      });
    }
  },
};
