// nginx by content: a `.conf` file outside the nginx paths (e.g. deploy/app.conf) that no other
// extension has given a language gets the `nginx` id when its text starts blocks the way nginx
// configs do. Mirrors the server's nginx claims (server/src/kinds/nginx/index.ts); the server still
// decides what it lints. Pure (no `vscode` import) so it can be unit-tested.
import { hasLocationLine } from '../../server/src/kinds/nginx/detect';

const BLOCK_LINE = /^[ \t]*(?:server|http|events|stream)[ \t]*\{/m;
const NOT_NGINX = /^[ \t]*(?:<(?:VirtualHost|Directory|IfModule)\b|\[[A-Za-z][\w .:-]{0,80}\][ \t]*$)/m;
const FOREIGN_DIRS = new Set(['httpd', 'apache', 'apache2', 'supervisor', 'supervisord', 'fail2ban', 'sshd_config.d', 'ssh', 'rsyslog.d', 'logrotate.d', 'php-fpm.d', 'modprobe.d', 'sysctl.d']);
/** Languages VS Code gives a `.conf` when nothing more specific claims it. */
export const GENERIC_LANGUAGES = new Set(['plaintext', 'properties', 'ini']);

/** `path`: slash-separated; `head`: the first few KB of the text. */
export function looksLikeNginx(path: string, head: string): boolean {
  const parts = path.split('/');
  const base = parts[parts.length - 1].replace(/\.(j2|jinja2?|template|tmpl)$/, '');
  if (!base.endsWith('.conf')) return false;
  if (parts.slice(0, -1).some((p) => FOREIGN_DIRS.has(p))) return false;
  return (BLOCK_LINE.test(head) || hasLocationLine(head)) && !NOT_NGINX.test(head);
}
