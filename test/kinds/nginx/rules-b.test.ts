// Table-driven tests of NGX024-NGX051 (valid, invalid with exact positions, quick-fix output).
import { ruleTester } from '../../helpers/rule-tester';
import { nginxKind } from '../../../server/src/kinds/nginx';

const K = [nginxKind];
const SITE = 'etc/nginx/sites-available/site.conf';
const MAIN = 'etc/nginx/nginx.conf';

/** A complete configuration (main file with http) around some http-level text. */
const full = (http: string) => `events {}\nhttp {\n    server_tokens off;\n${http}}\n`;
const TLS = '        listen 443 ssl;\n        server_name a.example;\n        ssl_certificate /etc/ssl/a.pem;\n        ssl_certificate_key /etc/ssl/a.key;\n';
const HARDENED_HTTP =
  '    ssl_protocols TLSv1.2 TLSv1.3;\n    ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256;\n    ssl_session_tickets off;\n' +
  '    add_header Strict-Transport-Security "max-age=63072000" always;\n    add_header X-Content-Type-Options nosniff always;\n' +
  '    add_header X-Frame-Options DENY always;\n    add_header Content-Security-Policy "default-src \'self\'; object-src \'none\'; base-uri \'none\'" always;\n' +
  '    server { listen 80 default_server; return 301 https://$host$request_uri; }\n';

ruleTester(K, 'NGX024', SITE, {
  valid: [
    'server {\n    add_header X-A 1;\n    location / { proxy_pass http://b; }\n}\n',
    'server {\n    add_header X-A 1;\n    location / { add_header X-A 2; }\n}\n',
    { name: 'add_header_inherit merge on 1.29.3', code: 'server {\n    add_header X-A 1;\n    location / { add_header_inherit merge; add_header X-B 2; }\n}\n', config: { nginx: { version: '1.29.3' } } },
    { name: 'add_header_inherit off cancels on purpose', code: 'server {\n    add_header X-A 1;\n    location / { add_header_inherit off; add_header X-B 2; }\n}\n', config: { nginx: { version: '1.29.3' } } },
  ],
  invalid: [
    {
      name: 'security header dropped: error, fix copies the parent lines',
      code: 'server {\n    add_header Strict-Transport-Security "max-age=63072000" always;\n    location /a/ {\n        add_header Cache-Control no-store;\n    }\n}\n',
      errors: [{ line: 4, column: 9, severity: 'error', message: /Strict-Transport-Security/ }],
      output:
        'server {\n    add_header Strict-Transport-Security "max-age=63072000" always;\n    location /a/ {\n        add_header Strict-Transport-Security "max-age=63072000" always;\n        add_header Cache-Control no-store;\n    }\n}\n',
    },
    {
      name: 'headers from a snippet at both levels: fix re-includes the snippet',
      code: 'server {\n    include snippets/h.conf;\n    location /a/ {\n        add_header X-Other 1;\n    }\n}\n',
      files: { 'etc/nginx/snippets/h.conf': 'add_header X-Frame-Options DENY always;\n' },
      errors: [{ line: 4, severity: 'error' }],
      output: 'server {\n    include snippets/h.conf;\n    location /a/ {\n        include snippets/h.conf;\n        add_header X-Other 1;\n    }\n}\n',
    },
    {
      name: 'the child add_header comes from a snippet: finding in the snippet',
      code: 'server {\n    add_header X-Frame-Options DENY always;\n    location /a/ {\n        include snippets/cache.conf;\n    }\n}\n',
      files: { 'etc/nginx/snippets/cache.conf': 'add_header Cache-Control no-store;\n' },
      errors: [{ line: 1, path: 'etc/nginx/snippets/cache.conf', severity: 'error' }],
    },
    {
      name: 'proxy_set_header: warning; add_header_inherit merge offered on 1.29.3',
      code: 'location / {\n    proxy_set_header X-Forwarded-Proto $scheme;\n    location /n/ {\n        proxy_set_header X-N 1;\n    }\n}\n',
      errors: [{ line: 4, severity: 'warning', message: /X-Forwarded-Proto/ }],
      output: 'location / {\n    proxy_set_header X-Forwarded-Proto $scheme;\n    location /n/ {\n        proxy_set_header X-Forwarded-Proto $scheme;\n        proxy_set_header X-N 1;\n    }\n}\n',
    },
    {
      name: 'nginx 1.29.3: the preferred fix is add_header_inherit merge',
      code: 'server {\n    add_header X-A 1;\n    location / {\n        add_header X-B 2;\n    }\n}\n',
      config: { nginx: { version: '1.29.3' } },
      errors: [{ line: 4, severity: 'warning' }],
      output: 'server {\n    add_header X-A 1;\n    location / {\n        add_header_inherit merge;\n        add_header X-B 2;\n    }\n}\n',
    },
    { name: 'if inside location', code: 'location / {\n    add_header X-Frame-Options DENY always;\n    if ($a) {\n        add_header X-Debug 1;\n    }\n}\n', errors: [{ line: 4, severity: 'error' }] },
  ],
});

