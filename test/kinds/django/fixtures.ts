// Fixture projects of the Django kind (server/src/kinds/django/fixtures/<NN-name>/…), loaded as
// in-memory workspaces, and what our analysis says about their production modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, MemoryWorkspace, type Finding, type KindContext } from '../../../server/src/engine';
import { djangoKind, KEY_SETTINGS } from '../../../server/src/kinds/django';
import { UnitEvaluator } from '../../../server/src/kinds/django/evaluate';
import { productionModules, roleOf } from '../../../server/src/kinds/django/project';
import { isSeq, type Value } from '../../../server/src/kinds/django/values';

export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'server', 'src', 'kinds', 'django', 'fixtures');
export const WS = '/ws';

export function fixtureNames(): string[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((n) => fs.statSync(path.join(FIXTURES, n)).isDirectory())
    .sort();
}

/** Files of one fixture project, keyed by path relative to its folder. */
export function fixtureFiles(name: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, e);
      if (fs.statSync(p).isDirectory()) walk(p);
      else out[path.relative(path.join(FIXTURES, name), p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(path.join(FIXTURES, name));
  return out;
}

export function fixtureContext(files: Record<string, string>, config: { version?: string } = {}): KindContext {
  const all: Record<string, string> = {};
  for (const [rel, text] of Object.entries(files)) all[`${WS}/${rel}`] = text;
  const ws = new MemoryWorkspace(all, [WS]);
  const cfg = defaultConfig(WS);
  if (config.version) cfg.django = { ...cfg.django, version: config.version, versionStated: true };
  return { ws, config: cfg, root: WS, log: (m) => { throw new Error(`kind logged: ${m}`); } };
}

export interface ProductionUnit {
  /** Workspace-relative path of the production module. */
  rel: string;
  /** Dotted module name, as DJANGO_SETTINGS_MODULE would say it. */
  module: string;
  /** Every setting is a literal (or a path built from __file__): Django and we see the same values. */
  literal: boolean;
  findings: Finding[];
}

function literalValue(v: Value, depth = 0): boolean {
  if (depth > 20) return false;
  switch (v.t) {
    case 'env':
    case 'unknown':
    case 'call':
    case 'lambda':
      return false;
    case 'dict':
      return v.entries.every((e) => literalValue(e.key, depth + 1) && literalValue(e.value, depth + 1));
    default:
      return isSeq(v) ? v.items.every((i) => literalValue(i, depth + 1)) : true;
  }
}

/** The production modules of a fixture (by our §0 rules) with their raw findings. */
export function productionUnits(files: Record<string, string>, version?: string): ProductionUnit[] {
  const ctx = fixtureContext(files, { version });
  const out: ProductionUnit[] = [];
  for (const rel of Object.keys(files)) {
    const abs = `${WS}/${rel}`;
    if (!djangoKind.claims(rel, () => files[rel])) continue;
    const units = djangoKind.unitsFor(abs, ctx);
    if (units.length !== 1 || units[0] !== abs) continue;
    const info = productionModules(ctx, abs);
    if (roleOf(ctx, abs, info) !== 'production') continue;
    const unit = new UnitEvaluator(ctx);
    const m = unit.evalModule(abs)!;
    // A module that sets none of the key settings (an empty settings/__init__.py) is not a settings module.
    if (!KEY_SETTINGS.some((k) => m.ns.has(k))) continue;
    const findings = djangoKind.analyze(abs, ctx).findings;
    const literal =
      !findings.some((f) => f.ruleId === 'DJG000') &&
      [...m.ns].every(([name, b]) => !/^[A-Z][A-Z0-9_]*$/.test(name) || (!b.cond && literalValue(b.value)));
    const declared = info.declared.find((d) => d.resolved === abs)?.module;
    const module = declared ?? rel.replace(/\.py$/, '').replace(/\/__init__$/, '').split('/').join('.');
    out.push({ rel, module, literal, findings });
  }
  return out;
}

/** Django check ids our findings name ("(check --deploy: security.W004)"). */
export function anchoredIds(findings: Finding[]): Set<string> {
  const ids = new Set<string>();
  for (const f of findings) {
    const m = /\(check --deploy: ((?:security\.[WE]\d{3})|(?:\d_\d\.E\d{3}))\)/.exec(f.message);
    if (m) ids.add(m[1]);
  }
  return ids;
}
