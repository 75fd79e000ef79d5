// Table-driven tests of NGX000-NGX023 (valid, invalid with exact positions, quick-fix output).
import { ruleTester } from '../../helpers/rule-tester';
import { nginxKind } from '../../../server/src/kinds/nginx';

const K = [nginxKind];
const SITE = 'etc/nginx/sites-available/site.conf';
const MAIN = 'etc/nginx/nginx.conf';


ruleTester(K, 'NGX000', SITE, {
  valid: ['server {\n    listen 80;\n    location / { return 204; }\n}\n', 'content_by_lua_block { ngx.say("}") }\n'],
  invalid: [
    { name: 'missing ; before }', code: 'server {\n    return 204\n}\n', errors: [{ line: 2, column: 12, endColumn: 15, severity: 'error', message: /";" expected after "204"/ }], output: null },
    { name: 'stray }', code: 'server { }\n}\n', errors: [{ line: 2, column: 1, message: /unexpected "}"/ }] },
    { name: 'unclosed block at its {', code: 'server {\n    listen 80;\n', errors: [{ line: 1, column: 8, message: /"server" block is not closed/ }] },
    { name: 'missing ; at a line end', code: 'server {\n    root /srv\n    index index.html;\n}\n', errors: [{ line: 2, column: 10, message: /";" expected after "\/srv"/ }] },
    {
      name: 'missing include, at the include line (warning)',
      path: MAIN,
      code: 'events {}\nhttp {\n    include snippets/nope.conf;\n}\n',
      errors: [{ line: 3, column: 5, severity: 'warning', message: /does not exist/ }],
    },
    {
      name: 'include cycle, at the include that closes it',
      path: MAIN,
      code: 'events {}\nhttp {\n    include a.conf;\n}\n',
      files: { 'etc/nginx/a.conf': 'include b.conf;\n', 'etc/nginx/b.conf': 'include a.conf;\n' },
      errors: [{ line: 1, path: 'etc/nginx/b.conf', message: /include cycle: a\.conf includes itself/ }],
    },
  ],
});

ruleTester(K, 'NGX001', SITE, {
  valid: [
    'location / { proxy_pass http://127.0.0.1:8000$request_uri; }',
    'location /i { internal; proxy_pass $arg_u; }',
    'location ~ ^/p/(\\d+)$ { proxy_pass http://backend/$1; }',
  ],
  invalid: [
    { code: 'location /f {\n    proxy_pass $arg_url;\n}\n', errors: [{ line: 2, column: 16, endColumn: 24, message: /\$arg_url/ }], output: null },
    { code: 'location ~ ^/x/([^/]+)/(.*)$ {\n    proxy_pass http://$1/$2;\n}\n', errors: [{ line: 2, message: /host built from "\$1"/ }] },
    { name: 'set chain', code: 'location /y {\n    set $up $http_x_up;\n    proxy_pass http://$up;\n}\n', errors: [{ line: 3, message: /\$up/ }] },
  ],
});

ruleTester(K, 'NGX002', SITE, {
  valid: [
    'location / { return 301 https://example.com$request_uri; }',
    'location ~ ^/a/([a-z]+)$ { return 302 /b/$1; }',
    'location / { rewrite ^/(.*)$ /x/$1 break; }',
  ],
  invalid: [
    {
      code: 'location /old {\n    return 301 https://example.com$uri;\n}\n',
      errors: [{ line: 2, column: 16, message: /"\$uri" can contain "\\n"/ }],
      output: 'location /old {\n    return 301 https://example.com$request_uri;\n}\n',
    },
    { name: 'capture in add_header', code: 'location ~ ^/g/(.*)$ {\n    add_header X-T $1;\n}\n', errors: [{ line: 2, column: 20, message: /"\$1" can contain "\\r"/ }], output: null },
    { name: 'proxy only \\n', code: 'location / {\n    proxy_set_header X-U $uri;\n    proxy_pass http://b;\n}\n', errors: [{ line: 2, message: /request to the upstream/ }] },
  ],
});

ruleTester(K, 'NGX003', SITE, {
  valid: ['location / { proxy_set_header Host $host; proxy_pass http://b; }'],
  invalid: [
    {
      code: 'location / {\n    proxy_set_header Host $http_host;\n    proxy_pass http://b;\n}\n',
      errors: [{ line: 2, column: 27, endColumn: 37, severity: 'warning' }],
      output: 'location / {\n    proxy_set_header Host $host;\n    proxy_pass http://b;\n}\n',
    },
    {
      code: 'location / {\n    proxy_set_header X-Forwarded-Host "$http_host:8443";\n}\n',
      errors: [{ line: 2 }],
      output: 'location / {\n    proxy_set_header X-Forwarded-Host "$host:8443";\n}\n',
    },
  ],
});

