// The Django settings kind: settings modules recognised by path and content, evaluated statically
// with their base modules, judged as production or development (catalog §0), checked by the DJG rules.
import * as path from 'node:path';
import type { ForeignPragma, Kind, KindContext, UnitAnalysis } from '../../engine/kind';
import { runRules } from '../../engine/kind';
import { pathRole, relativeTo } from '../../engine/paths';
import type { Comment, Finding } from '../../engine/types';
import { UnitEvaluator } from './evaluate';
import type { DjangoModel } from './model';
import { productionModules, roleOf, targetVersion, unitsOf, type ProductionInfo, type Role } from './project';
import { parsePython, pythonComments } from './python';
import { RULES } from './rules';

/** Settings whose assignment makes a module a settings module (by content) and a complete one. */
export const KEY_SETTINGS = ['INSTALLED_APPS', 'MIDDLEWARE', 'SECRET_KEY', 'DATABASES', 'ROOT_URLCONF', 'ALLOWED_HOSTS', 'WSGI_APPLICATION'];

/** Rules still reported in development modules (committed secrets), at info. */
const SECRET_RULES = new Set(['DJG002', 'DJG022']);

function assignsKeySetting(head: string): boolean {
  let start = 0;
  while (start < head.length) {
    let end = head.indexOf('\n', start);
    if (end < 0) end = head.length;
    const line = head.slice(start, end);
    for (const key of KEY_SETTINGS) {
      if (line.startsWith(key)) {
        const rest = line.slice(key.length).trimStart();
        if (rest.startsWith('=') || rest.startsWith(':') || rest.startsWith('+=')) return true;
      }
    }
    start = end + 1;
  }
  return false;
}

function isDevFile(ctx: KindContext, file: string): boolean {
  const rel = ctx.root ? relativeTo(ctx.root, file) : undefined;
  return rel !== undefined && pathRole(rel) === 'development';
}

function analyze(unitRoot: string, ctx: KindContext): UnitAnalysis {
  const unit = new UnitEvaluator(ctx);
  const rootEval = unit.evalModule(unitRoot);
  const comments = new Map<string, Comment[]>();
  const collect = () => {
    for (const [file, py] of unit.files) comments.set(file, pythonComments(py));
  };
  if (!rootEval) {
    collect();
    return { findings: [], comments };
  }
  const abs = path.isAbsolute(unitRoot);
  const looksLikeSettings = KEY_SETTINGS.some((k) => rootEval.ns.has(k));
  // An untitled buffer has no path to say it is settings: it is read when its content says so (it
  // assigns a key setting, or star-imports settings as split settings do). Any other Python scratch
  // buffer is left to the Python tooling: no syntax errors, no DEBUG = True of a script.
  if (!abs && !looksLikeSettings && rootEval.unresolved.length === 0 && rootEval.starImports.length === 0) {
    collect();
    return { findings: [], comments };
  }
  const production: ProductionInfo = abs ? productionModules(ctx, unitRoot) : { declared: [], production: new Set(), fromDeclaration: false };
  const role: Role = abs ? roleOf(ctx, unitRoot, production) : 'other';
  const unresolved = [...unit.modules.values()].some((m) => m.unresolved.length > 0);
  // Absence is not judged on a module that does not parse: the missing setting may be in the part that did not.
  const broken = [...unit.files.values()].some((py) => py.errors.length > 0);
  const model: DjangoModel = {
    root: unitRoot,
    role,
    complete: role === 'production' && looksLikeSettings && !unresolved && !broken,
    version: targetVersion(ctx, unitRoot),
    unit,
    rootEval,
    production,
    ctx,
  };
  const raw = runRules(RULES, model, ctx);
  const findings: Finding[] = [];
  for (const f of raw) {
    if (role === 'development' && f.ruleId !== 'DJG000' && !SECRET_RULES.has(f.ruleId)) continue;
    if (SECRET_RULES.has(f.ruleId) && (role === 'development' || isDevFile(ctx, f.file))) {
      findings.push({ ...f, severity: 'info', message: `${f.message} (development settings)` });
      continue;
    }
    findings.push(f);
  }
  collect();
  return { findings, comments };
}

const NOSEC_IDS = ['DJG002', 'DJG022'];

function foreignPragma(c: Comment): ForeignPragma | undefined {
  const t = c.text.trim();
  const nosec = /^nosec\b(.*)$/.exec(t);
  if (nosec) {
    const rest = nosec[1];
    if (rest.trim() === '' || /B10[567]/.test(rest)) return { ruleIds: NOSEC_IDS, scope: 'line', reason: 'bandit nosec' };
    return undefined;
  }
  const noqa = /^noqa\b(.*)$/i.exec(t);
  if (noqa) {
    const rest = noqa[1];
    if (rest.trim() === '' || /S10[567]/.test(rest)) return { ruleIds: NOSEC_IDS, scope: 'line', reason: 'noqa' };
    return undefined;
  }
  const semgrep = /^nosemgrep\b(.*)$/.exec(t);
  if (semgrep) {
    const ids: string[] = [];
    if (semgrep[1].includes('global-autoescape-off')) ids.push('DJG030');
    if (semgrep[1].includes('missing-throttle-config')) ids.push('DJG032');
    return ids.length ? { ruleIds: ids, scope: 'line', reason: 'nosemgrep' } : undefined;
  }
  return undefined;
}

export const djangoKind: Kind = {
  id: 'django',
  title: 'Django settings',
  languageIds: ['python'],
  rules: RULES.map((r) => r.meta),
  claims(relPath, head) {
    if (!relPath.endsWith('.py')) return false;
    const parts = relPath.split('/');
    const base = parts[parts.length - 1];
    if (base === 'settings.py') return true;
    if (parts.length >= 2 && parts[parts.length - 2] === 'settings') return true;
    const h = head();
    return h !== undefined && assignsKeySetting(h);
  },
  unitsFor(file, ctx) {
    if (!path.isAbsolute(file)) return [file];
    return unitsOf(ctx, file);
  },
  analyze,
  comments(text) {
    return pythonComments(parsePython('', text));
  },
  foreignPragma,
};
