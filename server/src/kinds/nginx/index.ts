// The nginx kind: which files it reads, how they form analysis units (a snippet or site file is
// analysed through each main nginx.conf that includes it), and the NGX rules.
import * as path from 'node:path';
import { memo, type Kind, type KindContext, type UnitAnalysis } from '../../engine/kind';
import type { Finding, RelatedLocation } from '../../engine/types';
import { rangeKey } from '../../engine/text';
import { compareBytewise } from '../../engine/workspace';
import { analyzeIncrementally } from './incremental';
import { prefixFor, unitOf } from './model';
import { comments } from './parser';
import { RULES } from './rules';
import { MAX_ARGS } from './vocabulary';
import { hasLocationLine } from './detect';

const TEMPLATE_EXT = /\.(j2|jinja2?|template|tmpl)$/;
const CONFISH = /\.(conf|vhost|nginx)$/;
const BLOCK_LINE = /^[ \t]*(?:server|http|events|stream)[ \t]*\{/m;
const FOREIGN_DIRS = new Set(['httpd', 'apache', 'apache2', 'supervisor', 'supervisord', 'fail2ban', 'sshd_config.d', 'ssh', 'rsyslog.d', 'logrotate.d', 'php-fpm.d', 'modprobe.d', 'sysctl.d']);
const NOT_NGINX_HEAD = /^[ \t]*(?:<(?:VirtualHost|Directory|IfModule)\b|\[[A-Za-z][\w .:-]{0,80}\][ \t]*$)/m;

/** Directive names that alone do not identify nginx (other formats use them too). */
const AMBIGUOUS = new Set(['include', 'user', 'env', 'pid', 'server', 'use', 'root', 'index', 'set', 'if', 'return', 'daemon', 'ssl']);

/**
 * The first directive of the file is a well-known nginx one written the nginx way
 * (`add_header X-Frame-Options DENY;`, `ssl_protocols TLSv1.2 TLSv1.3;`): a snippet.
 */
function startsWithNginxDirective(text: string): boolean {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const name = line.split(/[ \t]/, 1)[0];
    if (AMBIGUOUS.has(name) || MAX_ARGS[name] === undefined || line.includes('=') && !line.includes('"') && !line.includes("'")) return false;
    const body = line.includes('#') ? line.slice(0, line.indexOf('#')).trimEnd() : line;
    return body.endsWith(';') || body.endsWith('{');
  }
  return false;
}

export function claims(rel: string, head: () => string | undefined): boolean {
  const parts = rel.split('/');
  const base = parts[parts.length - 1];
  const dir = parts.length > 1 ? parts[parts.length - 2] : '';
  const stripped = base.replace(TEMPLATE_EXT, '');
  if (parts.slice(0, -1).some((p) => FOREIGN_DIRS.has(p))) return false;
  if (stripped === 'nginx.conf' || base.endsWith('.nginx')) return true;
  const noExt = !stripped.includes('.');
  if ((dir === 'sites-available' || dir === 'sites-enabled') && (noExt || CONFISH.test(stripped))) return true;
  const looksLikeNginx = () => {
    const h = head();
    return h !== undefined && !NOT_NGINX_HEAD.test(h);
  };
  if ((dir === 'snippets' || dir === 'conf.d' || dir === 'nginx') && stripped.endsWith('.conf')) return looksLikeNginx();
  if (stripped.endsWith('.conf')) {
    const h = head();
    return h !== undefined && (BLOCK_LINE.test(h) || hasLocationLine(h) || startsWithNginxDirective(h)) && !NOT_NGINX_HEAD.test(h);
  }
  return false;
}

