// NGX012: a variable in an argument that nginx does not expand: the "$name" reaches the file
// system or the header literally.
import { splitScript } from '../vars';
import { meta, report, type Ctx } from './util';

/** Directives (and argument positions) that are read literally, never as scripts. */
const LITERAL_ARGS: Record<string, 'all' | 'first'> = {
  include: 'all', ssl_trusted_certificate: 'all', ssl_client_certificate: 'all', ssl_dhparam: 'all', ssl_crl: 'all',
  ssl_password_file: 'all', ssl_session_ticket_key: 'all', ssl_stapling_file: 'all', proxy_ssl_trusted_certificate: 'all',
  proxy_ssl_crl: 'all', error_log: 'all', pid: 'all', user: 'all', listen: 'all', resolver: 'all', default_type: 'all',
  client_body_temp_path: 'all', proxy_temp_path: 'all', fastcgi_temp_path: 'all', uwsgi_temp_path: 'all', scgi_temp_path: 'all',
  proxy_cache_path: 'all', fastcgi_cache_path: 'all', uwsgi_cache_path: 'all', scgi_cache_path: 'all', ssl_ecdh_curve: 'all',
  ssl_ciphers: 'all', ssl_protocols: 'all', load_module: 'all', add_header: 'first', add_trailer: 'first', proxy_set_header: 'first',
  proxy_hide_header: 'all', proxy_pass_header: 'all', server_tokens: 'all', keepalive_timeout: 'all', client_max_body_size: 'all',
};

export default {
  meta: meta({
    id: 'NGX012',
    title: 'Variable in an argument nginx does not expand',
    severity: 'info',
    fix: 'no',
    why: 'This directive reads its argument literally: the configuration does not do what it seems to (a file named "$host.crt", a header literally called "$name").',
    anchors: 'gixy "Non-Expanding Variables" (gixy-ng ≥0.2.60)',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    for (const n of unit.all()) {
      let which = LITERAL_ARGS[n.name];
      if ((n.name === 'ssl_certificate' || n.name === 'ssl_certificate_key') && !unit.version.atLeast('1.15.9')) which = 'all';
      if (n.name === 'server_name') which = 'all';
      if (!which || n.children) continue;
      const args = which === 'first' ? n.args.slice(0, 1) : n.args;
      for (const a of args) {
        if (n.name === 'server_name' && a.text.startsWith('~')) continue;
        const v = splitScript(a.text).find((p) => p.name !== undefined && !/^[1-9]$/.test(p.name));
        if (!v) continue;
        report(ctx, n, `${n.name} does not expand variables: "${v.text}" is used literally${n.name === 'ssl_certificate' || n.name === 'ssl_certificate_key' ? ` (variables are supported from nginx 1.15.9; target is ${unit.version.text})` : ''}`, { range: unit.tokenRange(n, a) });
        break;
      }
    }
  },
};