ruleTester(K, 'NGX025', SITE, {
  valid: ['add_header X-Frame-Options DENY always;', 'add_header X-Custom 1;'],
  invalid: [{ code: 'add_header X-Frame-Options DENY;', errors: [{ line: 1, column: 1, severity: 'info' }], output: 'add_header X-Frame-Options DENY always;' }],
});

ruleTester(K, 'NGX026', MAIN, {
  valid: [
    full(HARDENED_HTTP + `    server {\n${TLS}        return 204;\n    }\n`),
    { name: 'a standalone site file is not a complete configuration', path: SITE, code: `server {\n${TLS}}\n` },
    full(`    server {\n        listen 443 ssl default_server;\n        ssl_reject_handshake on;\n    }\n`),
  ],
  invalid: [
    {
      name: 'missing on a TLS server',
      code: full(`    server {\n${TLS}        return 204;\n    }\n`),
      errors: [{ line: 4, column: 5, endColumn: 13, severity: 'warning' }],
      output: full(`    server {\n${TLS}        add_header Strict-Transport-Security "max-age=63072000" always;\n        return 204;\n    }\n`),
    },
    {
      name: 'weak max-age',
      path: SITE,
      code: 'server {\n    listen 443 ssl;\n    add_header Strict-Transport-Security "max-age=3600" always;\n}\n',
      errors: [{ line: 3, column: 42, message: /max-age=3600/ }],
      output: 'server {\n    listen 443 ssl;\n    add_header Strict-Transport-Security "max-age=63072000" always;\n}\n',
    },
    { name: 'max-age=0', path: SITE, code: 'server {\n    listen 443 ssl;\n    add_header Strict-Transport-Security max-age=0;\n}\n', errors: [{ line: 3, message: /forget HSTS/ }] },
    { name: 'on plain HTTP', path: SITE, code: 'server {\n    listen 80;\n    add_header Strict-Transport-Security "max-age=63072000";\n}\n', errors: [{ line: 3, message: /ignored by browsers/ }], output: null },
  ],
});

ruleTester(K, 'NGX027', MAIN, {
  valid: [full(HARDENED_HTTP + `    server {\n${TLS}        location / { proxy_pass http://b; }\n    }\n`), full('    server { listen 80; return 301 https://$host$request_uri; }\n')],
  invalid: [
    {
      code: full('    server {\n        listen 80;\n        root /srv;\n    }\n'),
      errors: [{ line: 4, severity: 'info' }],
      output: full('    server {\n        listen 80;\n        root /srv;\n        add_header X-Content-Type-Options "nosniff" always;\n    }\n'),
    },
  ],
});

ruleTester(K, 'NGX028', MAIN, {
  valid: [full('    server {\n        listen 80;\n        add_header Content-Security-Policy "frame-ancestors \'none\'" always;\n    }\n')],
  invalid: [
    {
      code: full('    server {\n        listen 80;\n        add_header X-Content-Type-Options nosniff always;\n    }\n'),
      errors: [{ line: 4 }],
      output: full('    server {\n        listen 80;\n        add_header X-Content-Type-Options nosniff always;\n        add_header X-Frame-Options "SAMEORIGIN" always;\n    }\n'),
    },
  ],
});

ruleTester(K, 'NGX029', MAIN, {
  valid: [full('    server {\n        listen 80;\n        add_header Content-Security-Policy "default-src \'self\'; object-src \'none\'; base-uri \'self\'" always;\n    }\n')],
  invalid: [
    {
      name: 'missing',
      code: full('    server {\n        listen 80;\n    }\n'),
      errors: [{ line: 4 }],
      output: full(
        '    server {\n        listen 80;\n        add_header Content-Security-Policy "default-src \'self\'; base-uri \'none\'; form-action \'self\'; frame-ancestors \'none\'; object-src \'none\'; upgrade-insecure-requests" always;\n    }\n',
      ),
    },
    {
      name: 'weak',
      path: SITE,
      code: 'add_header Content-Security-Policy "default-src * \'unsafe-inline\'";',
      errors: [{ line: 1, column: 36, message: /'unsafe-inline'.*any origin.*no object-src.*no base-uri/ }],
      output: null,
    },
  ],
});

