// DJG021: CSRF_TRUSTED_ORIGINS without scheme (4_0.E001), over plain HTTP, or over shared-tenant wildcards.
import type { Rule } from '../../../engine/kind';
import { anchor, certain, reportAt, versionAtLeast, type DjangoModel } from '../model';
import { isSeq } from '../values';
import { meta } from './common';

/** Domains where anyone can get a sub-domain: a wildcard over them trusts strangers. */
export const SHARED_TENANT_DOMAINS = [
  'herokuapp.com',
  'vercel.app',
  'netlify.app',
  'pages.dev',
  'github.io',
  'gitlab.io',
  'onrender.com',
  'fly.dev',
  'azurewebsites.net',
  'appspot.com',
  'web.app',
  'firebaseapp.com',
  'railway.app',
  'up.railway.app',
  'ngrok.io',
  'ngrok-free.app',
  'ngrok.app',
  'glitch.me',
  'repl.co',
  'cloudfront.net',
  'amazonaws.com',
  'pythonanywhere.com',
  'trycloudflare.com',
  'workers.dev',
];

export function isLocalHost(host: string): boolean {
  const h = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '127.0.0.1' || h === '::1' || h === '0.0.0.0' || h.startsWith('127.');
}

export function sharedTenantWildcard(host: string): string | undefined {
  const h = host.replace(/:\d+$/, '').toLowerCase();
  if (h === '*') return '*';
  if (!h.startsWith('*.') && !h.startsWith('.')) return undefined;
  const rest = h.replace(/^\*?\./, '');
  if (!rest.includes('.')) return rest;
  return SHARED_TENANT_DOMAINS.find((d) => rest === d);
}

export const DJG021: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG021',
    title: 'CSRF_TRUSTED_ORIGINS entry is invalid or too broad',
    severity: 'error',
    fix: 'partial',
    why: 'Since Django 4.0 an origin without scheme stops the site from starting; an http:// origin or a wildcard over a shared hosting domain lets other people’s pages pass the CSRF origin check.',
    anchors: 'DJ 4_0.E001 (scheme)',
  }),
  check(ctx) {
    const m = ctx.model;
    if (!versionAtLeast(m, 4, 0)) return;
    const c = certain(m, 'CSRF_TRUSTED_ORIGINS');
    if (!c || !isSeq(c.v)) return;
    for (const item of c.v.items) {
      if (item.t !== 'str') continue;
      const origin = item.v;
      const sep = origin.indexOf('://');
      if (sep < 0) {
        const py = m.unit.files.get(item.loc.file);
        const fixes = py
          ? [{ title: `Use 'https://${origin}'`, edits: [{ file: item.loc.file, range: py.index.range(item.loc.from + 1, item.loc.from + 1), newText: 'https://' }], isPreferred: false }]
          : undefined;
        const quoted = py ? /^[rRuU]?["']/.test(py.text.slice(item.loc.from, item.loc.from + 2)) && /^["']/.test(py.text[item.loc.from]) : false;
        reportAt(ctx, {
          loc: item.loc,
          binding: c.b,
          message: `CSRF_TRUSTED_ORIGINS entry '${origin}' has no scheme: since Django 4.0 it must start with https:// (or http://)${anchor('4_0.E001')}`,
          fixes: quoted ? fixes : undefined,
        });
        continue;
      }
      const scheme = origin.slice(0, sep).toLowerCase();
      const host = origin.slice(sep + 3).split('/')[0];
      const shared = sharedTenantWildcard(host);
      if (shared) {
        reportAt(ctx, {
          loc: item.loc,
          binding: c.b,
          severity: 'warning',
          message: `CSRF_TRUSTED_ORIGINS trusts '${origin}': ${shared === '*' ? 'every site' : `every sub-domain of ${shared}, where anyone can host a page`} passes the CSRF origin check`,
        });
        continue;
      }
      if (scheme === 'http' && !isLocalHost(host) && m.role === 'production') {
        reportAt(ctx, {
          loc: item.loc,
          binding: c.b,
          severity: 'warning',
          message: `CSRF_TRUSTED_ORIGINS trusts '${origin}' over plain HTTP: a network attacker can inject a page on that origin that passes the CSRF check`,
        });
      }
    }
  },
};
