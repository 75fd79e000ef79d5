// The effective-configuration model: include resolution and globbing, cycles and missing files,
// snippets analysed in every context, units (which main file a snippet is analysed through),
// array-directive inheritance with add_header_inherit, if levels, target version, claims.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { defaultConfig, Engine, MemoryWorkspace, type KindContext } from '../../../server/src/engine';
import { claims, nginxKind, unitsFor } from '../../../server/src/kinds/nginx';
import { Unit, type Node } from '../../../server/src/kinds/nginx/model';
import { headerName } from '../../../server/src/kinds/nginx/rules/util';

function ctxFor(files: Record<string, string>, config: Partial<ReturnType<typeof defaultConfig>> = {}): KindContext {
  return { ws: new MemoryWorkspace(files, ['/ws']), config: { ...defaultConfig('/ws'), ...config }, root: '/ws', log: () => {} };
}

function find(unit: Unit, pred: (n: Node) => boolean): Node {
  const n = [...unit.all()].find(pred);
  assert.ok(n, 'node not found');
  return n;
}

describe('include resolution', () => {
  it('resolves relative and /etc/nginx paths against the prefix, globs in bytewise order, empty globs fine', () => {
    const ctx = ctxFor({
      '/ws/etc/nginx/nginx.conf': 'events {}\nhttp {\n    include conf.d/*.conf;\n    include /etc/nginx/extra/*.conf;\n    include none/*.conf;\n}\n',
      '/ws/etc/nginx/conf.d/b.conf': 'server_names_hash_bucket_size 64;\n',
      '/ws/etc/nginx/conf.d/A.conf': 'gzip on;\n',
      '/ws/etc/nginx/conf.d/a.conf': 'sendfile on;\n',
      '/ws/etc/nginx/extra/x.conf': 'tcp_nopush on;\n',
    });
    const unit = new Unit('/ws/etc/nginx/nginx.conf', ctx);
    const http = unit.http()!;
    assert.deepEqual(
      http.children!.filter((c) => c.name !== 'include').map((c) => c.name),
      ['gzip', 'sendfile', 'server_names_hash_bucket_size', 'tcp_nopush'],
    );
    assert.deepEqual(unit.problems, []);
    assert.equal(unit.complete, true);
  });

  it('the nginx.prefix option overrides the folder of the main file', () => {
    const ctx = ctxFor(
      { '/ws/deploy/nginx.conf': 'events {}\nhttp { include site.conf; }\n', '/ws/conf/site.conf': 'server { listen 80; }\n' },
      { nginx: { version: '1.24', prefix: 'conf', versionStated: false } },
    );
    const unit = new Unit('/ws/deploy/nginx.conf', ctx);
    assert.ok(unit.files.has('/ws/conf/site.conf'));
    assert.equal(unit.servers().length, 1);
  });

  it('falls back from an absent sites-enabled folder to sites-available', () => {
    const ctx = ctxFor({
      '/ws/etc/nginx/nginx.conf': 'events {}\nhttp { include /etc/nginx/sites-enabled/*; }\n',
      '/ws/etc/nginx/sites-available/app': 'server { listen 80; }\n',
    });
    assert.equal(new Unit('/ws/etc/nginx/nginx.conf', ctx).servers().length, 1);
  });

  it('reports missing files and cycles at the include line, and does not report distribution files', () => {
    const ctx = ctxFor({
      '/ws/nginx.conf': 'events {}\nhttp {\n    include mime.types;\n    include fastcgi_params;\n    include nope.conf;\n    include loop.conf;\n}\n',
      '/ws/loop.conf': 'include loop.conf;\n',
    });
    const unit = new Unit('/ws/nginx.conf', ctx);
    assert.deepEqual(
      unit.problems.map((p) => [p.node.file, unit.range(p.node).start.line, p.severity, /does not exist|cycle/.exec(p.message)?.[0]]),
      [
        ['/ws/nginx.conf', 4, 'warning', 'does not exist'],
        ['/ws/loop.conf', 0, 'error', 'cycle'],
      ],
    );
  });

  it('expands a snippet included twice into two contexts, each knowing its include line', () => {
    const ctx = ctxFor({
      '/ws/nginx.conf': 'events {}\nhttp {\n    server {\n        include h.conf;\n        location / { include h.conf; }\n    }\n}\n',
      '/ws/h.conf': 'add_header X-A 1;\n',
    });
    const unit = new Unit('/ws/nginx.conf', ctx);
    const copies = [...unit.named('add_header')];
    assert.equal(copies.length, 2);
    assert.deepEqual(copies.map((c) => c.parent?.name), ['server', 'location']);
    assert.deepEqual(copies.map((c) => unit.range(c.via[0]).start.line), [3, 4]);
    assert.equal(copies[0].d, copies[1].d, 'the same source directive');
  });

  it('stays bounded on an include fan-out bomb', () => {
    const files: Record<string, string> = { '/ws/nginx.conf': 'events {}\nhttp { include l0.conf; }\n' };
    for (let i = 0; i < 30; i++) files[`/ws/l${i}.conf`] = `include l${i + 1}.conf;\ninclude l${i + 1}.conf;\n`;
    files['/ws/l30.conf'] = 'gzip on;\n';
    const unit = new Unit('/ws/nginx.conf', ctxFor(files));
    assert.ok([...unit.all()].length <= 200_001);
  });
});