ruleTester(K, 'NGX004', SITE, {
  valid: ['location / {\n    if ($http_origin !~ "^https://app\\.example\\.com$") { return 403; }\n}\n'],
  invalid: [
    { code: 'location / {\n    if ($http_origin !~ "https://app\\.example\\.com") { return 403; }\n}\n', errors: [{ line: 2, column: 25, severity: 'error', message: /not anchored with "\^".*not anchored with "\$"/ }], output: null },
    { code: 'location / {\n    if ($http_referer !~ "^https://app.example.com") { return 403; }\n}\n', errors: [{ line: 2, severity: 'warning', message: /unescaped "\."/ }] },
    { code: 'location / {\n    if ($http_referrer !~ "^https://a\\.com/") { return 403; }\n}\n', errors: [{ line: 2, message: /spelled "Referer"/ }] },
    { name: 'map key', code: 'map $http_origin $ok {\n    default 0;\n    "~^https://.*example\\.com" 1;\n}\n', errors: [{ line: 3, column: 5, message: /not anchored with "\$"/ }] },
  ],
});

ruleTester(K, 'NGX005', SITE, {
  valid: ['location / { valid_referers server_names *.example.com; }'],
  invalid: [
    {
      code: 'location / {\n    valid_referers none blocked server_names;\n}\n',
      errors: [{ line: 2, column: 20, endColumn: 24 }],
      output: 'location / {\n    valid_referers blocked server_names;\n}\n',
    },
    { name: 'last argument', code: 'location / { valid_referers blocked none; }', errors: [{ line: 1 }], output: 'location / { valid_referers blocked; }' },
  ],
});

ruleTester(K, 'NGX006', SITE, {
  valid: ['location /static/ { alias /srv/static/; }', 'location /static { alias /srv/static; }', 'location = /f { alias /srv/f/; }'],
  invalid: [
    {
      code: 'location /static {\n    alias /srv/app/static/;\n}\n',
      errors: [{ line: 2, column: 5, severity: 'error' }],
      output: 'location /static/ {\n    alias /srv/app/static/;\n}\n',
    },
    { name: '^~ and nested', code: 'location ^~ /m {\n    location /m/x { }\n    alias /srv/m/;\n}\n', errors: [{ line: 3 }], output: 'location ^~ /m/ {\n    location /m/x { }\n    alias /srv/m/;\n}\n' },
  ],
});

ruleTester(K, 'NGX007', SITE, {
  valid: ['location / { proxy_pass http://backend; }', 'location = /x { proxy_pass http://backend/y; }', 'location ~ ^/a/(.*)$ { proxy_pass http://b/$1; }'],
  invalid: [{ code: 'location /api/ {\n    proxy_pass http://backend/v1/;\n}\n', errors: [{ line: 2, column: 16, severity: 'info', message: /URI part \("\/v1\/"\)/ }], output: null }],
});

ruleTester(K, 'NGX008', SITE, {
  valid: ['location ~ ^/(\\d+\\.)+json$ { }', 'location ~ ^/([a-z]+)/(\\d+)$ { }'],
  invalid: [
    { code: 'location ~ ^/(a+)+$ { }', errors: [{ line: 1, column: 12, endColumn: 20, severity: 'warning' }], output: null },
    { code: 'server_name ~^(\\w|\\d)+\\.example\\.com$;', errors: [{ line: 1, message: /alternatives/ }] },
    { code: 'if ($http_user_agent ~ "(.*a){2,}(b+)+") { return 403; }', errors: [{ line: 1 }] },
  ],
});

ruleTester(K, 'NGX009', SITE, {
  valid: ['location ~ \\.php$ { }', 'location ~ \\.php(/|$) { }', 'location ~ ^/admin { }', 'location ~* \\.(?:jpg|png)$ { }'],
  invalid: [
    { code: 'location ~ \\.php {\n}\n', errors: [{ line: 1, column: 12, endColumn: 17, severity: 'warning' }], output: 'location ~ \\.php$ {\n}\n' },
    { code: 'location ~* "\\.(php|phtml)" { }', errors: [{ line: 1 }], output: 'location ~* "\\.(php|phtml)$" { }' },
  ],
});

