// What we know about nginx directives: how many arguments the common ones accept (from their
// NGX_CONF_TAKE* flags in the nginx sources), so that a missing `;` can be told apart from a
// directive that legitimately spans lines. Unknown directives (modules, OpenResty) are read as
// written: nothing here makes a directive "invalid".

const I = Infinity;

/** Maximum number of arguments (after the name) of well-known directives; Infinity: unbounded. */
export const MAX_ARGS: Record<string, number> = {
  // core / events
  user: 2, worker_processes: 1, worker_rlimit_nofile: 1, worker_connections: 1, pid: 1, daemon: 1,
  master_process: 1, error_log: I, include: 1, load_module: 1, events: 0, use: 1, multi_accept: 1,
  accept_mutex: 1, worker_cpu_affinity: I, worker_priority: 1, worker_shutdown_timeout: 1, env: 1, thread_pool: 3,
  // http core
  http: 0, server: I, location: 2, listen: I, server_name: I, root: 1, alias: 1, index: I, try_files: I,
  default_type: 1, types: 0, sendfile: 1, tcp_nopush: 1, tcp_nodelay: 1, keepalive_timeout: 2, keepalive_requests: 1,
  client_max_body_size: 1, client_body_timeout: 1, client_header_timeout: 1, client_body_buffer_size: 1,
  client_header_buffer_size: 1, large_client_header_buffers: 2, send_timeout: 1, server_tokens: 1, autoindex: 1,
  autoindex_exact_size: 1, autoindex_localtime: 1, autoindex_format: 1, error_page: I, internal: 0, limit_except: I,
  access_log: I, log_format: I, open_file_cache: 2, open_file_cache_valid: 1, charset: 1, source_charset: 1,
  server_names_hash_bucket_size: 1, server_names_hash_max_size: 1, types_hash_max_size: 1, types_hash_bucket_size: 1,
  resolver: I, resolver_timeout: 1, merge_slashes: 1, underscores_in_headers: 1, ignore_invalid_headers: 1,
  absolute_redirect: 1, port_in_redirect: 1, server_name_in_redirect: 1, satisfy: 1, lingering_close: 1,
  reset_timedout_connection: 1, recursive_error_pages: 1, log_not_found: 1, etag: 1, if_modified_since: 1,
  max_ranges: 1, output_buffers: 2, postpone_output: 1, directio: 1, aio: 1, http2: 1, http3: 1,
  // rewrite / return / access / auth
  rewrite: 3, return: 2, set: 2, if: I, break: 0, rewrite_log: 1, allow: 1, deny: 1, auth_basic: 1,
  auth_basic_user_file: 1, auth_request: 1, auth_request_set: 2, valid_referers: I, set_real_ip_from: 1,
  real_ip_header: 1, real_ip_recursive: 1, stub_status: 1, map: 2, geo: 2, split_clients: 2, upstream: 1,
  limit_req: 3, limit_req_zone: 4, limit_conn: 2, limit_conn_zone: 2, limit_rate: 1,
  // headers
  add_header: 3, add_trailer: 3, expires: 2, add_header_inherit: 1, add_trailer_inherit: 1,
  // proxy and friends
  proxy_pass: 1, proxy_set_header: 2, proxy_hide_header: 1, proxy_pass_header: 1, proxy_redirect: 2,
  proxy_http_version: 1, proxy_buffering: 1, proxy_buffers: 2, proxy_buffer_size: 1, proxy_read_timeout: 1,
  proxy_connect_timeout: 1, proxy_send_timeout: 1, proxy_cache: 1, proxy_cache_valid: I, proxy_cache_path: I,
  proxy_ssl_verify: 1, proxy_ssl_trusted_certificate: 1, proxy_ssl_server_name: 1, proxy_ssl_protocols: I,
  proxy_ssl_name: 1, proxy_intercept_errors: 1, proxy_request_buffering: 1, proxy_cookie_path: 2,
  proxy_cookie_domain: 2, proxy_next_upstream: I, fastcgi_pass: 1, fastcgi_param: 3, fastcgi_index: 1,
  fastcgi_split_path_info: 1, fastcgi_read_timeout: 1, fastcgi_buffers: 2, fastcgi_intercept_errors: 1,
  uwsgi_pass: 1, uwsgi_param: 3, scgi_pass: 1, scgi_param: 3, grpc_pass: 1, grpc_set_header: 2,
  // ssl
  ssl: 1, ssl_certificate: 1, ssl_certificate_key: 1, ssl_protocols: I, ssl_ciphers: 1, ssl_prefer_server_ciphers: 1,
  ssl_session_cache: 2, ssl_session_timeout: 1, ssl_session_tickets: 1, ssl_session_ticket_key: 1, ssl_dhparam: 1,
  ssl_ecdh_curve: 1, ssl_stapling: 1, ssl_stapling_verify: 1, ssl_trusted_certificate: 1, ssl_client_certificate: 1,
  ssl_verify_client: 1, ssl_verify_depth: 1, ssl_buffer_size: 1, ssl_early_data: 1, ssl_reject_handshake: 1,
  ssl_conf_command: 2, ssl_password_file: 1, ssl_crl: 1,
  // gzip and misc
  gzip: 1, gzip_vary: 1, gzip_proxied: I, gzip_comp_level: 1, gzip_types: I, gzip_min_length: 1, gzip_static: 1,
  gzip_disable: I, gzip_http_version: 1, gzip_buffers: 2, sub_filter: 2, sub_filter_once: 1, ssi: 1, mp4: 0,
  flv: 0, slice: 1, mirror: 1, more_set_headers: I, more_clear_headers: I, vhost_traffic_status_display: 0,
  api: 1, quic_bpf: 1, quic_retry: 1, ssl_stapling_responder: 1, ssl_stapling_file: 1,
};

/** Array-type directives: inherited from the parent level only when the child level has none. */
export const ARRAY_DIRECTIVES = new Set(['add_header', 'add_trailer', 'proxy_set_header', 'grpc_set_header', 'fastcgi_param', 'uwsgi_param', 'scgi_param']);

/** Headers whose loss matters for security (NGX024 escalation, NGX025). */
export const SECURITY_HEADERS = new Set([
  'strict-transport-security',
  'content-security-policy',
  'content-security-policy-report-only',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'cache-control',
  'permissions-policy',
  'cross-origin-opener-policy',
  'cross-origin-embedder-policy',
  'cross-origin-resource-policy',
]);

/** Shortens a token's source for a message. */
export function shorten(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}