describe('inheritance', () => {
  const conf = (inner: string) => ctxFor({ '/ws/nginx.conf': `events {}\nhttp {\n    add_header X-Http 1;\n    server {\n${inner}\n    }\n}\n` });
  const names = (unit: Unit, level: Node) => unit.effectiveArray(level, 'add_header').map(headerName);

  it('array directives are inherited only when the level has none of its own', () => {
    const unit = new Unit('/ws/nginx.conf', conf('        location /a/ { }\n        location /b/ { add_header X-B 1; }'));
    const a = find(unit, (n) => n.name === 'location' && n.args[0].text === '/a/');
    const b = find(unit, (n) => n.name === 'location' && n.args[0].text === '/b/');
    assert.deepEqual(names(unit, a), ['x-http']);
    assert.deepEqual(names(unit, b), ['x-b']);
  });

  it('headers from snippets count at both levels', () => {
    const ctx = ctxFor({
      '/ws/nginx.conf': 'events {}\nhttp {\n    include h.conf;\n    server { location / { include h.conf; add_header X-L 1; } }\n}\n',
      '/ws/h.conf': 'add_header X-S 1;\n',
    });
    const unit = new Unit('/ws/nginx.conf', ctx);
    assert.deepEqual(names(unit, find(unit, (n) => n.name === 'location')), ['x-s', 'x-l']);
  });

  it('add_header_inherit merge/off from nginx 1.29.3, ignored before', () => {
    const text = '        add_header_inherit merge;\n        location / { add_header X-L 1; }\n        location /off/ { add_header_inherit off; }';
    const files = { '/ws/nginx.conf': `events {}\nhttp {\n    add_header X-Http 1;\n    server {\n${text}\n    }\n}\n` };
    const newer = new Unit('/ws/nginx.conf', ctxFor(files, { nginx: { version: '1.29.3', versionStated: true } }));
    const loc = (u: Unit, p: string) => find(u, (n) => n.name === 'location' && n.args[0].text === p);
    assert.deepEqual(names(newer, loc(newer, '/')), ['x-http', 'x-l']);
    assert.deepEqual(names(newer, loc(newer, '/off/')), []);
    const older = new Unit('/ws/nginx.conf', ctxFor(files));
    assert.deepEqual(names(older, loc(older, '/')), ['x-l']);
    assert.deepEqual(names(older, loc(older, '/off/')), ['x-http']);
  });

  it('an if block inside a location is a level of its own', () => {
    const unit = new Unit('/ws/nginx.conf', conf('        location / {\n            add_header X-L 1;\n            if ($a) { add_header X-If 1; }\n            if ($b) { return 403; }\n        }'));
    const ifs = [...unit.named('if')];
    assert.deepEqual(names(unit, ifs[0]), ['x-if']);
    assert.deepEqual(names(unit, ifs[1]), ['x-l']);
  });

  it('simple directives come from the nearest level, access rules only when the level has none', () => {
    const unit = new Unit('/ws/nginx.conf', ctxFor({ '/ws/nginx.conf': 'events {}\nhttp {\n    root /a;\n    allow 10.0.0.1;\n    deny all;\n    server { location / { root /b; } location /x/ { deny 1.2.3.4; } }\n}\n' }));
    const [l1, l2] = [...unit.named('location')];
    assert.equal(unit.effective(l1, 'root')?.args[0].text, '/b');
    assert.equal(unit.effective(l2, 'root')?.args[0].text, '/a');
    assert.deepEqual(unit.effectiveAccess(l1).map((a) => a.name), ['allow', 'deny']);
    assert.deepEqual(unit.effectiveAccess(l2).map((a) => a.args[0].text), ['1.2.3.4']);
  });
});

