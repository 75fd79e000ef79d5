// NGX000: the file cannot be read as nginx reads it (structure only: tokens, `;`, braces, quotes,
// Lua blocks), plus include problems (missing file, cycle) at the include line.
import { meta, report, type Ctx } from './util';

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
      for (const e of f.parsed.errors) {
        ctx.report({ message: e.message, file: f.path, range: f.parsed.index.range(e.start, e.end) });
      }
    }
    for (const p of unit.problems) report(ctx, p.node, p.message, { severity: p.severity });
  },
};
