// NGX011 (narrowed by catalog §0): root or alias pointing at the filesystem root or a system tree.
import { meta, report, type Ctx } from './util';

const SYSTEM = new Set(['/', '/etc', '/root', '/home', '/proc', '/sys', '/boot', '/usr', '/var', '/var/lib']);

export default {
  meta: meta({
    id: 'NGX011',
    title: 'root or alias serves the filesystem root or a system folder',
    severity: 'error',
    fix: 'no',
    why: 'Every file below the folder becomes downloadable: /etc/shadow-adjacent configs, SSH keys in home folders, process information in /proc.',
    anchors: 'gixy/Gixy-Next filesystem_root_exposure ("Filesystem Root Exposure")',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    for (const n of unit.all()) {
      if ((n.name !== 'root' && n.name !== 'alias') || !n.args[0] || unit.proto(n) !== 'http') continue;
      const v = n.args[0].text;
      if (v.includes('$')) continue;
      let end = v.length;
      while (end > 1 && v[end - 1] === '/') end--;
      const norm = v.slice(0, end);
      const isHome = /^\/home\/[^/]{1,255}$/.test(norm);
      if (!SYSTEM.has(norm) && !isHome) continue;
      report(ctx, n, `${n.name} "${v}" exposes ${norm === '/' ? 'the whole filesystem' : `the system folder ${norm}`}: any file below it can be requested`, { range: unit.tokenRange(n, n.args[0]) });
    }
  },
};
