// Incremental nginx analysis (server/src/kinds/nginx/incremental.ts): the rules it re-runs on one
// server's slice must find on the slices what they find on the whole unit, and a unit analysed
// edit after edit must get exactly the findings of a fresh analysis.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig, Engine, MemoryWorkspace, parseConfig, runRules, type Finding, type KindContext } from '../../../server/src/engine';
import { nginxKind } from '../../../server/src/kinds/nginx';
import { incrementalStats, WHOLE_UNIT_RULES } from '../../../server/src/kinds/nginx/incremental';
import { Edits, Unit } from '../../../server/src/kinds/nginx/model';
import { RULES } from '../../../server/src/kinds/nginx/rules';
import { Vars } from '../../../server/src/kinds/nginx/vars';
import * as gen from '../../../bench/generate';
import { loadFixtures, OPT_IN, workspaceFiles } from './fixtures-lib';

const MAIN = '/ws/etc/nginx/nginx.conf';
const CONFIG = JSON.stringify({ rules: OPT_IN });

interface Corpus {
  name: string;
  files: Record<string, string>;
  roots: string[];
}

function corpora(): Corpus[] {
  const out: Corpus[] = [];
  const fixtures = loadFixtures();
  for (const fx of fixtures) out.push({ name: fx.name, files: workspaceFiles(fx), roots: [`/ws/etc/nginx/${fx.main}`] });
  // Every http-level fixture as a site of one main file: servers of every shape side by side.
  const combined: Record<string, string> = {
    [MAIN]: 'events {}\nhttp {\n    include mime.types;\n    add_header X-Frame-Options DENY;\n    ssl_session_tickets on;\n    include /etc/nginx/sites-enabled/*;\n}\n',
    '/ws/.deployguard.json': CONFIG,
  };
  for (const fx of fixtures) if (fx.wrap === 'http') combined[`/ws/etc/nginx/sites-enabled/${fx.name}`] = fx.files[fx.main];
  out.push({ name: 'every http fixture', files: combined, roots: [MAIN] });
  out.push({
    name: 'generated site',
    files: { [MAIN]: gen.nginxMain(), '/ws/etc/nginx/sites-enabled/app.conf': gen.nginxSite(3, 400), '/ws/etc/nginx/snippets/headers.conf': gen.NGINX_HEADERS, '/ws/.deployguard.json': CONFIG },
    roots: [MAIN],
  });
  const vps = path.resolve(__dirname, '..', '..', '..', 'examples', 'vps');
  const vpsFiles: Record<string, string> = { '/ws/.deployguard.json': CONFIG };
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else vpsFiles[`/ws/${path.relative(vps, p).split(path.sep).join('/')}`] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(path.join(vps, 'etc', 'nginx'));
  out.push({ name: 'examples/vps', files: vpsFiles, roots: [MAIN] });
  return out;
}

const keyOf = (f: Finding) => JSON.stringify([f.ruleId, f.severity, f.message, f.file, f.range, f.related ?? [], f.fixes ?? []]);

function counts(list: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of list) m.set(keyOf(f), (m.get(keyOf(f)) ?? 0) + 1);
  return m;
}

describe('nginx incremental analysis', () => {
  it('rules run per server find on the slices exactly what they find on the whole unit', () => {
    const problems: string[] = [];
    let sliced = 0;
    for (const c of corpora()) {
      const ws = new MemoryWorkspace(c.files, ['/ws']);
      const cfg = c.files['/ws/.deployguard.json'];
      const config = cfg ? parseConfig(cfg, '/ws').config : defaultConfig('/ws');
      const ctx: KindContext = { ws, config, root: '/ws', log: (m) => problems.push(`${c.name}: ${m}`) };
      for (const root of c.roots) {
        const whole = new Unit(root, ctx);
        const servers = whole.httpServers();
        if (servers.length === 0) continue;
        sliced++;
        const vars = new Vars(whole);
        const opts = { rootLevel: whole.rootLevel, complete: whole.complete, files: whole.files };
        const base = new Unit(root, ctx, { server: null, ...opts });
        const slices = servers.map((_, j) => new Unit(root, ctx, { server: j, ...opts }));
        for (const rule of RULES) {
          if (WHOLE_UNIT_RULES.has(rule.meta.id)) continue;
          const run = (u: Unit) => runRules([rule], { unit: u, vars, edits: new Edits(u) }, ctx);
          const baseCounts = counts(run(base));
          const expected = new Map(baseCounts);
          for (const s of slices) {
            const own = counts(run(s));
            for (const [k, n] of baseCounts) {
              if ((own.get(k) ?? 0) < n) problems.push(`${c.name} ${rule.meta.id}: a finding without servers is missing with one: ${k.slice(0, 200)}`);
              own.set(k, (own.get(k) ?? 0) - n);
            }
            for (const [k, n] of own) if (n > 0) expected.set(k, (expected.get(k) ?? 0) + n);
          }
          const actual = counts(run(whole));
          for (const k of new Set([...actual.keys(), ...expected.keys()])) {
            if ((actual.get(k) ?? 0) !== (expected.get(k) ?? 0)) problems.push(`${c.name} ${rule.meta.id}: ${actual.get(k) ?? 0} on the whole unit, ${expected.get(k) ?? 0} from the slices: ${k.slice(0, 300)}`);
          }
        }
      }
    }
    assert.deepEqual(problems.slice(0, 10), []);
    assert.ok(sliced >= 20, `only ${sliced} units have http servers`);
  });

  it('edits inside servers, analysed one after another, give the findings of a fresh analysis', () => {
    let seed = 20261128;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const before = { ...incrementalStats };
    let edits = 0;
    for (const c of corpora().filter((x) => x.name === 'every http fixture' || x.name === 'generated site')) {
      const ws = new MemoryWorkspace(c.files, ['/ws']);
      const engine = new Engine(ws, ['/ws'], [nginxKind]);
      const sites = Object.keys(c.files).filter((f) => f.includes('/sites-enabled/'));
      const lintAll = (e: Engine) => [MAIN, ...sites].map((f) => e.lintFile(f).findings);
      lintAll(engine);
      for (let i = 0; i < 120; i++) {
        const file = sites[rand(sites.length)];
        const text = ws.files.get(file)!;
        // A position inside a server block: after a `{`, mostly where typing happens.
        const opens = [...text.matchAll(/\{/g)].map((m) => m.index!);
        if (opens.length === 0) continue;
        const at = Math.min(text.length, opens[rand(opens.length)] + 1 + rand(40));
        const chars = 'abcxyz019 ;$"#{}_-./';
        let next: string;
        if (rand(3) === 0 && at < text.length && text[at] !== '\n' && text[at] !== '\r') next = text.slice(0, at) + text.slice(at + 1);
        else next = text.slice(0, at) + chars[rand(chars.length)] + text.slice(at);
        ws.set(file, next);
        engine.invalidate(file, 'content');
        const incremental = lintAll(engine);
        const fresh = lintAll(new Engine(new MemoryWorkspace(Object.fromEntries(ws.files), ['/ws']), ['/ws'], [nginxKind]));
        assert.deepEqual(incremental, fresh, `${c.name}: after edit ${i} at ${file}:${at}`);
        edits++;
      }
    }
    assert.ok(edits >= 200);
    assert.ok(incrementalStats.sliced - before.sliced >= edits / 4, `only ${incrementalStats.sliced - before.sliced} of ${edits} edits were analysed on a slice`);
  });
});
