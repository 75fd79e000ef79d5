// DKR030 (opt-in): distribution upgrades in the Dockerfile.
import { packageManager } from '../cli';
import { meta, reportAt, runCommands, type DRule } from '../ruleutil';

export const DKR030: DRule = {
  meta: meta(
    'DKR030',
    'Distribution upgrade in the Dockerfile',
    'info',
    'no',
    'dist-upgrade and apk upgrade make the image contents depend on the day of the build; many teams prefer a fresher base image instead (a policy choice, so this is opt-in).',
    'DS-0024; hadolint DL3035; KICS "Run Using apt-get dist-upgrade", "Use of apk upgrade"',
    true,
  ),
  check(ctx) {
    for (const rc of runCommands(ctx.model)) {
      const pm = packageManager(rc.cmd);
      if (!pm) continue;
      const hit =
        (pm.tool === 'apt' && (pm.sub === 'dist-upgrade' || pm.sub === 'full-upgrade')) ||
        (pm.tool === 'zypper' && (pm.sub === 'dist-upgrade' || pm.sub === 'dup')) ||
        (pm.tool === 'apk' && pm.sub === 'upgrade');
      if (hit) reportAt(ctx, rc.cmd.start, rc.cmd.end, `${pm.inv.name} ${pm.sub} upgrades the whole distribution at build time: update the base image instead`);
    }
  },
};
