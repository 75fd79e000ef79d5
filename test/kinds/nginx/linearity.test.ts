// nginx analysis cost grows linearly with the configuration (see test/engine/growth.ts): many
// servers of every kind (TLS, plain, sharing names and listen addresses, with variables, captures
// and inherited headers), many locations in one server, and the edit-by-edit analysis of a site.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Engine, MemoryWorkspace, parseConfig, runRules, type KindContext } from '../../../server/src/engine';
import { nginxKind } from '../../../server/src/kinds/nginx';
import { Edits, Unit } from '../../../server/src/kinds/nginx/model';
import { RULES } from '../../../server/src/kinds/nginx/rules';
import { Vars } from '../../../server/src/kinds/nginx/vars';
import { assertLinear } from '../../engine/growth';

const MAIN = '/ws/etc/nginx/nginx.conf';
const SITE = '/ws/etc/nginx/sites-enabled/site.conf';
const MAIN_TEXT = 'events {}\nhttp {\n    add_header X-Frame-Options DENY always;\n    ssl_session_tickets on;\n    include /etc/nginx/sites-enabled/*.conf;\n}\n';
const CONFIG = JSON.stringify({ rules: { NGX030: 'on', NGX037: 'on', NGX050: 'on' } });

/** A site of n servers of varied shapes; names repeat every 7 servers, listen addresses are shared. */
function site(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `app${i % 7}.example.com`;
    switch (i % 4) {
      case 0:
        out.push(`server {`, `    listen 80;`, `    server_name ${name};`, `    location / { root /srv/${i}; autoindex on; }`, `}`);
        break;
      case 1:
        out.push(`server {`, `    listen 443 ssl;`, `    server_name ${name} www.${name};`, `    ssl_certificate /etc/ssl/${i}.pem;`, `    ssl_protocols TLSv1 TLSv1.2;`);
        out.push(`    set $target${i % 3} $http_host;`, `    location ~ ^/api/(\\w+)/(\\d+)$ { proxy_pass http://$target${i % 3}/$1/$3; add_header X-Api ${i}; }`, `}`);
        break;
      case 2:
        out.push(`server {`, `    listen 443 ssl default_server;`, `    server_name _;`, `    return 444;`, `}`);
        break;
      default:
        out.push(`server {`, `    listen 8080;`, `    server_name ${name};`, `    add_header Access-Control-Allow-Origin $http_origin;`, `    location /x { alias /data/${i}/; allow 10.0.0.1; }`, `    location /y { rewrite ^/y/(.*)$ https://$host/$1 permanent; }`, `}`);
    }
  }
  return out.join('\n') + '\n';
}

function workspace(siteText: string): MemoryWorkspace {
  return new MemoryWorkspace({ [MAIN]: MAIN_TEXT, [SITE]: siteText, '/ws/.deployguard.json': CONFIG }, ['/ws']);
}

/** Model queries (Unit.queries) each rule makes on a site of n servers. */
function queriesPerRule(n: number): Map<string, number> {
  const ws = workspace(site(n));
  const ctx: KindContext = { ws, config: parseConfig(CONFIG, '/ws').config, root: '/ws', log: (m) => assert.fail(m) };
  const unit = new Unit(MAIN, ctx);
  const model = { unit, vars: new Vars(unit), edits: new Edits(unit) };
  const out = new Map<string, number>();
  for (const rule of RULES) {
    const before = unit.queries;
    runRules([rule], model, ctx);
    out.set(rule.meta.id, unit.queries - before);
  }
  return out;
}

describe('nginx analysis cost grows linearly', () => {
  it('each rule queries the model a number of times linear in the number of servers', () => {
    const small = queriesPerRule(100);
    const large = queriesPerRule(400);
    const superlinear = [...small].filter(([id, q]) => large.get(id)! > 5 * Math.max(q, 20)).map(([id, q]) => `${id}: ${q} → ${large.get(id)} queries`);
    assert.deepEqual(superlinear, []);
  });

  it('with the number of servers', () => {
    assertLinear(
      'n servers',
      (n) => {
        const ws = workspace(site(n));
        return () => {
          new Engine(ws, ['/ws'], [nginxKind]).lintFile(SITE);
        };
      },
      150,
    );
  });

  it('with the number of locations of one server', () => {
    assertLinear(
      'n locations',
      (n) => {
        const lines = ['server {', '    listen 443 ssl;', '    server_name big.example.com;', '    add_header Strict-Transport-Security "max-age=10";'];
        for (let i = 0; i < n; i++) lines.push(`    location /p${i}/ { add_header Cache-Control no-store; proxy_pass http://127.0.0.1:${8000 + (i % 50)}; if ($http_origin ~ example) { return 403; } }`);
        lines.push('}');
        const ws = workspace(lines.join('\n') + '\n');
        return () => {
          new Engine(ws, ['/ws'], [nginxKind]).lintFile(SITE);
        };
      },
      300,
    );
  });

  it('with the size of a site edited keystroke by keystroke', () => {
    assertLinear(
      'edits of a site of n servers',
      (n) => {
        const ws = workspace(site(n));
        const engine = new Engine(ws, ['/ws'], [nginxKind]);
        engine.lintFile(SITE);
        return () => {
          let text = ws.files.get(SITE)!;
          for (let k = 0; k < 20; k++) {
            const at = text.indexOf('server_name', Math.floor((text.length * k) / 20)) + 12;
            text = text.slice(0, at) + 'x' + text.slice(at);
            ws.set(SITE, text);
            engine.invalidate(SITE, 'content');
            engine.lintFile(SITE);
          }
        };
      },
      100,
    );
  });
});
