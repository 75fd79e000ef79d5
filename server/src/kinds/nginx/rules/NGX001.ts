// NGX001: the scheme or host of proxy_pass (and the other *_pass) comes from client data (SSRF),
// after gixy's `ssrf`: a variable that can contain "." in the scheme or host part, unless one must
// contain "/" first; internal locations are exempt.
import { splitScript, valueCanContain, valueMustContain } from '../vars';
import { meta, report, type Ctx } from './util';

const PASS = new Set(['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass']);
const URL_HEAD = /^([^?#/)]{1,256}:\/\/)?([^?#/)]{0,512})/;

export default {
  meta: meta({
    id: 'NGX001',
    title: 'Upstream scheme or host taken from client data (SSRF)',
    severity: 'error',
    fix: 'no',
    why: 'When the client chooses where nginx connects, it can reach internal services and cloud metadata endpoints through your server.',
    anchors: 'gixy ssrf',
  }),
  check(ctx: Ctx) {
    const { unit, vars } = ctx.model;
    for (const n of unit.all()) {
      if (!PASS.has(n.name) || !n.args[0] || unit.proto(n) !== 'http') continue;
      const loc = unit.locationOf(n);
      if (loc && unit.own(loc, 'internal').length > 0) continue;
      const tok = n.args[0];
      const m = URL_HEAD.exec(tok.text);
      if (!m) continue;
      const parts = [m[1] ?? '', m[2] ?? ''];
      let reported = false;
      for (const part of parts) {
        if (reported || !part) continue;
        for (const piece of splitScript(part)) {
          if (piece.name === undefined) continue;
          const v = vars.variable(piece.name, n);
          if (valueMustContain(v, '/')) break;
          if (valueCanContain(v, '.')) {
            report(ctx, n, `${n.name} connects to a ${part === parts[0] ? 'scheme' : 'host'} built from "$${piece.name}", which the client controls: requests can be sent to any server nginx can reach (SSRF)`, {
              range: unit.tokenRange(n, tok),
            });
            reported = true;
            break;
          }
        }
      }
    }
  },
};
