// NGX019: autoindex on.
import { fix } from '../model';
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX019',
    title: 'Directory listing enabled (autoindex on)',
    severity: 'warning',
    fix: 'yes',
    why: 'A directory listing reveals every file in the folder, including ones never linked: backups, uploads of other users, configuration.',
    anchors: 'nginx docs (default off); CIS NGINX',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.named('autoindex')) {
      if (n.args[0]?.text.toLowerCase() !== 'on') continue;
      report(ctx, n, 'autoindex on lists the contents of every folder without an index file', {
        fixes: fix('Set autoindex off', [edits.replaceToken(n, n.args[0], 'off')]),
      });
    }
  },
};
