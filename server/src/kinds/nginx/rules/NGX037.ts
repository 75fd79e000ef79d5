// NGX037 (opt-in): access_log off at http or server level.
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX037',
    title: 'Access logging disabled for a whole server',
    severity: 'info',
    optIn: true,
    fix: 'no',
    why: 'Without access logs there is no trail to investigate an incident or abuse.',
    anchors: 'CIS NGINX (logging section)',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    for (const n of unit.named('access_log')) {
      if (n.args[0]?.text !== 'off') continue;
      const level = unit.levelOf(n);
      if (level !== unit.root && level.name !== 'http' && level.name !== 'server') continue;
      if (level === unit.root && unit.rootLevel !== 'http' && unit.rootLevel !== 'server') continue;
      report(ctx, n, `access_log off disables request logging for the whole ${level.name || unit.rootLevel}: incidents cannot be investigated`);
    }
  },
};
