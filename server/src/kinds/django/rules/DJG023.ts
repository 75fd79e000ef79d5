// DJG023: database and cache connections to remote hosts without TLS.
import type { Rule } from '../../../engine/kind';
import { certain, reportAt, type DjangoModel } from '../model';
import { dictGet, isSeq, type Value } from '../values';
import { meta } from './common';
import { isLocalHost } from './DJG021';

const PG_ENGINES = new Set(['django.db.backends.postgresql', 'django.db.backends.postgresql_psycopg2', 'django.contrib.gis.db.backends.postgis']);
const MYSQL_ENGINES = new Set(['django.db.backends.mysql', 'django.contrib.gis.db.backends.mysql']);
const WEAK_SSLMODES = new Set(['disable', 'allow', 'prefer']);
const STRONG_MYSQL_MODES = new Set(['REQUIRED', 'VERIFY_CA', 'VERIFY_IDENTITY']);

/**
 * A host reached over a network we cannot vouch for: a dotted name or an IP that is not loopback.
 * Single-label names (`db`, `postgres`) are taken as services on a private (container) network.
 */
export function isRemoteHost(host: string): boolean {
  const h = host.trim();
  if (!h || h.startsWith('/') || isLocalHost(h)) return false;
  return h.includes('.') || h.includes(':');
}

function parseUrl(s: string): { scheme: string; host: string; query: Map<string, string> } | undefined {
  const sep = s.indexOf('://');
  if (sep <= 0) return undefined;
  const scheme = s.slice(0, sep).toLowerCase();
  let rest = s.slice(sep + 3);
  const q = rest.indexOf('?');
  const query = new Map<string, string>();
  if (q >= 0) {
    for (const kv of rest.slice(q + 1).split('&')) {
      const eq = kv.indexOf('=');
      if (eq > 0) query.set(kv.slice(0, eq).toLowerCase(), kv.slice(eq + 1));
    }
    rest = rest.slice(0, q);
  }
  const slash = rest.indexOf('/');
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const at = authority.lastIndexOf('@');
  let host = at >= 0 ? authority.slice(at + 1) : authority;
  if (host.startsWith('[')) host = host.slice(1, host.indexOf(']') > 0 ? host.indexOf(']') : undefined);
  else host = host.replace(/:\d*$/, '');
  return { scheme, host, query };
}

export const DJG023: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG023',
    title: 'Database or cache connection without TLS',
    severity: 'warning',
    fix: 'partial',
    why: 'Without TLS, database passwords, session data and query results cross the network in clear text, and the connection can be hijacked.',
  }),
  check(ctx) {
    const m = ctx.model;
    const dbs = certain(m, 'DATABASES');
    if (dbs && dbs.v.t === 'dict') {
      for (const alias of dbs.v.entries) {
        const db = alias.value;
        if (db.t === 'dict') checkDbDict(db, alias.key.t === 'str' ? alias.key.v : '?');
        else checkDsnValue(db, `DATABASES['${alias.key.t === 'str' ? alias.key.v : '?'}']`);
      }
    }
    const caches = certain(m, 'CACHES');
    if (caches && caches.v.t === 'dict') {
      for (const alias of caches.v.entries) {
        const loc = dictGet(alias.value, 'LOCATION')?.value;
        const locs = isSeq(loc) ? loc.items : loc ? [loc] : [];
        for (const l of locs) {
          if (l.t !== 'str') continue;
          const u = parseUrl(l.v);
          if (u && u.scheme === 'redis' && isRemoteHost(u.host)) {
            reportAt(ctx, { loc: l.loc, binding: caches.b, message: `CACHES['${alias.key.t === 'str' ? alias.key.v : '?'}'] connects to Redis at ${u.host} without TLS (redis://): use rediss://` });
          }
        }
      }
    }

    function checkDbDict(db: Extract<Value, { t: 'dict' }>, alias: string) {
      const engine = dictGet(db, 'ENGINE')?.value;
      const host = dictGet(db, 'HOST')?.value;
      if (engine?.t !== 'str' || host?.t !== 'str' || !isRemoteHost(host.v)) return;
      const options = dictGet(db, 'OPTIONS')?.value;
      if (options && options.t !== 'dict') return;
      if (PG_ENGINES.has(engine.v)) {
        const mode = dictGet(options, 'sslmode')?.value;
        if (mode && mode.t !== 'str') return;
        if (mode && !WEAK_SSLMODES.has(mode.v)) return;
        const py = mode ? m.unit.files.get(mode.loc.file) : undefined;
        reportAt(ctx, {
          loc: (mode ?? host).loc,
          binding: dbs!.b,
          message: mode
            ? `DATABASES['${alias}'] uses sslmode '${mode.v}' to ${host.v}: the connection may run without TLS; use 'require' (or 'verify-full')`
            : `DATABASES['${alias}'] connects to ${host.v} without OPTIONS['sslmode']: libpq's default 'prefer' falls back to clear text`,
          fixes: mode && py ? [{ title: "Use sslmode 'require'", edits: [{ file: mode.loc.file, range: py.index.range(mode.loc.from + 1, mode.loc.to - 1), newText: 'require' }], isPreferred: false }] : undefined,
        });
      } else if (MYSQL_ENGINES.has(engine.v)) {
        const ssl = dictGet(options, 'ssl')?.value;
        const sslMode = dictGet(options, 'ssl_mode')?.value;
        if (ssl || (sslMode?.t === 'str' && STRONG_MYSQL_MODES.has(sslMode.v.toUpperCase())) || (sslMode && sslMode.t !== 'str')) return;
        reportAt(ctx, { loc: host.loc, binding: dbs!.b, message: `DATABASES['${alias}'] connects to MySQL at ${host.v} without OPTIONS['ssl']: credentials and data travel in clear text` });
      }
    }

    function checkDsnValue(v: Value, label: string) {
      let url: Value | undefined;
      let sslRequire = false;
      if (v.t === 'call' && v.callee === 'dj_database_url.parse') {
        url = v.args[0];
        const sr = v.kwargs.get('ssl_require');
        sslRequire = sr?.t === 'bool' && sr.v;
      } else if (v.t === 'env' && v.env.dflt?.t === 'call' && v.env.dflt.callee === 'dj_database_url.parse') {
        url = v.env.dflt.args[0];
        const sr = v.env.dflt.kwargs.get('ssl_require');
        sslRequire = sr?.t === 'bool' && sr.v;
      }
      if (!url || url.t !== 'str' || sslRequire) return;
      const u = parseUrl(url.v);
      if (!u || !/^(postgres|postgresql|pgsql|postgis)$/.test(u.scheme) || !isRemoteHost(u.host)) return;
      const mode = u.query.get('sslmode');
      if (mode && !WEAK_SSLMODES.has(mode)) return;
      reportAt(ctx, { loc: url.loc, binding: dbs!.b, message: `${label} connects to ${u.host} without sslmode=require (or ssl_require=True): the connection may fall back to clear text` });
    }
  },
};
