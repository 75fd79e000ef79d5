// NGX022: trusting client-supplied addresses: set_real_ip_from everything with a real_ip_header,
// or forwarding the client's own X-Forwarded-For instead of appending to it.
import { fix } from '../model';
import { headerName, meta, report, type Ctx } from './util';

const EVERYTHING = new Set(['0.0.0.0/0', '::/0', '0::/0', '::0/0']);

export default {
  meta: meta({
    id: 'NGX022',
    title: 'Client IP can be spoofed (real_ip / X-Forwarded-For)',
    severity: 'error',
    fix: 'partial',
    why: 'Whoever sends the header chooses the client address: allow/deny lists, rate limits and the application\'s REMOTE_ADDR logic are bypassed.',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.named('set_real_ip_from')) {
      if (!EVERYTHING.has(n.args[0]?.text ?? '')) continue;
      const header = unit.effective(unit.levelOf(n), 'real_ip_header');
      if (header && header.args[0]?.text === 'proxy_protocol') continue;
      const hName = header?.args[0]?.text ?? 'X-Real-IP';
      const recursive = unit.effective(unit.levelOf(n), 'real_ip_recursive')?.args[0]?.text === 'on';
      report(ctx, n, `set_real_ip_from ${n.args[0].text} trusts every client: anyone can set ${hName} and choose their address${recursive ? ' (real_ip_recursive on makes it easier)' : ''}; list only your proxies' addresses`, {
        range: unit.tokenRange(n, n.args[0]),
      });
    }
    for (const n of unit.named('proxy_set_header')) {
      if (headerName(n) !== 'x-forwarded-for' || !n.args[1]) continue;
      if (n.args[1].text.toLowerCase() !== '$http_x_forwarded_for') continue;
      report(ctx, n, 'X-Forwarded-For is passed on as the client sent it, without the client\'s address: the upstream cannot tell a forged chain from a real one', {
        range: unit.tokenRange(n, n.args[1]),
        fixes: fix('Use $proxy_add_x_forwarded_for', [edits.replaceToken(n, n.args[1], '$proxy_add_x_forwarded_for')]),
      });
    }
  },
};
