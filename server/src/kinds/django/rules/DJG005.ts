// DJG005: ALLOWED_HOSTS empty (W020) or wildcarded ('*', a bare TLD), also as an environment default.
import type { Rule } from '../../../engine/kind';
import type { Fix } from '../../../engine/types';
import { anchor, importOsEdit, replaceAt, reportAbsent, reportAt, setting, type DjangoModel } from '../model';
import { isSeq, type Str } from '../values';
import { meta } from './common';

/** '*' or a leading-dot pattern over a whole top-level domain ('.', '.com'). */
function wildcard(host: string): boolean {
  if (host === '*') return true;
  if (host.startsWith('.')) return !host.slice(1).includes('.');
  return false;
}

export const DJG005: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG005',
    title: 'ALLOWED_HOSTS is empty or accepts any host',
    severity: 'warning',
    fix: 'partial',
    why: 'A wildcard lets attackers choose the Host header Django uses for absolute URLs (password-reset poisoning, cache poisoning); an empty list rejects every request in production.',
    anchors: "DJ security.W020 (empty only); Veracode flags '*' (cfpb/consumerfinance.gov#8807)",
  }),
  check(ctx) {
    const m = ctx.model;
    const b = setting(m, 'ALLOWED_HOSTS');
    if (!b) {
      if (m.complete) reportAbsent(ctx, `ALLOWED_HOSTS is not set: with DEBUG off Django rejects every request${anchor('security.W020')}`);
      return;
    }
    if (b.cond) return;
    const v = b.value;
    const envFix = (): Fix[] | undefined => {
      if (b.target.file !== m.root || b.value.loc.file !== m.root) return undefined;
      return [
        {
          title: 'Read ALLOWED_HOSTS from the environment (DJANGO_ALLOWED_HOSTS, comma-separated)',
          edits: [replaceAt(m, v.loc, 'os.environ["DJANGO_ALLOWED_HOSTS"].split(",")'), ...importOsEdit(m, m.root, b.stmt.from)],
          isPreferred: false,
          caveat: 'Set DJANGO_ALLOWED_HOSTS to the domains the site serves, e.g. "example.com,www.example.com".',
        },
      ];
    };
    if (isSeq(v)) {
      if (v.items.length === 0) {
        reportAt(ctx, { loc: b.target, binding: b, message: `ALLOWED_HOSTS is empty: with DEBUG off Django rejects every request${anchor('security.W020')}` });
        return;
      }
      for (const item of v.items) {
        if (item.t !== 'str' || !wildcard(item.v)) continue;
        reportAt(ctx, {
          loc: item.loc,
          binding: b,
          severity: m.role === 'production' ? 'error' : 'warning',
          message: `ALLOWED_HOSTS accepts any Host header ('${item.v}'): attackers can make Django build password-reset and other absolute links to their own domain`,
          fixes: envFix(),
        });
      }
      return;
    }
    if (v.t === 'env' && !v.env.required && isSeq(v.env.dflt)) {
      const wild = v.env.dflt.items.find((i): i is Str => i.t === 'str' && wildcard(i.v));
      if (wild) {
        reportAt(ctx, {
          loc: v.env.rawDefault?.loc ?? b.target,
          binding: b,
          message: `ALLOWED_HOSTS defaults to '${wild.v}' when ${v.env.name ?? 'the variable'} is unset: a deployment that forgets it accepts any Host header`,
        });
      }
    }
  },
};
