// NGX020 (narrowed by catalog §0): an address:port shared by two or more servers, none of them
// default_server: the first one silently becomes the catch-all for unknown Host headers.
import { fix } from '../model';
import { listensOf, type Listen } from './listen';
import type { Node } from '../model';
import { meta, report, related, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX020',
    title: 'No default_server for a shared listen address',
    severity: 'warning',
    fix: 'yes',
    why: 'Requests with an unknown or forged Host are served by whichever server happens to come first: an application receives traffic (and Host values) it was never meant to handle.',
    anchors: 'gixy default_server_flag; h5bp conf.d/no-ssl.default.conf, .default.conf',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    const byHttp = new Map<Node | undefined, Node[]>();
    for (const s of unit.servers()) {
      let h: Node | undefined = s.parent;
      while (h && h.name !== 'http') h = h.parent;
      const list = byHttp.get(h);
      if (list) list.push(s);
      else byHttp.set(h, [s]);
    }
    for (const servers of byHttp.values()) {
      const groups = new Map<string, { server: Node; listen: Listen }[]>();
      for (const s of servers) {
        const seen = new Set<string>();
        for (const l of listensOf(unit, s)) {
          if (seen.has(l.addr) || l.addr.startsWith('unix:')) continue;
          seen.add(l.addr);
          const group = groups.get(l.addr);
          if (group) group.push({ server: s, listen: l });
          else groups.set(l.addr, [{ server: s, listen: l }]);
        }
      }
      for (const [addr, members] of groups) {
        if (members.length < 2) continue;
        if (members.some((m) => listensOf(unit, m.server).some((l) => l.addr === addr && l.defaultServer))) continue;
        const first = members[0];
        const tls = members.some((m) => listensOf(unit, m.server).some((l) => l.addr === addr && (l.ssl || l.quic)));
        const listenArg = addr.startsWith('*:') ? addr.slice(2) : addr;
        const body = tls
          ? [`listen ${listenArg} ssl default_server;`, 'server_name _;', 'ssl_reject_handshake on;', 'return 444;']
          : [`listen ${listenArg} default_server;`, 'server_name _;', 'return 444;'];
        const indent = edits.unitIndent(first.server.file);
        const canFix = !tls || unit.version.atLeast('1.19.4');
        const names = unit.serverNames(first.server);
        report(ctx, first.listen.node ?? first.server, `${members.length} servers listen on ${addr} and none is default_server: ${names.length ? `"${names[0]}"` : 'the first one'} answers every request with an unknown Host`, {
          related: members.slice(1, 21).map((m) => related(unit, m.listen.node ?? m.server, 'also listens here')),
          fixes: canFix ? fix('Add a catch-all server that closes the connection (444)', [edits.insertLinesBefore(first.server, ['server {', ...body.map((b) => indent + b), '}', ''])]) : undefined,
        });
      }
    }
  },
};
