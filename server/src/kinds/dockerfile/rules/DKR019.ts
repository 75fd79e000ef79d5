// DKR019: package signature checks disabled.
import { packageManager, parseOptions, APT_SPEC, YUM_SPEC } from '../cli';
import { deleteWordEdit } from '../edits';
import type { Word } from '../shell';
import { fix, meta, reportAt, runCommands, type DContext, type DRule } from '../ruleutil';

function flag(ctx: DContext, a: Word, b: Word, message: string): void {
  reportAt(ctx, a.start, b.end, message, { fixes: [fix(`Remove ${a === b ? a.value : `${a.value} ${b.value}`}`, [deleteWordEdit(ctx.model, a.start, b.end)], { isPreferred: true })] });
}

export const DKR019: DRule = {
  meta: meta(
    'DKR019',
    'Package signature verification disabled',
    'error',
    'yes',
    'Package signatures are what makes installing over a mirror safe; without them a tampered package installs silently.',
    'CKV2_DOCKER_7, _8, _9, _10, _11',
  ),
  check(ctx) {
    const { model } = ctx;
    for (const rc of runCommands(model)) {
      const pm = packageManager(rc.cmd);
      const { inv } = rc;
      if (pm?.tool === 'apt') {
        for (const o of parseOptions(pm.inv.args, APT_SPEC).opts) {
          if (['allow-unauthenticated', 'force-yes', 'allow-insecure-repositories'].includes(o.name)) flag(ctx, o.word, o.word, `${pm.inv.name} --${o.name} installs packages without verifying their signatures`);
          else if ((o.name === 'o' || o.name === 'option') && o.value && /^(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::Check-Valid-Until|APT::Get::force-yes)\s*=\s*(true|1|yes)$/i.test(o.value) && !/Check-Valid-Until/i.test(o.value)) {
            flag(ctx, o.word, o.valueWord ?? o.word, `${pm.inv.name} -o ${o.value} installs packages without verifying their signatures`);
          }
        }
      } else if (pm?.tool === 'apk') {
        for (const w of pm.inv.args) if (w.value === '--allow-untrusted') flag(ctx, w, w, 'apk --allow-untrusted installs packages without verifying their signatures');
      } else if (pm?.tool === 'yum') {
        for (const o of parseOptions(pm.inv.args, YUM_SPEC).opts) {
          if (o.name === 'nogpgcheck' || o.name === 'no-gpgchecks') flag(ctx, o.word, o.word, `${pm.inv.name} --${o.name} installs packages without verifying their signatures`);
          else if (o.name === 'setopt' && o.value && /(^|\.)(repo_)?gpgcheck=(0|false|no)$/i.test(o.value)) flag(ctx, o.word, o.valueWord ?? o.word, `${pm.inv.name} --setopt=${o.value} turns off package signature checks`);
        }
      } else if (pm?.tool === 'zypper') {
        for (const w of pm.inv.args) if (w.value === '--no-gpg-checks' || w.value === '--no-gpg-check') flag(ctx, w, w, 'zypper --no-gpg-checks installs packages without verifying their signatures');
      }
      if (inv.name === 'rpm') {
        for (const w of inv.args) if (['--nosignature', '--nodigest', '--nofiledigest', '--noverify'].includes(w.value)) flag(ctx, w, w, `rpm ${w.value} skips package integrity checks`);
      }
      if (inv.name === 'yum-config-manager' || inv.name === 'dnf' || inv.name === 'dnf5') {
        if (pm?.tool !== 'yum') for (const w of inv.args) if (/^--setopt=(.*\.)?gpgcheck=(0|false|no)$/i.test(w.value)) flag(ctx, w, w, `${inv.name} ${w.value} turns off package signature checks`);
      }
      if (inv.name === 'echo' || inv.name === 'printf') {
        for (const w of inv.args) {
          if (/\[[^\]]*trusted=yes[^\]]*\]/.test(w.value)) reportAt(ctx, w.start, w.end, 'An apt source with [trusted=yes] is installed from without signature checks');
          else if (/(^|\s|\n)gpgcheck\s*=\s*0\b/.test(w.value)) reportAt(ctx, w.start, w.end, 'A repository with gpgcheck=0 is installed from without signature checks');
        }
      }
    }
    for (const instr of model.allInstructions) {
      for (const h of instr.heredocs) {
        const re = /\[[^\]\n]*trusted=yes[^\]\n]*\]|^\s*gpgcheck\s*=\s*0\b/gm;
        for (let m = re.exec(h.text); m; m = re.exec(h.text)) {
          reportAt(ctx, h.start + m.index, h.start + m.index + m[0].length, m[0].includes('trusted') ? 'An apt source with [trusted=yes] is installed from without signature checks' : 'A repository with gpgcheck=0 is installed from without signature checks');
        }
      }
    }
  },
};
