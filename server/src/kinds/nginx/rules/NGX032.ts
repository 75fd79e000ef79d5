// NGX032: a header value spanning several lines.
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX032',
    title: 'Header value spans several lines',
    severity: 'warning',
    fix: 'no',
    why: 'A line break inside a header value produces an obsolete folded header: clients and proxies handle it inconsistently, some drop or split it.',
    anchors: 'gixy add_header_multiline',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    for (const n of unit.all()) {
      if (n.name !== 'add_header' && n.name !== 'more_set_headers' && n.name !== 'add_trailer') continue;
      const args = n.name === 'more_set_headers' ? n.args : n.args.slice(1, 2);
      const multi = args.find((a) => /[\r\n]/.test(a.text));
      if (!multi) continue;
      report(ctx, n, 'This header value contains a line break: it is sent as a folded (obsolete) header; write it on one line', { range: unit.tokenRange(n, multi) });
    }
  },
};