ruleTester(K, 'NGX010', SITE, {
  valid: ['rewrite ^/a/(.*)$ /b/$1 last;', 'location ~ ^/c/(\\d+)$ { return 301 /d/$1; }', 'location / { if ($uri ~ ^/e/(.+)$) { return 301 /f/$1; } }'],
  invalid: [
    { code: 'rewrite ^/a/(.*)$ /b/$2 last;', errors: [{ line: 1, column: 19, message: /\$2 does not exist.*only 1 capturing group/ }], output: null },
    { code: 'location ~ ^/c$ {\n    return 301 /d/$1;\n}\n', errors: [{ line: 2, message: /has no capturing group/ }] },
    { code: 'location / {\n    if ($uri !~ ^/e/(.*)$) {\n        return 301 /x/$1;\n    }\n}\n', errors: [{ line: 3, message: /!~/ }] },
  ],
});

ruleTester(K, 'NGX011', SITE, {
  valid: ['root /var/www/html;', 'location /x/ { alias /usr/share/nginx/html/; }', 'root /home/deploy/site/public;'],
  invalid: [
    { code: 'server {\n    root /;\n}\n', errors: [{ line: 2, column: 10, endColumn: 11, severity: 'error', message: /whole filesystem/ }], output: null },
    { code: 'location /c/ { alias /etc/; }', errors: [{ line: 1, message: /\/etc/ }] },
    { code: 'root /home/deploy/;', errors: [{ line: 1 }] },
  ],
});

ruleTester(K, 'NGX012', SITE, {
  valid: ['location / { add_header X-Host $host; }', 'ssl_certificate /etc/ssl/$ssl_server_name.pem;'],
  invalid: [
    { code: 'add_header X-$host 1;', errors: [{ line: 1, column: 12, severity: 'info' }], output: null },
    { code: 'ssl_certificate /etc/ssl/$host.pem;', config: { nginx: { version: '1.14' } }, errors: [{ line: 1, message: /1\.15\.9/ }] },
    { code: 'include /etc/nginx/$env.conf;', errors: [{ line: 1 }] },
  ],
});

ruleTester(K, 'NGX013', SITE, {
  valid: ['location / { if ($a) { return 403; } if ($b) { rewrite ^ /x last; } }', 'server { if ($host = a) { set $x 1; } }'],
  invalid: [{ code: 'location / {\n    if ($a) {\n        add_header X 1;\n        proxy_pass http://b;\n    }\n}\n', errors: [{ line: 3, column: 9 }, { line: 4 }], output: null }],
});

ruleTester(K, 'NGX014', SITE, {
  valid: ['map $a $b {\n    default 0;\n    x 1;\n}\n', 'split_clients $a $b {\n    50% x;\n    * y;\n}\n'],
  invalid: [
    { code: 'map $a $b {\n    x 1;\n}\n', errors: [{ line: 1, column: 1, endColumn: 12, severity: 'info' }], output: 'map $a $b {\n    x 1;\n    default "";\n}\n' },
    { code: 'geo $g {\n    10.0.0.0/8 1;\n}\n', errors: [{ line: 1 }], output: 'geo $g {\n    10.0.0.0/8 1;\n    default "";\n}\n' },
  ],
});

ruleTester(K, 'NGX015', SITE, {
  valid: ['location / { allow 10.0.0.0/8; deny all; }', 'location / { allow all; }'],
  invalid: [
    {
      code: 'location /admin/ {\n    allow 10.0.0.0/8;\n    allow 192.168.0.0/16;\n}\n',
      errors: [{ line: 2, column: 5, severity: 'error' }],
      output: 'location /admin/ {\n    allow 10.0.0.0/8;\n    allow 192.168.0.0/16;\n    deny all;\n}\n',
    },
    {
      name: 'CRLF and tabs are kept',
      code: 'location /admin/ {\r\n\tallow 10.0.0.0/8;\r\n}\r\n',
      errors: [{ line: 2, column: 2 }],
      output: 'location /admin/ {\r\n\tallow 10.0.0.0/8;\r\n\tdeny all;\r\n}\r\n',
    },
    {
      name: 'allow in a snippet, fix in the snippet',
      code: 'location /a/ {\n    include acl.conf;\n}\n',
      files: { 'etc/nginx/acl.conf': 'allow 10.0.0.0/8;\n' },
      errors: [{ line: 1, path: 'etc/nginx/acl.conf' }],
    },
  ],
});

ruleTester(K, 'NGX016', SITE, {
  valid: ['location / { allow 10.0.0.0/8; deny all; proxy_pass http://b; }', 'location / { return 204; }'],
  invalid: [
    { code: 'location / {\n    deny all;\n    return 200 ok;\n}\n', errors: [{ line: 3, column: 5, severity: 'error' }], output: null },
    { code: 'location / {\n    allow 1.2.3.4;\n    deny all;\n    rewrite ^ https://x.example/ permanent;\n}\n', errors: [{ line: 4 }] },
  ],
});

