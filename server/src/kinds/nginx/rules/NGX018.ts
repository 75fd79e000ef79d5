// NGX018: a server that serves files (root or alias reachable by a location without an upstream
// handler) has no location denying hidden files (/.git, /.env) and backup/config artefacts.
import type { Node, Unit } from '../model';
import { fix } from '../model';
import { toJsRegExp } from '../regex';
import { meta, report, type Ctx } from './util';

const HANDLERS = ['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'return', 'stub_status', 'memcached_pass'];
const HIDDEN = ['/.git/config', '/.env'];
const BACKUP = ['/dump.sql', '/index.php.bak', '/config.php~'];
const HIDDEN_LOCATION = 'location ~ /\\.(?!well-known/) { deny all; }';
const BACKUP_LOCATION = 'location ~* (?:#.*#|\\.(?:bak|conf|dist|fla|in[ci]|log|orig|psd|sh|sql|sw[op])|~)$ { deny all; }';

function denies(unit: Unit, loc: Node): boolean {
  if (unit.own(loc, 'deny').some((d) => d.args[0]?.text === 'all')) return true;
  return unit.own(loc, 'return').some((r) => ['403', '404', '410', '444'].includes(r.args[0]?.text ?? ''));
}

function matches(loc: Node, sample: string): boolean {
  const a = loc.args.map((x) => x.text);
  if (a.length === 1) return sample.startsWith(a[0]);
  if (a[0] === '^~') return sample.startsWith(a[1]);
  if (a[0] === '=') return sample === a[1];
  if (a[0] === '~' || a[0] === '~*') {
    const re = toJsRegExp(a[1], a[0] === '~*');
    if (re === undefined) return false;
    try {
      return re.test(sample);
    } catch {
      return false; // a pattern JavaScript cannot run is not judged
    }
  }
  return false;
}

/** Where a server serves files from disk: a location without upstream handler (or the server level
 * when no `location /` takes every request) with root or alias in force. */
function servesFiles(unit: Unit, server: Node): Node | undefined {
  const locations = [...unit.named('location', server)];
  const levels = [...locations];
  if (!locations.some((l) => l.args.length === 1 && l.args[0].text === '/')) levels.unshift(server);
  for (const l of levels) {
    if (HANDLERS.some((h) => unit.own(l, h).length > 0) || denies(unit, l)) continue;
    const where = l.args[l.args.length - 1]?.text ?? '';
    if (l.args[0]?.text === '=' || where.startsWith('@') || where.startsWith('/.well-known/')) continue;
    const fileSource = unit.own(l, 'alias')[0] ?? unit.effective(l, 'root');
    if (fileSource) return fileSource;
  }
  return undefined;
}

export default {
  meta: meta({
    id: 'NGX018',
    title: 'Hidden files and backups are not denied',
    severity: 'warning',
    fix: 'yes',
    why: 'Deployments leave .git, .env, editor backups and SQL dumps in served folders: without a deny rule they are one request away from leaking source code and secrets.',
    anchors: 'h5bp h5bp/location/security_file_access.conf',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const server of unit.servers()) {
      const source = servesFiles(unit, server);
      if (!source) continue;
      const locations = [...unit.named('location', server)].filter(denies.bind(null, unit));
      const covered = (samples: string[]) => samples.every((s) => locations.some((l) => matches(l, s)));
      const missing: string[] = [];
      const lines: string[] = [];
      if (!covered(HIDDEN)) {
        missing.push('hidden files (/.git, /.env)');
        lines.push(HIDDEN_LOCATION);
      }
      if (!covered(BACKUP)) {
        missing.push('backup and dump files (.bak, .sql, ~)');
        lines.push(BACKUP_LOCATION);
      }
      if (missing.length === 0) continue;
      report(ctx, server, `This server serves files from ${source.args[0]?.text ?? 'disk'} but does not deny ${missing.join(' or ')}`, {
        related: [{ file: source.file, range: unit.range(source), message: 'files are served from here' }],
        fixes: fix('Add h5bp-style deny locations', [edits.insertAtBlockEnd(server, lines)]),
      });
    }
  },
};
