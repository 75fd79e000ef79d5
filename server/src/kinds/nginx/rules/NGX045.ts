// NGX045: a TLS site also served over plain HTTP (content, not a redirect), or a TLS site without
// any plain-HTTP server redirecting to it. Complete configurations only.
import type { Node, Unit } from '../model';
import { fix } from '../model';
import { servesContent } from './headers';
import { listensOf } from './listen';
import { meta, report, related, type Ctx } from './util';

const REDIRECT = /^(301|302|303|307|308)$/;

function redirectsToHttps(unit: Unit, level: Node): boolean {
  const target = (r: Node) => (r.args.length === 1 ? r.args[0]?.text : REDIRECT.test(r.args[0]?.text ?? '') ? r.args[1]?.text : undefined) ?? '';
  if (unit.own(level, 'return').some((r) => target(r).startsWith('https://'))) return true;
  if (unit.own(level, 'rewrite').some((r) => (r.args[1]?.text ?? '').startsWith('https://'))) return true;
  return false;
}

function isRedirectServer(unit: Unit, s: Node): boolean {
  if (redirectsToHttps(unit, s)) return true;
  const root = [...unit.named('location', s)].find((l) => l.args.length === 1 && l.args[0].text === '/');
  return root !== undefined && redirectsToHttps(unit, root);
}

function hasSchemeRedirect(unit: Unit, s: Node): boolean {
  return unit.own(s, 'if').some((i) => /\$scheme/.test(i.args.map((a) => a.text).join(' ')) && (i.children ?? []).some((c) => c.name === 'return' || c.name === 'rewrite'));
}

export default {
  meta: meta({
    id: 'NGX045',
    title: 'HTTPS site also reachable over plain HTTP',
    severity: 'warning',
    fix: 'yes',
    why: 'Content served over plain HTTP can be read and changed on the network, and cookies without Secure leak; every plain-HTTP request should be redirected to HTTPS.',
    anchors: 'Mozilla TLS nginx template (HSTS branch adds 80→443 redirect server); h5bp templates',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    const servers = unit.servers().filter((s) => unit.isComplete(s));
    const plain = servers.filter((s) => !unit.isTls(s) || listensOf(unit, s).some((l) => !l.ssl && !l.quic && !l.addr.startsWith('unix:')));
    const catchAllRedirect = plain.some((p) => (unit.serverNames(p).includes('_') || listensOf(unit, p).some((l) => l.defaultServer)) && isRedirectServer(unit, p));
    // Plain servers by name, and those serving content (not redirecting) that are not reported yet:
    // each is reported once, for the first HTTPS server sharing a name with it (linear in the number
    // of servers, not servers × servers).
    const plainByName = new Map<string, Node[]>();
    const pending = new Map<string, Node[]>();
    const add = (m: Map<string, Node[]>, name: string, p: Node) => {
      const list = m.get(name);
      if (list) list.push(p);
      else m.set(name, [p]);
    };
    for (const p of plain) {
      const content = !isRedirectServer(unit, p) && !hasSchemeRedirect(unit, p);
      for (const n of new Set(unit.serverNames(p))) {
        add(plainByName, n, p);
        if (content) add(pending, n, p);
      }
    }
    const plainIndex = new Map(plain.map((p, i) => [p, i]));
    const reportedPlain = new Set<Node>();
    for (const s of servers) {
      if (!unit.isTls(s) || !servesContent(unit, s)) continue;
      const names = unit.serverNames(s).filter((n) => n !== '_' && n !== '' && !n.startsWith('~'));
      if (names.length === 0) continue;
      const mixed = listensOf(unit, s).some((l) => !l.ssl && !l.quic && !l.addr.startsWith('unix:')) && unit.effective(s, 'ssl')?.args[0]?.text !== 'on';
      if (mixed) {
        if (hasSchemeRedirect(unit, s) || isRedirectServer(unit, s)) continue;
        const plainListen = listensOf(unit, s).find((l) => !l.ssl && !l.quic)?.node ?? s;
        report(ctx, plainListen, `${names[0]} is served over plain HTTP as well as HTTPS by the same server`, {
          fixes: fix('Redirect plain-HTTP requests to HTTPS', [edits.insertAtBlockStart(s, ['if ($scheme = http) { return 301 https://$host$request_uri; }'])]),
        });
        continue;
      }
      let matching = false;
      const content = new Set<Node>();
      for (const n of names) {
        const list = plainByName.get(n);
        if (list && (list.length > 1 || list[0] !== s)) matching = true;
        const waiting = pending.get(n);
        if (!waiting) continue;
        const rest: Node[] = [];
        for (const p of waiting) {
          if (p === s) rest.push(p);
          else if (!reportedPlain.has(p)) content.add(p);
        }
        pending.set(n, rest);
      }
      for (const p of [...content].sort((a, b) => plainIndex.get(a)! - plainIndex.get(b)!)) {
        reportedPlain.add(p);
        report(ctx, p, `${names.filter((n) => unit.serverNames(p).includes(n))[0]} is served over plain HTTP instead of being redirected to HTTPS`, {
          related: [related(unit, s, 'the HTTPS server for the same name')],
          fixes: fix('Redirect every request to HTTPS', [edits.insertAtBlockStart(p, ['return 301 https://$host$request_uri;'])], { caveat: 'Keep ACME http-01 challenges working with a location /.well-known/acme-challenge/ if you need them.' }),
        });
      }
      if (matching || catchAllRedirect) continue;
      const v6 = listensOf(unit, s).some((l) => l.addr.startsWith('[::]'));
      const indent = edits.unitIndent(s.file);
      const block = ['server {', `${indent}listen 80;`, ...(v6 ? [`${indent}listen [::]:80;`] : []), `${indent}server_name ${names.join(' ')};`, `${indent}return 301 https://$host$request_uri;`, '}', ''];
      report(ctx, s, `No plain-HTTP server redirects ${names[0]} to HTTPS: visitors who type the name without https:// are not sent to this server`, {
        fixes: fix('Add a server redirecting port 80 to HTTPS', [edits.insertLinesBefore(s, block)]),
      });
    }
  },
};