ruleTester(K, 'NGX017', SITE, {
  valid: [
    'location = /s { stub_status; allow 127.0.0.1; deny all; }',
    'location = /s { stub_status; auth_basic "s"; auth_basic_user_file /etc/nginx/htpasswd; }',
    'server { listen unix:/run/s.sock; location / { stub_status; } }',
  ],
  invalid: [
    {
      code: 'location = /status {\n    stub_status;\n}\n',
      errors: [{ line: 2, column: 5, severity: 'warning' }],
      output: 'location = /status {\n    stub_status;\n    allow 127.0.0.1;\n    deny all;\n}\n',
    },
    { code: 'location = /status {\n    stub_status;\n    allow 10.0.0.1;\n}\n', errors: [{ line: 2, message: /does not end with "deny all"/ }], output: 'location = /status {\n    stub_status;\n    allow 10.0.0.1;\n    deny all;\n}\n' },
  ],
});

ruleTester(K, 'NGX018', SITE, {
  valid: [
    'server {\n    root /var/www;\n    location ~ /\\.(?!well-known/) { deny all; }\n    location ~* (?:\\.(?:bak|sql)|~)$ { deny all; }\n}\n',
    'server {\n    location / { proxy_pass http://b; }\n}\n',
  ],
  invalid: [
    {
      code: 'server {\n    root /var/www;\n}\n',
      errors: [{ line: 1, column: 1, endColumn: 9, severity: 'warning', message: /hidden files.*backup/ }],
      output:
        'server {\n    root /var/www;\n    location ~ /\\.(?!well-known/) { deny all; }\n    location ~* (?:#.*#|\\.(?:bak|conf|dist|fla|in[ci]|log|orig|psd|sh|sql|sw[op])|~)$ { deny all; }\n}\n',
    },
  ],
});

ruleTester(K, 'NGX019', SITE, {
  valid: ['location / { autoindex off; }'],
  invalid: [{ code: 'location / {\n    autoindex on;\n}\n', errors: [{ line: 2, column: 5, endColumn: 18, severity: 'warning' }], output: 'location / {\n    autoindex off;\n}\n' }],
});

ruleTester(K, 'NGX020', SITE, {
  valid: ['server { listen 80 default_server; }\nserver { listen 80; }\n', 'server { listen 80; }\nserver { listen 81; }\n'],
  invalid: [
    {
      code: 'server {\n    listen 80;\n    server_name a.example;\n}\nserver {\n    listen 80;\n    server_name b.example;\n}\n',
      errors: [{ line: 2, column: 5, severity: 'warning', message: /2 servers listen on \*:80/ }],
      output:
        'server {\n    listen 80 default_server;\n    server_name _;\n    return 444;\n}\n\nserver {\n    listen 80;\n    server_name a.example;\n}\nserver {\n    listen 80;\n    server_name b.example;\n}\n',
    },
  ],
});

ruleTester(K, 'NGX021', SITE, {
  valid: ['server {\n    listen 443 ssl http2 default_server;\n    ssl_reject_handshake on;\n    location / { return 421; }\n}\n'],
  invalid: [
    {
      code: 'server {\n    listen 443 ssl http2 default_server;\n    ssl_reject_handshake on;\n}\n',
      errors: [{ line: 2, severity: 'info' }],
      output: 'server {\n    listen 443 ssl http2 default_server;\n    ssl_reject_handshake on;\n    location / { return 421; }\n}\n',
    },
  ],
});

ruleTester(K, 'NGX022', SITE, {
  valid: ['set_real_ip_from 10.0.0.0/8;\nreal_ip_header X-Forwarded-For;\n', 'location / { proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; }'],
  invalid: [
    { code: 'set_real_ip_from 0.0.0.0/0;\nreal_ip_header X-Forwarded-For;\n', errors: [{ line: 1, column: 18, severity: 'error' }], output: null },
    {
      code: 'location / {\n    proxy_set_header X-Forwarded-For $http_x_forwarded_for;\n}\n',
      errors: [{ line: 2, column: 38 }],
      output: 'location / {\n    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n}\n',
    },
  ],
});

ruleTester(K, 'NGX023', SITE, {
  valid: ['location ~ \\.php$ { try_files $uri =404; fastcgi_pass unix:/run/php.sock; }', 'location ~ \\.php$ { include snippets/fastcgi-php.conf; fastcgi_pass unix:/run/php.sock; }'],
  invalid: [
    {
      code: 'location ~ \\.php$ {\n    fastcgi_pass unix:/run/php.sock;\n}\n',
      errors: [{ line: 2, column: 5, severity: 'warning' }],
      output: 'location ~ \\.php$ {\n    try_files $uri =404;\n    fastcgi_pass unix:/run/php.sock;\n}\n',
    },
  ],
});