function isMain(file: string, ctx: KindContext): boolean {
  if (path.basename(file).replace(TEMPLATE_EXT, '') === 'nginx.conf') return true;
  const r = ctx.ws.read(file);
  return r.ok && /^[ \t]*(?:http|events)[ \t]*\{/m.test(r.text);
}

/** Main files that may include a file: nginx.conf in its folder or any folder above it, and the configured prefix. */
function candidateMains(file: string, ctx: KindContext): string[] {
  return mainsAbove(path.dirname(file), ctx).filter((m) => m !== file);
}

/** nginx.conf (or nginx/nginx.conf) in `dir` or any folder above it up to the root, and the configured prefix's. */
function mainsAbove(dir: string, ctx: KindContext): string[] {
  const out: string[] = [];
  const add = (p: string) => {
    if (!out.includes(p) && ctx.ws.read(p).ok) out.push(p);
  };
  if (ctx.config.nginx.prefix) add(path.join(path.resolve(ctx.config.root, ctx.config.nginx.prefix), 'nginx.conf'));
  const stop = ctx.root || path.parse(dir).root;
  for (let d = dir; ; d = path.dirname(d)) {
    add(path.join(d, 'nginx.conf'));
    add(path.join(d, 'nginx', 'nginx.conf'));
    if (d === stop || d === path.dirname(d) || !d.startsWith(stop)) break;
  }
  return out;
}

/** Site files that may include a snippet when no main file does: sites-*, conf.d under the prefix. */
function candidateSites(file: string, ctx: KindContext): string[] {
  const prefix = prefixFor(file, ctx);
  const out: string[] = [];
  for (const dir of ['sites-enabled', 'sites-available', 'conf.d']) {
    const d = path.join(prefix, dir);
    for (const e of ctx.ws.list(d) ?? []) {
      const p = path.join(d, e.name);
      if (!e.isDirectory && p !== file && out.length < 200) out.push(p);
    }
  }
  return out;
}

/**
 * A file that does not look like nginx by its name or head is still nginx when a main nginx.conf
 * above it includes it (e.g. `proxy_params`, or a snippet broken while being typed): its syntax
 * errors must show somewhere. The mains above a folder are looked up once per folder.
 */
export function claimsIncluded(file: string, ctx: KindContext): boolean {
  const dir = path.dirname(file);
  const mains = memo(ctx, `nginx:mains-above:${dir}`, (c) => mainsAbove(dir, c));
  return mains.some((m) => m !== file && unitOf(m, ctx).files.has(file));
}

export function unitsFor(file: string, ctx: KindContext): string[] {
  if (isMain(file, ctx)) return [file];
  const mains = candidateMains(file, ctx).filter((m) => unitOf(m, ctx).files.has(file));
  if (mains.length > 0) return mains;
  const sites = candidateSites(file, ctx).filter((s) => unitOf(s, ctx).files.has(file));
  return sites.length > 0 ? sites : [file];
}

function findingKey(f: Finding): string {
  return `${f.ruleId}|${f.file}|${rangeKey(f.range)}|${f.message}`;
}

const relatedKey = (r: RelatedLocation) => `${r.file}|${r.range.start.line}|${r.message}`;

/** Orders the copies of one finding by their related locations (file, then position). */
function compareCopies(a: Finding, b: Finding): number {
  const x = a.related ?? [];
  const y = b.related ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = compareBytewise(x[i].file, y[i].file) || x[i].range.start.line - y[i].range.start.line || x[i].range.start.character - y[i].range.start.character;
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

/**
 * A snippet included from several places yields the same finding once, naming every inclusion.
 * The copies are taken in the order of their related locations, so the result does not depend on
 * the order the rules reported them in (a whole or an incremental analysis).
 */
function mergeCopies(raw: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const f of raw) {
    const key = findingKey(f);
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const out: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length === 1) {
      out.push(group[0]);
      continue;
    }
    group.sort(compareCopies);
    const related = [...(group[0].related ?? [])];
    const seen = new Set(related.map(relatedKey));
    for (const f of group.slice(1)) {
      for (const r of f.related ?? []) {
        if (seen.has(relatedKey(r))) continue;
        seen.add(relatedKey(r));
        related.push(r);
      }
    }
    out.push({ ...group[0], related: related.slice(0, 20) });
  }
  return out;
}

export function analyze(unitRoot: string, ctx: KindContext): UnitAnalysis {
  const unit = unitOf(unitRoot, ctx);
  return { findings: mergeCopies(analyzeIncrementally(unit, ctx)), comments: unit.comments() };
}

export const nginxKind: Kind = {
  id: 'nginx',
  title: 'nginx',
  languageIds: ['nginx'],
  rules: RULES.map((r) => r.meta),
  claims,
  claimsIncluded,
  unitsFor,
  analyze,
  comments,
};