describe('target version', () => {
  it('default 1.24 (not stated), config wins, else the lowest FROM nginx:x in Dockerfiles', () => {
    assert.deepEqual([new Unit('/ws/n.conf', ctxFor({})).version.text, new Unit('/ws/n.conf', ctxFor({})).version.stated], ['1.24', false]);
    const docker = ctxFor({ '/ws/Dockerfile': 'FROM python:3.12\nFROM nginx:1.25.4-alpine AS web\n', '/ws/ops/proxy.Dockerfile': 'FROM docker.io/library/nginx:1.26.2\n' });
    const v = new Unit('/ws/n.conf', docker).version;
    assert.deepEqual([v.text, v.stated, v.source?.file, v.source?.line], ['1.25.4', true, '/ws/Dockerfile', 1]);
    const cfg = ctxFor({ '/ws/Dockerfile': 'FROM nginx:1.18\n' }, { nginx: { version: '1.27.3', versionStated: true } });
    assert.equal(new Unit('/ws/n.conf', cfg).version.text, '1.27.3');
    assert.equal(new Unit('/ws/n.conf', ctxFor({ '/ws/Dockerfile': 'FROM nginx:stable\n' })).version.stated, false);
  });
});

describe('units and claims', () => {
  it('a snippet or site file is analysed through the main files that include it; standalone otherwise', () => {
    const ctx = ctxFor({
      '/ws/etc/nginx/nginx.conf': 'events {}\nhttp { include /etc/nginx/sites-enabled/*; }\n',
      '/ws/etc/nginx/sites-available/app.conf': 'server { include snippets/h.conf; }\n',
      '/ws/etc/nginx/snippets/h.conf': 'add_header X-A 1;\n',
      '/ws/etc/nginx/snippets/unused.conf': 'add_header X-B 1;\n',
      '/ws/other/site.conf': 'server { listen 80; }\n',
    });
    assert.deepEqual(unitsFor('/ws/etc/nginx/snippets/h.conf', ctx), ['/ws/etc/nginx/nginx.conf']);
    assert.deepEqual(unitsFor('/ws/etc/nginx/sites-available/app.conf', ctx), ['/ws/etc/nginx/nginx.conf']);
    assert.deepEqual(unitsFor('/ws/etc/nginx/snippets/unused.conf', ctx), ['/ws/etc/nginx/snippets/unused.conf']);
    assert.deepEqual(unitsFor('/ws/etc/nginx/nginx.conf', ctx), ['/ws/etc/nginx/nginx.conf']);
    assert.deepEqual(unitsFor('/ws/other/site.conf', ctx), ['/ws/other/site.conf']);
  });

  it('editing an included snippet (unsaved buffer) changes the findings of the file that includes it', () => {
    const ws = new MemoryWorkspace(
      {
        '/ws/etc/nginx/nginx.conf': 'events {}\nhttp {\n    server_tokens off;\n    include /etc/nginx/sites-enabled/*;\n}\n',
        '/ws/etc/nginx/sites-available/app.conf': 'server {\n    listen 80;\n    include snippets/h.conf;\n    location / {\n        add_header Cache-Control no-store always;\n    }\n}\n',
        '/ws/etc/nginx/snippets/h.conf': 'add_header X-Custom 1;\n',
      },
      ['/ws'],
    );
    const engine = new Engine(ws, ['/ws'], [nginxKind]);
    const site = '/ws/etc/nginx/sites-available/app.conf';
    const snippet = '/ws/etc/nginx/snippets/h.conf';
    const sev = () => engine.lintFile(site).findings.filter((f) => f.ruleId === 'NGX024').map((f) => f.severity);
    assert.deepEqual(sev(), ['warning']);
    assert.ok(engine.dependentsOf(snippet).includes(site));
    ws.set(snippet, 'add_header X-Custom 1;\nadd_header Strict-Transport-Security "max-age=63072000" always;\n');
    engine.invalidate(snippet);
    assert.deepEqual(sev(), ['error'], 'dropping HSTS from the snippet is now an error in the site');
    // A finding in the snippet points into the snippet, with the including lines as related information.
    const inSnippet = engine.lintFile(snippet).findings;
    assert.deepEqual(inSnippet.map((f) => [f.ruleId, f.range.start.line, f.related?.map((r) => `${r.file}:${r.range.start.line}`)]), [
      ['NGX026', 1, ['/ws/etc/nginx/nginx.conf:3', `${site}:2`]],
    ]);
  });

  it('claims nginx files by path and by content, never every .conf', () => {
    const head = (t: string) => () => t;
    const none = head('');
    assert.equal(claims('etc/nginx/nginx.conf', none), true);
    assert.equal(claims('templates/nginx.conf.j2', none), true);
    assert.equal(claims('etc/nginx/sites-available/default', none), true);
    assert.equal(claims('etc/nginx/sites-enabled/app.conf', none), true);
    assert.equal(claims('deploy/site.nginx', none), true);
    assert.equal(claims('etc/nginx/conf.d/gzip.conf', head('gzip on;\n')), true);
    assert.equal(claims('etc/nginx/snippets/headers.conf', head('add_header X 1;\n')), true);
    assert.equal(claims('docker/nginx/default.conf.template', head('server {\n listen ${PORT};\n}\n')), true);
    assert.equal(claims('deploy/app.conf', head('server {\n    listen 80;\n}\n')), true);
    assert.equal(claims('deploy/app.conf', head('location /x {\n}\n')), true);
    assert.equal(claims('etc/supervisor/conf.d/app.conf', head('[program:app]\ncommand=x\n')), false);
    assert.equal(claims('etc/httpd/conf.d/ssl.conf', head('<VirtualHost *:443>\n')), false);
    assert.equal(claims('etc/ssh/sshd_config.d/50-cloud-init.conf', head('PasswordAuthentication yes\n')), false);
    assert.equal(claims('app/logging.conf', head('[loggers]\nkeys=root\n')), false);
    assert.equal(claims('etc/nginx/sites-available/README.md', none), false);
    assert.equal(claims('etc/modprobe.d/blacklist.conf', head('blacklist foo\n')), false);
    assert.equal(claims('h5bp/security/x-frame-options.conf', head('# comment\nadd_header X-Frame-Options DENY always;\n')), true);
    assert.equal(claims('tls/policy.conf', head('ssl_protocols TLSv1.2 TLSv1.3;\n')), true);
    assert.equal(claims('etc/php/fpm/pool.d/www.conf', head('user = www-data\nlisten = /run/php.sock\n')), false);
    assert.equal(claims('etc/logrotate.conf', head('include /etc/logrotate.d\nweekly\n')), false);
  });

  it('a file a main nginx.conf includes is nginx whatever its name or state: its syntax errors are reported', () => {
    const main = '/ws/deploy/nginx.conf';
    const tls = '/ws/deploy/tls/policy.conf';
    const params = '/ws/deploy/proxy_params';
    const ws = new MemoryWorkspace(
      {
        [main]: 'events {}\nhttp {\n    include tls/policy.conf;\n    include proxy_params;\n}\n',
        [tls]: 'ssl_protocols TLSv1.2 TLSv1.3;\n',
        [params]: 'proxy_set_header Host $host;\n',
        '/ws/deploy/unused/x.conf': 'ssl_protocols TLSv1.2\n',
        '/ws/deploy/notes.txt': 'hello\n',
      },
      ['/ws'],
    );
    const engine = new Engine(ws, ['/ws'], [nginxKind]);
    const all = [main, params, tls, '/ws/deploy/unused/x.conf', '/ws/deploy/notes.txt'];
    const listed = () => all.filter((f) => engine.supports(f)).sort();
    assert.deepEqual(listed(), [main, params, tls].sort());
    // Typing in the snippet breaks it past looking like nginx by its head: it stays claimed, through nginx.conf.
    ws.set(tls, 'ssl_protocols TLSv1.2 TLSv1.3\n');
    engine.invalidate(tls, 'content');
    assert.deepEqual(engine.lintFile(tls).findings.map((f) => f.ruleId), ['NGX000']);
    assert.deepEqual(listed(), [main, params, tls].sort());
    // nginx.conf stops including it: no longer claimed (its head does not look like nginx).
    ws.set(main, 'events {}\nhttp {\n    include proxy_params;\n}\n');
    engine.invalidate(main, 'content');
    assert.deepEqual(listed(), [main, params].sort());
    assert.equal(engine.lintFile(tls).skipped, 'not a file DeployGuard reads');
  });
});
