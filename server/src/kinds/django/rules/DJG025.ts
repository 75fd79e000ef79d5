// DJG025: development tooling (debug_toolbar, django_extensions, silk, …) active in production settings.
import type { Rule } from '../../../engine/kind';
import type { FileEdit, Fix } from '../../../engine/types';
import { certain, dictEntryValueLoc, removeEntry, reportAt, setting, type DjangoModel } from '../model';
import { dictGet, isSeq, type Str } from '../values';
import { work } from '../python';
import { meta } from './common';

export const DEV_PACKAGES = ['debug_toolbar', 'django_extensions', 'silk', 'debug_permissions', 'livereload'];

function devPackage(entry: string): string | undefined {
  const top = entry.split('.')[0];
  return DEV_PACKAGES.includes(top) ? top : undefined;
}

/** CIDR prefixes this short (or '*') open a debug UI to large parts of the Internet. */
function broadRange(s: string): boolean {
  if (s === '*') return true;
  const m = /^[0-9a-fA-F:.]+\/(\d{1,3})$/.exec(s);
  if (!m) return false;
  const bits = Number(m[1]);
  return s.includes(':') ? bits < 48 : bits < 16;
}

export const DJG025: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG025',
    title: 'Development tooling enabled in production settings',
    severity: 'error',
    fix: 'yes',
    why: 'Debug toolbars and profilers show SQL, settings and request data to whoever sees them; django_extensions’ runserver_plus exposes the Werkzeug console, which runs arbitrary code.',
  }),
  check(ctx) {
    const m = ctx.model;
    const entries: { pkg: string; item: Str; setting: 'INSTALLED_APPS' | 'MIDDLEWARE' }[] = [];
    for (const name of ['INSTALLED_APPS', 'MIDDLEWARE'] as const) {
      const c = certain(m, name);
      if (!c || !isSeq(c.v)) continue;
      for (const item of c.v.items) {
        if (item.t !== 'str') continue;
        const pkg = devPackage(item.v);
        if (pkg) entries.push({ pkg, item, setting: name });
      }
    }
    // One fix per package (removing it from apps and middleware), shared by its findings.
    const fixOf = new Map<string, Fix[] | undefined>();
    for (const e of entries) {
      if (fixOf.has(e.pkg)) continue;
      const edits: FileEdit[] = [];
      const at = new Set<string>();
      for (const other of entries) {
        work.units++;
        if (other.pkg !== e.pkg) continue;
        const ed = removeEntry(m, other.item);
        const key = ed ? `${ed.file}:${ed.range.start.line}:${ed.range.start.character}` : '';
        if (ed && !at.has(key)) {
          at.add(key);
          edits.push(ed);
        }
      }
      fixOf.set(
        e.pkg,
        edits.length
          ? [{ title: `Remove ${e.pkg} from the production settings (apps and middleware)`, edits, isPreferred: true, caveat: `Enable ${e.pkg} in the development settings module instead; also remove its URL patterns from production.` }]
          : undefined,
      );
    }
    for (const e of entries) {
      const fixes = fixOf.get(e.pkg);
      const b = setting(m, e.setting)!;
      reportAt(ctx, {
        loc: e.item.loc,
        binding: b,
        message: `'${e.item.v}' is in ${e.setting} of the production settings: ${e.pkg === 'django_extensions' ? 'runserver_plus exposes the Werkzeug debugger console (code execution)' : 'the debug UI shows SQL, settings and request data'}`,
        fixes,
      });
    }
    const cfg = certain(m, 'DEBUG_TOOLBAR_CONFIG');
    const cb = cfg ? dictGet(cfg.v, 'SHOW_TOOLBAR_CALLBACK') : undefined;
    if (cfg && cb) {
      const v = cb.value;
      const always = (v.t === 'lambda' && v.body.t === 'bool' && v.body.v) || (v.t === 'func' && v.returnsTrue);
      if (always) reportAt(ctx, { loc: dictEntryValueLoc(cb), binding: cfg.b, message: "DEBUG_TOOLBAR_CONFIG['SHOW_TOOLBAR_CALLBACK'] always returns True: the toolbar is shown to every visitor" });
    }
    const ips = certain(m, 'INTERNAL_IPS');
    if (ips) {
      const items = isSeq(ips.v) ? ips.v.items : ips.v.t === 'call' ? ips.v.args.flatMap((a) => (isSeq(a) ? a.items : [a])) : [];
      for (const i of items) {
        if (i.t === 'str' && broadRange(i.v)) reportAt(ctx, { loc: i.loc, binding: ips.b, message: `INTERNAL_IPS covers '${i.v}': debug output meant for developers is shown to a large part of the Internet` });
      }
    }
  },
};
