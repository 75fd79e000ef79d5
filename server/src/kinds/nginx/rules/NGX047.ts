// NGX047: resolver pointing at public DNS servers.
import { meta, report, type Ctx } from './util';

export function isPrivateAddress(a: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (v4) {
    const [x, y] = [Number(v4[1]), Number(v4[2])];
    return x === 10 || x === 127 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168) || (x === 169 && y === 254) || (x === 100 && y >= 64 && y <= 127);
  }
  const v6 = a.toLowerCase();
  return v6 === '::1' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80:');
}

/** The address part of a resolver argument, or undefined for a host name or a parameter. */
export function resolverAddress(arg: string): string | undefined {
  if (arg.includes('=')) return undefined;
  if (arg.startsWith('[')) return arg.slice(1, arg.indexOf(']') > 0 ? arg.indexOf(']') : undefined);
  if (/^\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?$/.test(arg)) return arg.split(':')[0];
  if (arg.includes(':') && /^[0-9a-fA-F:]+$/.test(arg)) return arg;
  return undefined;
}

export default {
  meta: meta({
    id: 'NGX047',
    title: 'resolver uses public DNS servers',
    severity: 'warning',
    fix: 'no',
    why: "nginx's resolver does not validate DNSSEC: answers from a resolver across the internet can be spoofed, redirecting upstream traffic to an attacker.",
    anchors: 'gixy resolver_external (note: h5bp ocsp_stapling.conf ships public resolvers – conflicting guidance)',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    for (const n of unit.named('resolver')) {
      const pub = n.args.map((a) => resolverAddress(a.text)).filter((a): a is string => a !== undefined && !isPrivateAddress(a));
      if (pub.length === 0) continue;
      report(ctx, n, `resolver ${pub.join(', ')} ${pub.length > 1 ? 'are public DNS servers' : 'is a public DNS server'}: spoofed answers can redirect upstream traffic; use a local resolver`);
    }
  },
};
