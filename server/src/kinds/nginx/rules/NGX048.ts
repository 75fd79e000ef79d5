// NGX048: upstream host names resolved once at startup (public names behind changing IPs), or a
// variable *_pass with no resolver in scope (fails at run time).
import { isIp } from './util';
import { meta, report, type Ctx } from './util';

const PASS = new Set(['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass']);
const INTERNAL_TLD = new Set(['local', 'internal', 'lan', 'localdomain', 'localhost', 'home', 'corp', 'intranet', 'svc', 'cluster', 'consul', 'test', 'invalid', 'docker']);
const HOST = /^(?:[a-z][a-z0-9+.-]{0,20}:\/\/)?([^/:?#]{1,255})/i;

export default {
  meta: meta({
    id: 'NGX048',
    title: 'Upstream name resolved only at startup, or no resolver',
    severity: 'info',
    fix: 'partial',
    why: 'nginx resolves a literal upstream host name once, at start: when a cloud load balancer changes its addresses, traffic keeps going to stale IPs. A variable upstream without resolver fails at request time.',
    anchors: 'gixy missing_resolver; Gixy-Next stale_dns_cache',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    const upstreams = new Set([...unit.named('upstream')].map((u) => u.args[0]?.text.toLowerCase()));
    for (const n of unit.all()) {
      if (!PASS.has(n.name) || !n.args[0] || unit.proto(n) !== 'http') continue;
      const v = n.args[0].text;
      if (v.startsWith('unix:') || v.includes('unix:')) continue;
      const m = HOST.exec(v);
      if (!m) continue;
      const host = m[1].toLowerCase();
      const resolver = unit.effective(unit.levelOf(n), 'resolver');
      if (v.includes('$')) {
        if (resolver || upstreams.has(host)) continue;
        if (/^\$[a-z_][a-z0-9_]*$/.test(host)) {
          const alts = ctx.model.vars.variable(host.slice(1), n);
          if (alts.every((a) => a.length === 1 && a[0].kind === 'literal' && (upstreams.has(a[0].text.toLowerCase()) || isIp(a[0].text.split(':')[0])))) continue;
        }
        if (!host.includes('$') && (isIp(host) || upstreams.has(host))) continue;
        if (!host.includes('$') && !host.includes('.')) continue;
        report(ctx, n, `${n.name} contains variables, so nginx resolves "${host}" at request time, but no resolver is set here: requests fail with "no resolver defined"`, { range: unit.tokenRange(n, n.args[0]) });
        continue;
      }
      if (upstreams.has(host) || isIp(host) || !host.includes('.') || host === 'localhost') continue;
      const tld = host.split('.').pop()!;
      if (INTERNAL_TLD.has(tld)) continue;
      report(ctx, n, `"${host}" is resolved once when nginx starts: if its addresses change, traffic goes to stale IPs (use a variable with a resolver, or an upstream with "server … resolve")`, { range: unit.tokenRange(n, n.args[0]) });
    }
  },
};