ruleTester(K, 'NGX030', MAIN, {
  valid: [full('    server {\n        listen 80;\n    }\n')],
  invalid: [
    {
      code: full('    server {\n        listen 80;\n        add_header Referrer-Policy no-referrer always;\n        add_header Permissions-Policy "camera=()" always;\n        add_header Cross-Origin-Opener-Policy same-origin always;\n        add_header Cross-Origin-Embedder-Policy require-corp always;\n    }\n'),
      config: { rules: { NGX030: 'on' } },
      errors: [{ line: 4, message: /Cross-Origin-Resource-Policy$/ }],
      output: full('    server {\n        listen 80;\n        add_header Referrer-Policy no-referrer always;\n        add_header Permissions-Policy "camera=()" always;\n        add_header Cross-Origin-Opener-Policy same-origin always;\n        add_header Cross-Origin-Embedder-Policy require-corp always;\n        add_header Cross-Origin-Resource-Policy "same-site" always;\n    }\n'),
    },
  ],
});

ruleTester(K, 'NGX031', SITE, {
  valid: ['add_header X-XSS-Protection 0;'],
  invalid: [{ code: 'server {\n    add_header X-XSS-Protection "1; mode=block";\n    listen 80;\n}\n', errors: [{ line: 2, column: 5 }], output: 'server {\n    listen 80;\n}\n' }],
});

ruleTester(K, 'NGX032', SITE, {
  valid: ['add_header X-A "one line" always;'],
  invalid: [{ code: 'add_header X-A "one\n  two" always;', errors: [{ line: 1, column: 16, endLine: 2, severity: 'warning' }], output: null }],
});

ruleTester(K, 'NGX033', SITE, {
  valid: ['location / { default_type application/json; }'],
  invalid: [
    { code: 'location / {\n    add_header Content-Type application/json always;\n}\n', errors: [{ line: 2, column: 5 }], output: 'location / {\n    default_type application/json;\n}\n' },
    { name: 'inside if: no fix', code: 'location / {\n    if ($a) { add_header Content-Type text/plain; }\n}\n', errors: [{ line: 2 }], output: null },
  ],
});

ruleTester(K, 'NGX034', SITE, {
  valid: [
    'location / {\n    if ($http_origin ~ "^https://a\\.example$") { add_header Access-Control-Allow-Origin $http_origin; }\n}\n',
    'location / { add_header Access-Control-Allow-Origin *; }',
  ],
  invalid: [
    { code: 'location / {\n    add_header Access-Control-Allow-Origin $http_origin;\n}\n', errors: [{ line: 2, severity: 'error', message: /reflects/ }], output: null },
    { code: 'location / {\n    add_header Access-Control-Allow-Credentials true;\n    add_header Access-Control-Allow-Origin *;\n}\n', errors: [{ line: 2, message: /\* together with/ }] },
  ],
});

ruleTester(K, 'NGX035', MAIN, {
  valid: [full(''), { path: SITE, code: 'server { listen 80; }' }],
  invalid: [
    { name: 'absent in a full config', code: 'events {}\nhttp {\n    include mime.types;\n}\n', errors: [{ line: 2, column: 1, endColumn: 7, severity: 'warning' }], output: 'events {}\nhttp {\n    server_tokens off;\n    include mime.types;\n}\n' },
    { name: 'explicit on', path: SITE, code: 'server_tokens on;', errors: [{ line: 1 }], output: 'server_tokens off;' },
    { name: 'build', path: SITE, code: 'server {\n    server_tokens build;\n}\n', errors: [{ line: 2, message: /build name/ }], output: 'server {\n    server_tokens off;\n}\n' },
  ],
});

ruleTester(K, 'NGX036', MAIN, {
  valid: ['error_log /var/log/nginx/error.log warn;\nevents {}\n'],
  invalid: [{ code: 'error_log off;\nevents {}\n', errors: [{ line: 1, severity: 'info' }], output: 'error_log /dev/null crit;\nevents {}\n' }],
});

