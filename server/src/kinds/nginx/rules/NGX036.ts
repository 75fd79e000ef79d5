// NGX036: `error_log off;` creates a file named "off" instead of disabling logging.
import { fix } from '../model';
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX036',
    title: 'error_log off does not disable logging',
    severity: 'info',
    fix: 'yes',
    why: 'error_log has no "off": nginx writes to a file literally named "off" in its prefix, and the errors you meant to keep or drop end up somewhere unexpected.',
    anchors: 'gixy error_log_off',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.named('error_log')) {
      if (n.args[0]?.text !== 'off') continue;
      report(ctx, n, 'error_log off writes errors to a file named "off"; use "error_log /dev/null crit;" to discard them, or a real path', {
        fixes: fix('Use "error_log /dev/null crit;"', [edits.replaceArgs(n, '/dev/null crit')]),
      });
    }
  },
};
