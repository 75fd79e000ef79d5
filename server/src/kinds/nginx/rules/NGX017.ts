// NGX017: stub_status (or api, vhost_traffic_status_display) reachable without an IP allowlist
// ending in deny all, and without auth_basic / auth_request.
import { fix } from '../model';
import { meta, report, type Ctx } from './util';

const STATUS = new Set(['stub_status', 'api', 'vhost_traffic_status_display']);

export default {
  meta: meta({
    id: 'NGX017',
    title: 'Status page reachable by anyone',
    severity: 'warning',
    fix: 'yes',
    why: 'The status page shows traffic, connection counts and sometimes configuration: reconnaissance data for an attacker, and a cheap target for load.',
    anchors: 'gixy status_page_exposed',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.all()) {
      if (!STATUS.has(n.name) || n.children || unit.proto(n) !== 'http') continue;
      if (n.name === 'api' && !n.parent) continue;
      const server = unit.serverOf(n);
      if (server) {
        const listens = unit.own(server, 'listen');
        if (listens.length > 0 && listens.every((l) => /^(unix:|127\.|\[::1\]|localhost:)/.test(l.args[0]?.text ?? ''))) continue;
      }
      const level = unit.levelOf(n);
      const access = unit.effectiveAccess(level);
      const allowsSome = access.some((a) => a.name === 'allow' && a.args[0]?.text.toLowerCase() !== 'all');
      const endsDenyAll = access.length > 0 && access[access.length - 1].name === 'deny' && access[access.length - 1].args[0]?.text.toLowerCase() === 'all';
      const allowAll = access.some((a) => a.name === 'allow' && a.args[0]?.text.toLowerCase() === 'all');
      if (endsDenyAll && !allowAll) continue;
      const auth = unit.effective(level, 'auth_basic');
      if ((auth && auth.args[0]?.text !== 'off') || unit.effective(level, 'auth_request')) continue;
      const lines = allowsSome ? ['deny all;'] : ['allow 127.0.0.1;', 'deny all;'];
      const ownAcl = (level.children ?? []).filter((c) => c.name === 'allow' || c.name === 'deny');
      const after = ownAcl.length > 0 ? ownAcl[ownAcl.length - 1] : n;
      report(ctx, n, `${n.name} is reachable by any client: ${allowsSome ? 'the allow list does not end with "deny all"' : 'no IP allowlist or authentication protects it'}`, {
        fixes: fix(allowsSome ? 'Add "deny all;"' : 'Allow only localhost', [edits.insertLinesAfter(after, lines)], { caveat: allowsSome ? undefined : 'Add the addresses of your monitoring hosts.' }),
      });
    }
  },
};
