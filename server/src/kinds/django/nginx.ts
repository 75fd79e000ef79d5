// Cross-file knowledge for DJG012: does an nginx configuration of the workspace redirect plain
// HTTP to HTTPS? nginx files are found near the Django project (bounded walk of deployment-ish
// folders above the settings module) and read with the nginx kind's parser (never executed).
import * as path from 'node:path';
import type { KindContext } from '../../engine/kind';
import type { Range } from '../../engine/types';
import { parse, walk, type Directive } from '../nginx/parser';
import { ancestors } from './project';

export interface HttpsRedirect {
  file: string;
  range: Range;
  /** server_name values of the redirecting server ('' when it has none). */
  hosts: string[];
}

const DIRS = new Set(['etc', 'nginx', 'deploy', 'deployment', 'conf', 'config', 'infra', 'ops', 'docker', 'sites-available', 'sites-enabled', 'conf.d', 'servers']);
const MAX_FILES = 40;
const MAX_DEPTH = 4;
const REDIRECT_CODES = new Set(['301', '302', '303', '307', '308']);

function isNginxFile(dir: string, name: string): boolean {
  const parent = path.basename(dir);
  return name === 'nginx.conf' || name.endsWith('.conf') || name.endsWith('.nginx') || parent === 'sites-available' || parent === 'sites-enabled';
}

/** nginx configuration files in deployment folders above (and beside) the settings module. */
function nginxFiles(ctx: KindContext, settingsFile: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (dir: string, depth: number, inNginx: boolean) => {
    if (out.length >= MAX_FILES || depth > MAX_DEPTH || seen.has(dir)) return;
    seen.add(dir);
    const entries = ctx.ws.list(dir);
    if (!entries) return;
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory) {
        if (DIRS.has(e.name) || inNginx) visit(p, depth + 1, inNginx || e.name === 'nginx' || e.name.startsWith('sites-') || e.name === 'conf.d');
      } else if (inNginx && isNginxFile(dir, e.name) && out.length < MAX_FILES) out.push(p);
    }
  };
  for (const dir of ancestors(settingsFile, ctx.root)) visit(dir, 0, false);
  return out;
}

/** Does this server listen on plain HTTP only (no `ssl` parameter; no listen means port 80)? */
function plainHttp(server: Directive): boolean {
  const listens = (server.children ?? []).filter((d) => d.name === 'listen');
  return listens.every((l) => !l.args.some((a) => a.text === 'ssl' || a.text === 'quic'));
}

function redirectIn(list: Directive[]): Directive | undefined {
  for (const d of list) {
    if (d.name === 'return' && d.args.length >= 2 && REDIRECT_CODES.has(d.args[0].text) && d.args[1].text.startsWith('https://')) return d;
    if (d.name === 'rewrite' && d.args.length >= 2 && d.args[1].text.startsWith('https://')) return d;
  }
  return undefined;
}

/** HTTP servers whose `/` (server level or `location /`) redirects to an https:// URL. */
export function httpsRedirects(ctx: KindContext, settingsFile: string): HttpsRedirect[] {
  if (!path.isAbsolute(settingsFile)) return [];
  const out: HttpsRedirect[] = [];
  for (const file of nginxFiles(ctx, settingsFile)) {
    const r = ctx.ws.read(file);
    if (!r.ok) continue;
    const parsed = parse(r.text, file);
    for (const d of walk(parsed.directives)) {
      if (d.name !== 'server' || !d.children || !plainHttp(d)) continue;
      const root = d.children.find((c) => c.name === 'location' && c.args.length === 1 && c.args[0].text === '/');
      const red = redirectIn(d.children) ?? (root?.children ? redirectIn(root.children) : undefined);
      if (!red) continue;
      const hosts = d.children.filter((c) => c.name === 'server_name').flatMap((c) => c.args.map((a) => a.text));
      out.push({ file, range: parsed.index.range(red.start, red.end), hosts });
    }
  }
  return out;
}

/** Does an nginx server_name pattern cover a Django ALLOWED_HOSTS entry (or the reverse)? */
export function hostMatches(serverName: string, allowed: string): boolean {
  const s = serverName.toLowerCase();
  const a = allowed.toLowerCase().replace(/:\d+$/, '');
  if (a === '*' || s === a) return true;
  if (s.startsWith('*.') && a.endsWith(s.slice(1))) return true;
  if (s.startsWith('.') && (a === s.slice(1) || a.endsWith(s))) return true;
  if (a.startsWith('.') && (s === a.slice(1) || s.endsWith(a))) return true;
  return false;
}
