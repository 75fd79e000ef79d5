// DKR023 (opt-in): OS packages installed without a version pin.
import { isInstall, packageManager } from '../cli';
import { meta, reportAt, runCommands, type DRule } from '../ruleutil';

export const DKR023: DRule = {
  meta: meta(
    'DKR023',
    'OS package installed without a version pin',
    'info',
    'no',
    'Unpinned OS packages make builds differ over time; the security value is low on its own (distributions ship fixes within a release), so this is opt-in.',
    'hadolint DL3008, DL3018, DL3033, DL3037, DL3041; KICS apt/apk/yum/dnf/zypper pin queries',
    true,
  ),
  check(ctx) {
    for (const rc of runCommands(ctx.model)) {
      const pm = packageManager(rc.cmd);
      if (!pm || !['apt', 'apk', 'yum', 'zypper'].includes(pm.tool) || !isInstall(pm)) continue;
      for (const w of pm.parsed.operands) {
        if (!w.resolved || /^[./]/.test(w.value) || /\.(deb|rpm|apk)$/.test(w.value) || w.value.includes('://')) continue;
        const pinned = pm.tool === 'apt' || pm.tool === 'apk' ? /[=~]/.test(w.value) : /-\d|[<>=]/.test(w.value);
        if (pinned) continue;
        const how = pm.tool === 'apt' || pm.tool === 'apk' ? `${w.value}=<version>` : `${w.value}-<version>`;
        reportAt(ctx, w.start, w.end, `${pm.inv.name} ${pm.sub} ${w.value} is not pinned (${how})`);
      }
    }
  },
};
