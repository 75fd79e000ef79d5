// NGX033: add_header Content-Type (duplicates the Content-Type nginx already sends).
import { fix } from '../model';
import { headerName, meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX033',
    title: 'Content-Type set with add_header',
    severity: 'info',
    fix: 'yes',
    why: 'add_header adds a second Content-Type next to the one nginx sends: browsers pick one or the other, which invites MIME confusion.',
    anchors: 'gixy add_header_content_type (yandex/gixy#98)',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.named('add_header')) {
      if (headerName(n) !== 'content-type' || !n.args[1]) continue;
      const canFix = n.parent?.name !== 'if' && !n.args[1].text.includes('$');
      report(ctx, n, 'add_header Content-Type sends a second Content-Type header; use default_type (or types) instead', {
        fixes: canFix ? fix(`Use "default_type ${n.args[1].raw}"`, [{ file: n.file, range: unit.lineIndex(n.file).range(n.d.start, n.args[n.args.length - 1].end), newText: `default_type ${n.args[1].raw}` }], { caveat: 'default_type does not override the Content-Type of proxied responses.' }) : undefined,
      });
    }
  },
};