ruleTester(K, 'NGX037', SITE, {
  valid: [{ code: 'server {\n    location = /h { access_log off; }\n}\n', config: { rules: { NGX037: 'on' } } }, 'server {\n    access_log off;\n}\n'],
  invalid: [{ code: 'server {\n    access_log off;\n}\n', config: { rules: { NGX037: 'on' } }, errors: [{ line: 2, severity: 'info' }], output: null }],
});

ruleTester(K, 'NGX038', MAIN, {
  valid: [full(HARDENED_HTTP + `    server {\n${TLS}    }\n`), { name: 'defaults are safe from 1.27.3', code: full(`    server {\n${TLS}    }\n`), config: { nginx: { version: '1.27.3' } } }],
  invalid: [
    { name: 'explicit', path: SITE, code: 'ssl_protocols TLSv1 TLSv1.1 TLSv1.2;', errors: [{ line: 1, severity: 'error', message: /TLSv1, TLSv1\.1/ }], output: 'ssl_protocols TLSv1.2 TLSv1.3;' },
    { name: 'proxy_ssl_protocols', path: SITE, code: 'location / { proxy_ssl_protocols SSLv3 TLSv1.2; }', errors: [{ line: 1 }], output: 'location / { proxy_ssl_protocols TLSv1.2 TLSv1.3; }' },
    {
      name: 'absent before 1.27.3',
      code: full(`    server {\n${TLS}    }\n`),
      errors: [{ line: 4, message: /nginx 1\.24 enables TLSv1/ }],
      output: full(`    server {\n${TLS}        ssl_protocols TLSv1.2 TLSv1.3;\n    }\n`),
    },
  ],
});

ruleTester(K, 'NGX039', SITE, {
  valid: ['ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:!RC4:!aNULL;', 'server { ssl_protocols TLSv1.3; ssl_ciphers ALL; }'],
  invalid: [
    {
      code: 'ssl_ciphers "RC4-SHA:HIGH:!aNULL";',
      errors: [{ line: 1, column: 13, severity: 'error', message: /RC4-SHA/ }],
      output: 'ssl_ciphers "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";',
    },
    { code: 'ssl_ciphers ALL:!aNULL;', errors: [{ line: 1, message: /ALL/ }] },
    { code: 'ssl_ciphers ECDHE-RSA-DES-CBC3-SHA:EXP-RC4-MD5;', errors: [{ line: 1 }] },
  ],
});

ruleTester(K, 'NGX040', SITE, {
  valid: ['server { ssl_ciphers HIGH:!aNULL; ssl_prefer_server_ciphers on; }', 'server { ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256; ssl_prefer_server_ciphers on; ssl_conf_command Options PrioritizeChaCha; }'],
  invalid: [
    {
      code: 'server {\n    ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305;\n    ssl_prefer_server_ciphers on;\n}\n',
      errors: [{ line: 3, severity: 'info' }],
      output: 'server {\n    ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305;\n    ssl_prefer_server_ciphers off;\n}\n',
    },
  ],
});

ruleTester(K, 'NGX041', MAIN, {
  valid: [full(`    ssl_session_tickets off;\n    server {\n${TLS}    }\n`), full(`    ssl_session_ticket_key /etc/nginx/t.key;\n    server {\n${TLS}    }\n`)],
  invalid: [
    { name: 'absent (default on)', code: full(`    server {\n${TLS}    }\n`), errors: [{ line: 4 }], output: full(`    server {\n${TLS}        ssl_session_tickets off;\n    }\n`) },
    { name: 'explicit', path: SITE, code: 'server {\n    listen 443 ssl;\n    ssl_session_tickets on;\n}\n', errors: [{ line: 3 }], output: 'server {\n    listen 443 ssl;\n    ssl_session_tickets off;\n}\n' },
  ],
});

