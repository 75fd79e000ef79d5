// NGX049: unlimited or very large request limits (client_max_body_size 0 or above 1g; timeouts
// above 300 s; header buffers above 64k). Compiled-in defaults are trusted (catalog §0).
import { fix } from '../model';
import { meta, report, type Ctx } from './util';

/** nginx size ("10m", "512k", "1g", bytes) in bytes, or undefined. */
export function parseSize(s: string): number | undefined {
  const m = /^(\d{1,15})([kKmMgG]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * mult;
}

/** nginx time ("60", "60s", "5m", "1h30m", "500ms") in seconds, or undefined. */
export function parseTime(s: string): number | undefined {
  if (/^\d{1,12}$/.test(s)) return Number(s);
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, M: 2592000, y: 31536000 };
  let total = 0;
  const re = /(\d{1,12})(ms|s|m|h|d|w|M|y)/g;
  let consumed = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index !== consumed) return undefined;
    total += Number(m[1]) * units[m[2]];
    consumed = m.index + m[0].length;
  }
  return consumed === s.length && consumed > 0 ? total : undefined;
}

const CEILING = 1024 ** 3;
const TIMEOUTS = new Set(['client_body_timeout', 'client_header_timeout', 'keepalive_timeout', 'send_timeout']);

export default {
  meta: meta({
    id: 'NGX049',
    title: 'Unlimited or very large request limits',
    severity: 'info',
    fix: 'yes',
    why: 'Unlimited bodies and very long timeouts let a few clients tie up disk, memory and connections (slowloris, upload floods).',
    anchors: 'nginx docs (default body limit 1m); CIS NGINX (request limits section)',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.all()) {
      const a = n.args[0]?.text;
      if (a === undefined) continue;
      if (n.name === 'client_max_body_size') {
        const size = parseSize(a);
        if (size === 0) {
          report(ctx, n, 'client_max_body_size 0 disables the request body limit: clients can upload without bound', {
            fixes: fix('Limit bodies to 10m', [edits.replaceToken(n, n.args[0], '10m')], { caveat: 'Pick the largest upload your application accepts.' }),
          });
        } else if (size !== undefined && size > CEILING) {
          report(ctx, n, `client_max_body_size ${a} is above 1g: uploads that large tie up disk and workers`);
        }
      } else if (TIMEOUTS.has(n.name)) {
        const t = parseTime(a);
        if (t !== undefined && t > 300) report(ctx, n, `${n.name} ${a} is over 5 minutes: slow clients can hold connections open (slowloris)`);
      } else if (n.name === 'large_client_header_buffers' && n.args[1]) {
        const size = parseSize(n.args[1].text);
        if (size !== undefined && size > 64 * 1024) report(ctx, n, `large_client_header_buffers of ${n.args[1].text} each: a few requests with huge headers use a lot of memory`);
      }
    }
  },
};
