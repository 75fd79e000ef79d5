// DJG034: request-size limits disabled.
import type { Rule } from '../../../engine/kind';
import { certain, reportAt, setSettingFix, type DjangoModel } from '../model';
import { meta } from './common';

const LIMITS: [string, string, string][] = [
  ['DATA_UPLOAD_MAX_MEMORY_SIZE', '2621440', 'request bodies of any size are read into memory'],
  ['DATA_UPLOAD_MAX_NUMBER_FIELDS', '1000', 'requests with millions of form fields are parsed'],
  ['DATA_UPLOAD_MAX_NUMBER_FILES', '100', 'requests with any number of uploaded files are parsed'],
];
const HUGE = 100 * 1024 * 1024;

export const DJG034: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG034',
    title: 'Request size limits are disabled',
    severity: 'warning',
    fix: 'yes',
    why: 'Several Django denial-of-service advisories were mitigated by these limits; without them one request can exhaust memory or CPU.',
  }),
  check(ctx) {
    const m = ctx.model;
    for (const [name, dflt, what] of LIMITS) {
      const c = certain(m, name);
      if (!c || c.v.t !== 'none') continue;
      const f = setSettingFix(m, name, dflt, { title: `Restore Django's default ${name} = ${dflt}` });
      reportAt(ctx, { loc: c.b.target, binding: c.b, message: `${name} is None: ${what} (denial of service)`, fixes: f ? [f] : undefined });
    }
    const f = certain(m, 'FILE_UPLOAD_MAX_MEMORY_SIZE');
    if (f && f.v.t === 'num' && f.v.v > HUGE) {
      const fix = setSettingFix(m, 'FILE_UPLOAD_MAX_MEMORY_SIZE', '2621440', { title: "Restore Django's default FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440" });
      reportAt(ctx, { loc: f.b.target, binding: f.b, message: `FILE_UPLOAD_MAX_MEMORY_SIZE is ${Math.round(f.v.v / 1048576)} MB: uploads this large are held in memory instead of streamed to disk`, fixes: fix ? [fix] : undefined });
    }
  },
};