ruleTester(K, 'NGX042', SITE, {
  valid: ['ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256;', 'server { ssl_ciphers DHE-RSA-AES128-GCM-SHA256; ssl_dhparam /etc/nginx/dh.pem; }'],
  invalid: [
    { code: 'server {\n    ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-GCM-SHA256;\n}\n', errors: [{ line: 2, column: 17, severity: 'warning', message: /DHE-RSA-AES128-GCM-SHA256/ }], output: null },
    {
      name: 'small dhparam file in the workspace',
      code: 'server {\n    ssl_ciphers DHE-RSA-AES128-GCM-SHA256;\n    ssl_dhparam /etc/nginx/dh1024.pem;\n}\n',
      files: {
        'etc/nginx/dh1024.pem':
          '-----BEGIN DH PARAMETERS-----\nMIGHAoGBAP//////////yQ/aoiFowjTExmKLgNwc0SkCTgiKZ8x0Agu+pjsTmyJR\nSgh5jjQE3e+VGbPNOkMbMCsKbfJfFDdP4TVtbVHCReSFtXZiXn7G9ExC6aY37WsL\n/1y29Aa37e44a/taiZ+lrp8kEXxLH+ZJKGZR7OZTgf//////////AgEC\n-----END DH PARAMETERS-----\n',
      },
      errors: [{ line: 3, message: /1024-bit/ }],
    },
  ],
});

ruleTester(K, 'NGX043', SITE, {
  valid: ['ssl_ecdh_curve X25519:prime256v1:secp384r1;', 'ssl_ecdh_curve ?X25519MLKEM768:X25519;'],
  invalid: [
    { code: 'ssl_ecdh_curve X25519MLKEM768:X25519;', errors: [{ line: 1, column: 16, severity: 'warning' }], output: 'ssl_ecdh_curve ?X25519MLKEM768:X25519;' },
    { code: 'ssl_ecdh_curve X25519:secp999r1;', errors: [{ line: 1, message: /secp999r1/ }], output: null },
  ],
});

