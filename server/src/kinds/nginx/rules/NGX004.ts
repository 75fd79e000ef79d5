// NGX004: a regex validating Origin or Referer accepts hosts that are not the intended ones:
// not anchored at the start or at the end of the host, or with an unescaped "." in a fixed name.
import type { Node } from '../model';
import { endsAnchored, parseRegex, startsAnchored, type RNode } from '../regex';
import { ifCondition } from '../vars';
import { meta, report, type Ctx } from './util';

/** A single unquantified "." (any character) — a wildcard for exactly one character is almost always a forgotten `\.`. */
function hasLoneDot(n: RNode, underRepeat = false): boolean {
  switch (n.t) {
    case 'char':
      return !underRepeat && !n.literal && n.set.hasChar('a') && n.set.hasChar('.') && n.set.hasChar('/') && !n.set.hasChar('\n');
    case 'seq':
      return n.items.some((x) => hasLoneDot(x, underRepeat));
    case 'alt':
      return n.alts.some((x) => hasLoneDot(x, underRepeat));
    case 'group':
      return !n.look && hasLoneDot(n.body, underRepeat);
    case 'repeat':
      return hasLoneDot(n.body, underRepeat || n.max > 1 || n.min === 0);
    default:
      return false;
  }
}

function problems(pattern: string, ci: boolean, header: 'origin' | 'referer'): string[] {
  const r = parseRegex(pattern, ci);
  if (!r) return [];
  const out: string[] = [];
  if (!startsAnchored(r)) out.push(`it is not anchored with "^": "https://evil.example/?${header === 'origin' ? '' : 'x='}…" or "https://evil-…" also match`);
  if (header === 'origin' && !endsAnchored(r)) out.push('it is not anchored with "$": "https://trusted.example.evil.net" also matches');
  if (header === 'referer' && !endsAnchored(r)) {
    const afterScheme = pattern.includes('://') ? pattern.slice(pattern.indexOf('://') + 3) : pattern;
    if (!afterScheme.includes('/')) out.push('the host is not followed by "/" or "$": "https://trusted.example.evil.net/" also matches');
  }
  if (hasLoneDot(r.root)) out.push('an unescaped "." matches any character: "trustedXexample" also matches');
  return out;
}

export default {
  meta: meta({
    id: 'NGX004',
    title: 'Origin or Referer validation regex accepts untrusted hosts',
    severity: 'error',
    fix: 'partial',
    why: 'A validation regex that matches attacker-registered domains turns a CSRF or CORS check into an open door.',
    anchors: 'gixy origins (options domains, https-only, lower-hostname)',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    const flag = (n: Node, tokIndex: number, header: 'origin' | 'referer', list: string[]) => {
      if (list.length === 0) return;
      report(ctx, n, `The ${header === 'origin' ? 'Origin' : 'Referer'} check accepts untrusted values: ${list.join('; ')}`, {
        severity: header === 'origin' ? 'error' : 'warning',
        range: unit.tokenRange(n, n.args[tokIndex]),
      });
    };
    for (const n of unit.all()) {
      if (n.name === 'if' && n.children) {
        const c = ifCondition(n);
        if (!c || !['~', '~*', '!~', '!~*'].includes(c.op)) continue;
        const v = c.variable.toLowerCase();
        if (v === '$http_referrer') {
          report(ctx, n, 'The header is spelled "Referer": "$http_referrer" is always empty, so this check never sees the real value', { range: unit.tokenRange(n, n.args[0]) });
          continue;
        }
        if (v !== '$http_origin' && v !== '$http_referer') continue;
        const idx = n.args.findIndex((a, i) => i > 1 && a.text !== ')');
        if (idx < 0) continue;
        flag(n, idx, v === '$http_origin' ? 'origin' : 'referer', problems(c.value, c.op.endsWith('*'), v === '$http_origin' ? 'origin' : 'referer'));
      } else if (n.name === 'map' && n.children && n.args.length >= 2) {
        const src = n.args[0].text.toLowerCase();
        if (src !== '$http_origin' && src !== '$http_referer') continue;
        const header = src === '$http_origin' ? 'origin' : 'referer';
        for (const e of n.children) {
          const key = e.name;
          if (!key.startsWith('~')) continue;
          const ci = key.startsWith('~*');
          const list = problems(key.slice(ci ? 2 : 1), ci, header);
          if (list.length === 0) continue;
          report(ctx, e, `The ${header === 'origin' ? 'Origin' : 'Referer'} allowlist entry accepts untrusted values: ${list.join('; ')}`, {
            severity: header === 'origin' ? 'error' : 'warning',
            range: unit.tokenRange(e, e.d.nameTok),
          });
        }
      }
    }
  },
};
