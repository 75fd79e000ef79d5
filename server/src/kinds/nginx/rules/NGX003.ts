// NGX003: the Host (or X-Forwarded-Host) sent upstream is taken from client-controlled variables.
import { splitScript } from '../vars';
import { fix } from '../model';
import { headerName, meta, report, type Ctx } from './util';

const HEADERS = new Set(['host', 'x-forwarded-host']);
const BAD = (name: string) => name === 'http_host' || name === 'http_x_forwarded_host' || name.startsWith('arg_') || name.startsWith('cookie_');

export default {
  meta: meta({
    id: 'NGX003',
    title: 'Upstream Host header taken from client input',
    severity: 'warning',
    fix: 'yes',
    why: 'The application trusts the Host it receives to build absolute URLs: a forged Host poisons password-reset links and caches, or reaches another virtual host.',
    anchors: 'gixy host_spoofing; Gixy-Next PRs #58, #85',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.all()) {
      if ((n.name !== 'proxy_set_header' && n.name !== 'grpc_set_header') || n.args.length < 2) continue;
      if (!HEADERS.has(headerName(n))) continue;
      const tok = n.args[1];
      const pieces = splitScript(tok.text);
      const bad = pieces.filter((p) => p.name !== undefined && BAD(p.name));
      if (bad.length === 0) continue;
      // Replace the variables in the token's source text (positions inside an unquoted or quoted token).
      const inner = tok.quote ? tok.raw.slice(1, -1) : tok.raw;
      const rawPieces = splitScript(inner);
      const replaced = rawPieces.map((p) => (p.name !== undefined && BAD(p.name) ? '$host' : p.text)).join('');
      const newRaw = tok.quote ? tok.quote + replaced + tok.quote : replaced;
      report(ctx, n, `${n.args[0].text} is set from "$${bad[0].name}", which the client chooses: the upstream sees a forged host (use $host, or better a fixed name)`, {
        range: unit.tokenRange(n, tok),
        fixes: fix('Use $host', [edits.replaceToken(n, tok, newRaw)], { caveat: '$host still follows the request line; a fixed server name or an allowlist is stricter.' }),
      });
    }
  },
};
