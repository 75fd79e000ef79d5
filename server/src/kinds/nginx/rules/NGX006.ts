// NGX006: alias in a prefix location without a trailing "/" while the alias ends with "/":
// `location /static { alias /srv/static/; }` serves /static../secret from /srv/secret.
import { fix } from '../model';
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX006',
    title: 'alias path traversal (location without trailing slash)',
    severity: 'error',
    fix: 'yes',
    why: 'nginx replaces the location prefix by the alias: "/static../" becomes "/srv/static/../", so files outside the aliased folder are served.',
    anchors: 'gixy alias_traversal',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.named('alias')) {
      const loc = unit.locationOf(n);
      if (!loc || !n.args[0]) continue;
      const mod = loc.args.length >= 2 ? loc.args[0].text : '';
      if (mod !== '' && mod !== '^~') continue;
      const pathTok = loc.args[loc.args.length - 1];
      if (!pathTok || pathTok.text.endsWith('/') || pathTok.text.startsWith('@')) continue;
      if (!n.args[0].text.endsWith('/')) continue;
      const insertAt = pathTok.quote ? pathTok.end - 1 : pathTok.end;
      report(ctx, n, `location "${pathTok.text}" has no trailing "/" but alias "${n.args[0].text}" has: "${pathTok.text}../" reaches the parent of the aliased folder`, {
        related: [{ file: loc.file, range: unit.tokenRange(loc, pathTok), message: 'the location prefix' }],
        fixes: fix(`Add "/" to the location: ${pathTok.text}/`, [edits.insertAt(loc.file, insertAt, '/')]),
      });
    }
  },
};