ruleTester(K, 'NGX044', SITE, {
  valid: ['server { ssl_stapling on; resolver 127.0.0.53; ssl_certificate /etc/ssl/a.pem; }', 'server { ssl_stapling off; }'],
  invalid: [
    {
      name: "Let's Encrypt: remove the stapling lines",
      code: 'server {\n    ssl_certificate /etc/letsencrypt/live/a/fullchain.pem;\n    ssl_stapling on;\n    ssl_stapling_verify on;\n}\n',
      errors: [{ line: 3, severity: 'info', message: /Let's Encrypt/ }],
      output: 'server {\n    ssl_certificate /etc/letsencrypt/live/a/fullchain.pem;\n}\n',
    },
    { name: 'no resolver', code: 'server {\n    ssl_stapling on;\n}\n', errors: [{ line: 2, message: /without a resolver/ }], output: 'server {\n    ssl_stapling on;\n    resolver 127.0.0.53;\n}\n' },
  ],
});

ruleTester(K, 'NGX045', MAIN, {
  valid: [full(HARDENED_HTTP + `    server {\n${TLS}        location / { proxy_pass http://b; }\n    }\n`)],
  invalid: [
    {
      name: 'no redirect server',
      code: full(`    server {\n${TLS}        location / { proxy_pass http://b; }\n    }\n`),
      errors: [{ line: 4, severity: 'warning', message: /No plain-HTTP server redirects a\.example/ }],
      output: full(
        `    server {\n        listen 80;\n        server_name a.example;\n        return 301 https://$host$request_uri;\n    }\n\n    server {\n${TLS}        location / { proxy_pass http://b; }\n    }\n`,
      ),
    },
    {
      name: 'content on port 80 for the same name',
      code: full(`    server {\n        listen 80;\n        server_name a.example;\n        location / { proxy_pass http://b; }\n    }\n    server {\n${TLS}        location / { proxy_pass http://b; }\n    }\n`),
      errors: [{ line: 4, message: /served over plain HTTP instead/ }],
      output: full(
        `    server {\n        return 301 https://$host$request_uri;\n        listen 80;\n        server_name a.example;\n        location / { proxy_pass http://b; }\n    }\n    server {\n${TLS}        location / { proxy_pass http://b; }\n    }\n`,
      ),
    },
    {
      name: 'one server on both ports',
      code: full(`    server {\n        listen 80;\n${TLS}        location / { proxy_pass http://b; }\n    }\n`),
      errors: [{ line: 5, message: /same server/ }],
      output: full(`    server {\n        if ($scheme = http) { return 301 https://$host$request_uri; }\n        listen 80;\n${TLS}        location / { proxy_pass http://b; }\n    }\n`),
    },
  ],
});

ruleTester(K, 'NGX046', SITE, {
  valid: ['location / { proxy_ssl_verify on; proxy_ssl_trusted_certificate /etc/ssl/ca.pem; proxy_pass https://10.0.0.1; }', 'location / { proxy_pass http://10.0.0.1; }'],
  invalid: [{ code: 'location / {\n    proxy_pass https://10.0.0.1;\n}\n', errors: [{ line: 2, column: 16, severity: 'warning', message: /proxy_ssl_verify is off/ }], output: null }],
});

ruleTester(K, 'NGX047', SITE, {
  valid: ['resolver 127.0.0.53 10.0.0.2 [::1] valid=30s;', 'resolver kube-dns.kube-system.svc.cluster.local;'],
  invalid: [{ code: 'resolver 8.8.8.8 [2606:4700:4700::1111] valid=60s;', errors: [{ line: 1, severity: 'warning', message: /8\.8\.8\.8, 2606:4700:4700::1111/ }], output: null }],
});

ruleTester(K, 'NGX048', SITE, {
  valid: [
    'location / { proxy_pass http://127.0.0.1:8000; }',
    'upstream app { server api.example.com:443; }\nlocation / { proxy_pass http://app; }',
    'location / { resolver 127.0.0.53; proxy_pass http://$host.example.net; }',
    'location / { proxy_pass http://web:8000; }',
  ],
  invalid: [
    { code: 'location / {\n    proxy_pass https://api.example.com;\n}\n', errors: [{ line: 2, column: 16, severity: 'info', message: /resolved once/ }], output: null },
    { code: 'location / {\n    proxy_pass http://$host.example.net$request_uri;\n}\n', errors: [{ line: 2, message: /no resolver/ }] },
  ],
});

ruleTester(K, 'NGX049', SITE, {
  valid: ['client_max_body_size 20m;', 'client_body_timeout 60s;', 'large_client_header_buffers 4 8k;'],
  invalid: [
    { code: 'client_max_body_size 0;', errors: [{ line: 1, severity: 'info' }], output: 'client_max_body_size 10m;' },
    { code: 'keepalive_timeout 1h;', errors: [{ line: 1, message: /over 5 minutes/ }], output: null },
    { code: 'client_max_body_size 2g;', errors: [{ line: 1, message: /above 1g/ }] },
    { code: 'large_client_header_buffers 4 1m;', errors: [{ line: 1 }] },
  ],
});

ruleTester(K, 'NGX050', MAIN, {
  valid: [
    'worker_rlimit_nofile 4096;\nevents { worker_connections 1024; }\n',
    { code: 'worker_rlimit_nofile 1024;\nevents { worker_connections 1024; }\n', config: { rules: { NGX050: 'off' } } },
  ],
  invalid: [
    { code: 'worker_rlimit_nofile 1024;\nevents { worker_connections 1024; }\n', config: { rules: { NGX050: 'on' } }, errors: [{ line: 1, severity: 'info' }], output: null },
    {
      path: SITE,
      code: 'keepalive_requests 5;\nserver {\n    proxy_buffering off;\n    listen 443 quic reuseport;\n    location / { try_files $uri =404; }\n}\n',
      config: { rules: { NGX050: 'on' } },
      errors: [{ line: 1 }, { line: 3 }, { line: 4 }, { line: 5 }],
    },
  ],
});

ruleTester(K, 'NGX051', MAIN, {
  valid: [
    { name: 'version not stated: never', code: full('    resolver 127.0.0.53;\n') },
    { name: 'fixed version', code: full('    resolver 127.0.0.53;\n'), config: { nginx: { version: '1.26.3' } } },
    { name: 'feature not used', code: full('    server { listen 80; }\n'), config: { nginx: { version: '1.25.3' } } },
    { name: 'floating tag of a partly fixed branch', code: full('    resolver 127.0.0.53;\n'), files: { Dockerfile: 'FROM nginx:1.20\n' } },
  ],
  invalid: [
    { name: 'config version', code: full('    resolver 127.0.0.53;\n'), config: { nginx: { version: '1.20.0' } }, errors: [{ line: 4, column: 5, severity: 'warning', message: /CVE-2021-23017/ }], output: null },
    {
      name: 'Dockerfile FROM nginx:x (lowest of several)',
      code: full('    server { listen 443 ssl http2; }\n'),
      files: { Dockerfile: 'FROM nginx:1.27.0\n', 'deploy/Dockerfile.old': 'FROM nginx:1.12.0-alpine AS web\n' },
      errors: [{ line: 2, message: /CVE-2017-7529/ }, { line: 4, message: /CVE-2019-9511.*CVE-2025-23419|CVE-2025-23419.*CVE-2019-9511/ }],
    },
  ],
});

