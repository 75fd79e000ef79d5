// NGX042: DHE suites enabled without ssl_dhparam, or a dhparam file smaller than 2048 bits.
import type { Unit } from '../model';
import { enabledElements } from './tls';
import { meta, report, type Ctx } from './util';

function isDhe(e: string): boolean {
  const parts = e.toUpperCase().split(/[-+]/);
  return parts[0] === 'DHE' || parts[0] === 'EDH' || parts.includes('KDHE') || parts.includes('KEDH') || parts.includes('EDH') || (parts.length === 1 && (parts[0] === 'DHE' || parts[0] === 'DH'));
}

/** Bits of the prime in a PEM "DH PARAMETERS" file, or undefined. */
export function dhBits(pem: string): number | undefined {
  const m = /-----BEGIN DH PARAMETERS-----([A-Za-z0-9+/=\s]{1,20000})-----END DH PARAMETERS-----/.exec(pem);
  if (!m) return undefined;
  const der = Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
  let i = 0;
  const len = (): number => {
    let l = der[i++];
    if (l & 0x80) {
      const n = l & 0x7f;
      l = 0;
      for (let k = 0; k < n; k++) l = (l << 8) | der[i++];
    }
    return l;
  };
  if (der[i++] !== 0x30) return undefined;
  len();
  if (der[i++] !== 0x02) return undefined;
  let l = len();
  while (l > 0 && der[i] === 0) {
    i++;
    l--;
  }
  if (l <= 0 || i >= der.length) return undefined;
  return (l - 1) * 8 + (32 - Math.clz32(der[i]));
}

function resolve(unit: Unit, p: string): string {
  return unit.resolveInclude(p);
}

export default {
  meta: meta({
    id: 'NGX042',
    title: 'DHE suites without strong DH parameters',
    severity: 'warning',
    fix: 'no',
    why: 'Finite-field DHE needs a strong, dedicated group: small or missing parameters expose the handshake to Logjam-style precomputation attacks.',
    anchors: 'Mozilla TLS dh_param_size (5.x intermediate 2048; 6.0 drops DHE)',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    for (const n of unit.named('ssl_ciphers')) {
      if (!n.args[0]) continue;
      const dhe = enabledElements(n.args[0].text).filter(isDhe);
      if (dhe.length === 0) continue;
      const param = unit.effective(unit.levelOf(n), 'ssl_dhparam');
      if (!param) {
        report(ctx, n, `ssl_ciphers enables DHE suites (${dhe.slice(0, 2).join(', ')}) but no ssl_dhparam is set: generate a 2048-bit (or ffdhe2048) group, or drop DHE`, { range: unit.tokenRange(n, n.args[0]) });
        continue;
      }
      const file = param.args[0]?.text;
      if (!file) continue;
      const r = ctx.model.unit.ctx.ws.read(resolve(unit, file));
      if (!r.ok) continue;
      const bits = dhBits(r.text);
      if (bits !== undefined && bits < 2048) {
        report(ctx, param, `ssl_dhparam ${file} holds a ${bits}-bit group: use at least 2048 bits`, { range: unit.tokenRange(param, param.args[0]) });
      }
    }
  },
};
