// NGX000: the file cannot be read as nginx reads it (structure only: tokens, `;`, braces, quotes,
// Lua blocks), plus include problems (missing file, cycle) at the include line.
import { meta, report, type Ctx } from './util';

const MAX_PER_FILE = 50;

export default {
  meta: meta({
    id: 'NGX000',
    title: 'nginx configuration cannot be parsed',
    severity: 'error',
    fix: 'no',
    why: 'nginx refuses to start (or reload) with a structure error, and every directive after it is read differently from what was intended.',
  }),
  check(ctx: Ctx) {
    const unit = ctx.model.unit;
    for (const f of unit.files.values()) {
      // nginx stops at the first error; a handful is enough to show where the structure breaks.
      const shown = f.parsed.errors.slice(0, MAX_PER_FILE);
      for (const e of shown) ctx.report({ message: e.message, file: f.path, range: f.parsed.index.range(e.start, e.end) });
      const more = f.parsed.errors.length - shown.length;
      if (more > 0) {
        const last = shown[shown.length - 1];
        ctx.report({ message: `${more} more structure error${more > 1 ? 's' : ''} after this one are not listed`, file: f.path, range: f.parsed.index.range(last.start, last.end) });
      }
    }
    for (const p of unit.problems) report(ctx, p.node, p.message, { severity: p.severity });
  },
};
