// The Django project around a settings module, found statically: how dotted module names map to
// workspace files, which module is production (catalog §0), which modules import which, and the
// target Django version. Nothing is executed; only workspace files are read.
import * as path from 'node:path';
import type { SyntaxNode } from '@lezer/common';
import type { KindContext } from '../../engine/kind';
import { pathRole, relativeTo } from '../../engine/paths';
import { DEFAULT_VERSIONS } from '../../engine/config';
import { decodeString, kids, parsePython, textOf, type PyFile } from './python';

export type Role = 'production' | 'development' | 'other';

/** Ancestor folders of a file, nearest first, not above the workspace root. */
export function ancestors(file: string, root: string, max = 12): string[] {
  const out: string[] = [];
  let d = path.dirname(file);
  for (let i = 0; i < max; i++) {
    if (root && relativeTo(root, d) === undefined) break;
    out.push(d);
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  return out;
}

function readText(ctx: KindContext, file: string): string | undefined {
  const r = ctx.ws.read(file);
  return r.ok ? r.text : undefined;
}

/** The file of a module given as folder + dotted path: `<dir>/a/b.py` or `<dir>/a/b/__init__.py`. */
function moduleFileIn(ctx: KindContext, dir: string, dotted: string): string | undefined {
  const parts = dotted.split('.').filter(Boolean);
  if (parts.length === 0) {
    const init = path.join(dir, '__init__.py');
    return readText(ctx, init) !== undefined ? init : undefined;
  }
  const base = path.join(dir, ...parts);
  for (const f of [base + '.py', path.join(base, '__init__.py')]) if (readText(ctx, f) !== undefined) return f;
  return undefined;
}

/** Resolves `from <dots><dotted> import …` written in `fromFile`. */
export function resolveModule(ctx: KindContext, fromFile: string, level: number, dotted: string): string | undefined {
  if (!path.isAbsolute(fromFile)) return undefined;
  if (level > 0) {
    let dir = path.dirname(fromFile);
    for (let i = 1; i < level; i++) dir = path.dirname(dir);
    if (ctx.root && relativeTo(ctx.root, dir) === undefined) return undefined;
    return moduleFileIn(ctx, dir, dotted);
  }
  return resolveAbsolute(ctx, fromFile, dotted);
}

/** An absolute dotted module, looked up from the folders above `fromFile` (nearest first). */
export function resolveAbsolute(ctx: KindContext, fromFile: string, dotted: string): string | undefined {
  if (!dotted || !/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*$/.test(dotted)) return undefined;
  for (const dir of ancestors(fromFile, ctx.root)) {
    const f = moduleFileIn(ctx, dir, dotted);
    if (f) return f;
  }
  return undefined;
}

export interface ImportRef {
  node: SyntaxNode;
  level: number;
  dotted: string;
  star: boolean;
  names: { name: string; alias: string; node: SyntaxNode }[];
  /** `import a.b.c [as x]` form. */
  plain?: { dotted: string; alias?: string }[];
}

/** Reads an ImportStatement node. */
export function readImport(py: PyFile, node: SyntaxNode): ImportRef | undefined {
  const ch = kids(node);
  if (ch.length === 0) return undefined;
  if (ch[0].name === 'import') {
    const plain: { dotted: string; alias?: string }[] = [];
    let cur: string[] = [];
    let alias: string | undefined;
    let expectAlias = false;
    const flush = () => {
      if (cur.length) plain.push({ dotted: cur.join('.'), alias });
      cur = [];
      alias = undefined;
    };
    for (const c of ch.slice(1)) {
      if (c.name === 'VariableName') {
        if (expectAlias) {
          alias = textOf(py, c);
          expectAlias = false;
        } else cur.push(textOf(py, c));
      } else if (c.name === 'as') expectAlias = true;
      else if (c.name === ',') flush();
    }
    flush();
    return { node, level: 0, dotted: '', star: false, names: [], plain };
  }
  if (ch[0].name !== 'from') return undefined;
  let i = 1;
  let level = 0;
  const dotted: string[] = [];
  for (; i < ch.length && ch[i].name !== 'import'; i++) {
    const c = ch[i];
    if (dotted.length > 0) {
      if (c.name === 'VariableName') dotted.push(textOf(py, c));
    } else if (c.name === '.') level += 1;
    else if (c.name === 'Ellipsis' || textOf(py, c) === '...') level += 3;
    else if (c.name === 'VariableName') dotted.push(textOf(py, c));
  }
  if (i >= ch.length) return undefined;
  const rest = ch.slice(i + 1);
  const star = rest.some((c) => c.name === '*');
  const names: ImportRef['names'] = [];
  const flat: SyntaxNode[] = [];
  for (const c of rest) {
    if (c.name === 'importList') flat.push(...kids(c));
    else flat.push(c);
  }
  for (let j = 0; j < flat.length; j++) {
    const c = flat[j];
    if (c.name !== 'VariableName') continue;
    const name = textOf(py, c);
    let alias = name;
    if (flat[j + 1]?.name === 'as' && flat[j + 2]?.name === 'VariableName') {
      alias = textOf(py, flat[j + 2]);
      j += 2;
    }
    names.push({ name, alias, node: c });
  }
  return { node, level, dotted: dotted.join('.'), star, names };
}

/** Every import statement of a file, nested ones (in if/try bodies) included. */
export function importsOf(py: PyFile): ImportRef[] {
  const out: ImportRef[] = [];
  const visit = (n: SyntaxNode, depth: number) => {
    if (depth > 30) return;
    for (const c of kids(n)) {
      if (c.name === 'ImportStatement') {
        const r = readImport(py, c);
        if (r) out.push(r);
      } else if (c.name === 'StatementGroup' || c.name === 'IfStatement' || c.name === 'TryStatement' || c.name === 'Body' || c.name === 'WithStatement') {
        visit(c, depth + 1);
      }
    }
  };
  visit(py.top, 0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Which module is production (catalog §0)

export interface SettingsDeclaration {
  module: string;
  /** Where it is declared. */
  file: string;
  from: number;
  to: number;
  source: 'config' | 'wsgi' | 'asgi' | 'manage' | 'Dockerfile' | 'Procfile';
  /** The settings file it resolves to, when in the workspace. */
  resolved?: string;
}

const PRODUCTION_NAMES = new Set(['prod', 'production', 'live', 'deploy', 'settings']);

/** `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "x")` and `os.environ["DJANGO_SETTINGS_MODULE"] = "x"`. */
function settingsModuleInPython(file: string, text: string, source: SettingsDeclaration['source']): SettingsDeclaration[] {
  if (!text.includes('DJANGO_SETTINGS_MODULE')) return [];
  const py = parsePython(file, text);
  const out: SettingsDeclaration[] = [];
  const str = (n: SyntaxNode | undefined) => (n && n.name === 'String' ? decodeString(textOf(py, n))?.value : undefined);
  py.tree.iterate({
    enter(ref) {
      if (ref.name === 'CallExpression') {
        const n = ref.node;
        const callee = n.firstChild;
        const args = n.getChild('ArgList');
        if (!callee || !args) return;
        if (!/(^|\.)environ\.setdefault$/.test(textOf(py, callee).replace(/\s+/g, ''))) return;
        const a = kids(args).filter((c) => c.name !== '(' && c.name !== ')' && c.name !== ',');
        if (str(a[0]) === 'DJANGO_SETTINGS_MODULE' && a[1]) {
          const v = str(a[1]);
          if (v) out.push({ module: v, file, from: a[1].from, to: a[1].to, source });
        }
      } else if (ref.name === 'AssignStatement') {
        const n = ref.node;
        const ch = kids(n);
        const target = ch[0];
        const value = ch[ch.length - 1];
        if (target?.name === 'MemberExpression' && /environ\[\s*["']DJANGO_SETTINGS_MODULE["']\s*\]$/.test(textOf(py, target))) {
          const v = str(value);
          if (v) out.push({ module: v, file, from: value.from, to: value.to, source });
        }
      }
    },
  });
  return out;
}

/** Logical lines of a Dockerfile (backslash continuations joined), with their start offsets. */
function dockerLogicalLines(text: string): { line: string; from: number }[] {
  const out: { line: string; from: number }[] = [];
  const raw = text.split('\n');
  let offset = 0;
  let cur = '';
  let curFrom = 0;
  for (const l of raw) {
    const line = l.endsWith('\r') ? l.slice(0, -1) : l;
    if (cur === '') curFrom = offset;
    const trimmed = line.trimStart();
    if (!(cur !== '' && trimmed.startsWith('#'))) {
      if (line.endsWith('\\')) cur += line.slice(0, -1) + ' ';
      else {
        out.push({ line: cur + line, from: curFrom });
        cur = '';
      }
    }
    offset += l.length + 1;
  }
  if (cur) out.push({ line: cur, from: curFrom });
  return out;
}

/** `ENV DJANGO_SETTINGS_MODULE=x` (or the legacy `ENV DJANGO_SETTINGS_MODULE x`) of the last stage. */
function settingsModuleInDockerfile(file: string, text: string): SettingsDeclaration[] {
  if (!text.includes('DJANGO_SETTINGS_MODULE')) return [];
  let found: SettingsDeclaration | undefined;
  for (const { line, from } of dockerLogicalLines(text)) {
    const t = line.trim();
    if (/^from\s/i.test(t)) found = undefined;
    if (t.slice(0, 3).toLowerCase() !== 'env' || !(t[3] === ' ' || t[3] === '\t')) continue;
    const body = t.slice(4).trim();
    const legacy = /^DJANGO_SETTINGS_MODULE\s+(\S+)\s*$/.exec(body);
    const pair = /(?:^|\s)DJANGO_SETTINGS_MODULE=("[^"]*"|'[^']*'|\S+)/.exec(body);
    const v = legacy?.[1] ?? pair?.[1];
    if (!v) continue;
    const value = v.replace(/^["']|["']$/g, '');
    const at = from + line.indexOf(v);
    found = { module: value, file, from: at, to: at + v.length, source: 'Dockerfile' };
  }
  return found ? [found] : [];
}

/** `DJANGO_SETTINGS_MODULE=x gunicorn …`, `--env DJANGO_SETTINGS_MODULE=x`, `--settings=x` in a Procfile. */
function settingsModuleInProcfile(file: string, text: string): SettingsDeclaration[] {
  const out: SettingsDeclaration[] = [];
  let offset = 0;
  for (const l of text.split('\n')) {
    const m = /(?:DJANGO_SETTINGS_MODULE=|--settings[= ])([A-Za-z_][\w.]*)/.exec(l);
    if (m && !l.trimStart().startsWith('#')) {
      const at = offset + m.index + m[0].length - m[1].length;
      out.push({ module: m[1], file, from: at, to: at + m[1].length, source: 'Procfile' });
    }
    offset += l.length + 1;
  }
  return out;
}

/** Declarations of DJANGO_SETTINGS_MODULE in the folders above a settings file. */
export function settingsDeclarations(ctx: KindContext, settingsFile: string): SettingsDeclaration[] {
  const out: SettingsDeclaration[] = [];
  const prodOpt = ctx.config.django.productionSettings;
  if (prodOpt) {
    out.push({ module: prodOpt, file: ctx.config.file ?? '', from: 0, to: 0, source: 'config' });
  }
  for (const dir of ancestors(settingsFile, ctx.root)) {
    const entries = ctx.ws.list(dir);
    if (!entries) continue;
    for (const e of entries) {
      if (e.isDirectory) continue;
      const file = path.join(dir, e.name);
      const rel = ctx.root ? relativeTo(ctx.root, file) : undefined;
      if (rel !== undefined && pathRole(rel) === 'development') continue;
      const lower = e.name.toLowerCase();
      let found: SettingsDeclaration[] = [];
      if (e.name === 'wsgi.py' || e.name === 'asgi.py' || e.name === 'manage.py') {
        const text = readText(ctx, file);
        if (text) found = settingsModuleInPython(file, text, e.name === 'manage.py' ? 'manage' : e.name === 'wsgi.py' ? 'wsgi' : 'asgi');
      } else if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile')) {
        const text = readText(ctx, file);
        if (text) found = settingsModuleInDockerfile(file, text);
      } else if (e.name === 'Procfile') {
        const text = readText(ctx, file);
        if (text) found = settingsModuleInProcfile(file, text);
      }
      out.push(...found);
    }
  }
  for (const d of out) {
    if (d.source === 'config') {
      const opt = d.module;
      if (opt.endsWith('.py') || opt.includes('/')) {
        const abs = path.resolve(ctx.config.root, opt);
        if (readText(ctx, abs) !== undefined) d.resolved = abs;
      } else {
        d.resolved = resolveAbsolute(ctx, path.join(ctx.config.root || path.dirname(settingsFile), '__probe__.py'), opt);
        if (!d.resolved) d.resolved = resolveAbsolute(ctx, settingsFile, opt);
      }
    } else {
      // From the declaring file's folders (wsgi.py next to the package), else from the settings
      // module's own folders (a Dockerfile at the repository root for a src/ layout).
      d.resolved = resolveAbsolute(ctx, d.file, d.module) ?? resolveAbsolute(ctx, settingsFile, d.module);
    }
  }
  return out;
}

export interface ProductionInfo {
  /** Production modules (absolute files) found from declarations, or by name when none is declared. */
  declared: SettingsDeclaration[];
  production: Set<string>;
  /** True when production comes from a declaration (config, wsgi, Dockerfile…), not from a name. */
  fromDeclaration: boolean;
}

export function productionModules(ctx: KindContext, settingsFile: string): ProductionInfo {
  const declared = settingsDeclarations(ctx, settingsFile);
  const isDev = (f: string) => {
    const rel = ctx.root ? relativeTo(ctx.root, f) : undefined;
    return rel !== undefined && pathRole(rel) === 'development';
  };
  const pick = (sources: SettingsDeclaration['source'][]) =>
    declared.filter((d) => sources.includes(d.source) && d.resolved && !isDev(d.resolved)).map((d) => d.resolved!);
  let prod = pick(['config']);
  if (prod.length === 0) prod = pick(['wsgi', 'asgi', 'Dockerfile', 'Procfile']);
  if (prod.length === 0) prod = pick(['manage']);
  return { declared, production: new Set(prod), fromDeclaration: prod.length > 0 };
}

/** The module name a file is known by: its stem, or its package's name for `__init__.py`. */
export function moduleStem(file: string): string {
  const base = path.basename(file, '.py');
  return base === '__init__' ? path.basename(path.dirname(file)) : base;
}

export function roleOf(ctx: KindContext, file: string, info: ProductionInfo): Role {
  const rel = ctx.root ? relativeTo(ctx.root, file) : undefined;
  if (rel !== undefined && pathRole(rel) === 'development') return 'development';
  if (info.production.has(file)) return 'production';
  if (info.fromDeclaration) return 'other';
  return PRODUCTION_NAMES.has(moduleStem(file).toLowerCase()) ? 'production' : 'other';
}

// ---------------------------------------------------------------------------------------------
// Who imports whom

const MAX_CANDIDATES = 300;

/** Python files near `file` that import it (star or named), found by parsing their imports. */
export function directImporters(ctx: KindContext, file: string): string[] {
  const stem = moduleStem(file);
  const dirs = new Set<string>();
  const own = path.dirname(file);
  dirs.add(own);
  const parent = path.dirname(own);
  if (!ctx.root || relativeTo(ctx.root, parent) !== undefined) dirs.add(parent);
  const out: string[] = [];
  for (const dir of dirs) {
    const entries = ctx.ws.list(dir);
    if (!entries) continue;
    let n = 0;
    for (const e of entries) {
      if (e.isDirectory || !e.name.endsWith('.py')) continue;
      if (++n > MAX_CANDIDATES) break;
      const cand = path.join(dir, e.name);
      if (cand === file) continue;
      const text = readText(ctx, cand);
      if (!text || !text.includes('import') || !text.includes(stem)) continue;
      const py = parsePython(cand, text);
      for (const imp of importsOf(py)) {
        if (imp.plain) continue;
        if (!imp.star && imp.names.length === 0) continue;
        const target = resolveModule(ctx, cand, imp.level, imp.dotted);
        if (target === file) {
          out.push(cand);
          break;
        }
        // `from . import base` / `from config.settings import base` name the module itself.
        if (target && imp.names.some((nm) => resolveModule(ctx, target, 1, nm.name) === file)) {
          out.push(cand);
          break;
        }
      }
    }
  }
  return out;
}

/**
 * The analysis units of a settings file (catalog §0): a production module is its own unit; a base
 * module is analysed through the modules importing it, production ones preferred.
 */
export function unitsOf(ctx: KindContext, file: string): string[] {
  const info = productionModules(ctx, file);
  if (info.production.has(file)) return [file];
  const tops = new Set<string>();
  const seen = new Set<string>([file]);
  let frontier = [file];
  for (let depth = 0; depth < 6 && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const f of frontier) {
      const imps = directImporters(ctx, f).filter((i) => !seen.has(i));
      if (f !== file && (imps.length === 0 || info.production.has(f))) {
        tops.add(f);
        continue;
      }
      for (const i of imps) {
        seen.add(i);
        next.push(i);
      }
    }
    frontier = next;
  }
  for (const f of frontier) tops.add(f);
  if (tops.size === 0) return [file];
  const all = [...tops];
  const roles = new Map(all.map((f) => [f, roleOf(ctx, f, info)]));
  const prod = all.filter((f) => roles.get(f) === 'production');
  if (prod.length) return prod;
  const other = all.filter((f) => roles.get(f) === 'other');
  if (other.length) return other;
  return all;
}

// ---------------------------------------------------------------------------------------------
// Target Django version

export interface TargetVersion {
  major: number;
  minor: number;
  /** Where it comes from, for messages. */
  source: string;
}

export function parseVersion(v: string): { major: number; minor: number } | undefined {
  const m = /^(\d+)\.(\d+)/.exec(v.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/**
 * The Django version the settings target: `django.version` in the project config; else a
 * `Django==x.y` pin in a production requirements file (`requirements*.txt` or `requirements/*.txt`)
 * in a folder above the settings module, nearest first; else the default (5.2).
 */
export function targetVersion(ctx: KindContext, settingsFile: string): TargetVersion {
  const cfg = ctx.config.django;
  if (cfg.versionStated) {
    const v = parseVersion(cfg.version);
    if (v) return { ...v, source: 'the project configuration' };
  }
  if (path.isAbsolute(settingsFile)) {
    for (const dir of ancestors(settingsFile, ctx.root)) {
      const entries = ctx.ws.list(dir);
      if (!entries) continue;
      const files: string[] = [];
      for (const e of entries) {
        if (!e.isDirectory && /^requirements.*\.txt$/i.test(e.name)) files.push(path.join(dir, e.name));
        if (e.isDirectory && e.name === 'requirements') {
          for (const s of ctx.ws.list(path.join(dir, e.name)) ?? []) {
            if (!s.isDirectory && s.name.endsWith('.txt')) files.push(path.join(dir, e.name, s.name));
          }
        }
      }
      for (const f of files) {
        const rel = ctx.root ? relativeTo(ctx.root, f) : undefined;
        if (rel !== undefined && pathRole(rel) === 'development') continue;
        const text = readText(ctx, f);
        if (!text) continue;
        for (const line of text.split('\n')) {
          const v = djangoPin(line);
          if (v) return { ...v, source: path.basename(f) };
        }
      }
    }
  }
  const d = parseVersion(cfg.version) ?? parseVersion(DEFAULT_VERSIONS.django)!;
  return { ...d, source: 'the default' };
}

/** `Django==4.2.11` (extras, spaces and `===` allowed) on a requirements line: its major.minor. */
export function djangoPin(line: string): { major: number; minor: number } | undefined {
  let t = line.trim();
  if (t.slice(0, 6).toLowerCase() !== 'django') return undefined;
  t = t.slice(6).trimStart();
  if (t.startsWith('[')) {
    const close = t.indexOf(']');
    if (close < 0) return undefined;
    t = t.slice(close + 1).trimStart();
  }
  if (!t.startsWith('==')) return undefined;
  t = t.slice(t.startsWith('===') ? 3 : 2).trimStart();
  return parseVersion(t);
}

export function atLeast(v: { major: number; minor: number }, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}
