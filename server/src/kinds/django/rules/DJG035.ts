// DJG035: world-writable upload permissions, MEDIA_ROOT inside STATIC_ROOT or the code, uploads in /tmp.
import type { Rule } from '../../../engine/kind';
import { certain, normPath, reportAt, setSettingFix, setting, type DjangoModel } from '../model';
import { dictGet, type Value } from '../values';
import { meta } from './common';

function inTmp(v: Value | undefined): boolean {
  const p = normPath(v);
  return !!p && p.anchor === '/' && (p.parts[0] === 'tmp' || (p.parts[0] === 'var' && p.parts[1] === 'tmp'));
}

export const DJG035: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG035',
    title: 'Unsafe upload storage',
    severity: 'warning',
    fix: 'yes',
    why: 'World-writable uploads can be replaced by any local user; uploads under STATIC_ROOT or the code directory can be served as, or overwrite, application files; /tmp is shared with every process.',
    anchors: 'bandit B108 (hard-coded tmp dir, partial)',
  }),
  check(ctx) {
    const m = ctx.model;
    for (const [name, good] of [
      ['FILE_UPLOAD_PERMISSIONS', '0o644'],
      ['FILE_UPLOAD_DIRECTORY_PERMISSIONS', '0o755'],
    ]) {
      const c = certain(m, name);
      if (!c || c.v.t !== 'num' || (c.v.v & 0o002) === 0) continue;
      const f = setSettingFix(m, name, good);
      reportAt(ctx, { loc: c.b.target, binding: c.b, message: `${name} is 0o${c.v.v.toString(8)}: uploaded files are writable by every local user`, fixes: f ? [f] : undefined });
    }
    const media = certain(m, 'MEDIA_ROOT');
    const mp = normPath(media?.v);
    if (media && mp && mp.parts.length + (mp.anchor === '/' ? 0 : 1) > 0) {
      const sp = normPath(certain(m, 'STATIC_ROOT')?.v);
      const base = setting(m, 'BASE_DIR');
      const bp = base && !base.cond ? normPath(base.value) : undefined;
      if (sp && sp.anchor === mp.anchor && sp.parts.length <= mp.parts.length && sp.parts.every((p, i) => mp.parts[i] === p)) {
        reportAt(ctx, { loc: media.b.target, binding: media.b, message: 'MEDIA_ROOT is inside STATIC_ROOT: user uploads are served and collected as static files of the site' });
      } else if (bp && bp.anchor === mp.anchor && bp.parts.length === mp.parts.length && bp.parts.every((p, i) => mp.parts[i] === p)) {
        reportAt(ctx, { loc: media.b.target, binding: media.b, message: 'MEDIA_ROOT is the project directory (BASE_DIR): uploads land next to the code and can overwrite it' });
      }
    }
    const tmp = certain(m, 'FILE_UPLOAD_TEMP_DIR');
    if (tmp && inTmp(tmp.v)) reportAt(ctx, { loc: tmp.b.target, binding: tmp.b, message: 'FILE_UPLOAD_TEMP_DIR is in the shared /tmp: other local users can read or swap uploads in progress' });
    const caches = certain(m, 'CACHES');
    if (caches && caches.v.t === 'dict') {
      for (const alias of caches.v.entries) {
        const backend = dictGet(alias.value, 'BACKEND')?.value;
        const loc = dictGet(alias.value, 'LOCATION')?.value;
        if (backend?.t === 'str' && backend.v.endsWith('FileBasedCache') && inTmp(loc)) {
          reportAt(ctx, { loc: loc!.loc, binding: caches.b, message: `CACHES['${alias.key.t === 'str' ? alias.key.v : '?'}'] keeps a file cache in /tmp: other local users can read it or plant entries (pickled, so code execution)` });
        }
      }
    }
  },
};
