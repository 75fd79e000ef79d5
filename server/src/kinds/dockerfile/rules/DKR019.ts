// DKR019: package signature checks disabled.
import { packageManager, parseOptions, APT_SPEC, YUM_SPEC } from '../cli';
import { deleteWordEdit } from '../edits';
import type { Word } from '../shell';
import { fix, meta, reportAt, runCommands, type DContext, type DRule } from '../ruleutil';
import { gpgcheckOffMatch, linesOf, trustedYesSpans } from '../scan';

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
          if (trustedYesSpans(w.value).length > 0) reportAt(ctx, w.start, w.end, 'An apt source with [trusted=yes] is installed from without signature checks');
          else if (/(^|\s|\n)gpgcheck\s*=\s*0\b/.test(w.value)) reportAt(ctx, w.start, w.end, 'A repository with gpgcheck=0 is installed from without signature checks');
        }
      }
    }
    for (const instr of model.allInstructions) {
      for (const h of instr.heredocs) {
        // Line by line: `[…trusted=yes…]` (apt sources) and `gpgcheck=0` (yum .repo files).
        const trusted: { start: number; end: number; trusted: boolean }[] = [];
        let lineStart = 0;
        for (const line of h.text.split('\n')) {
          for (const [a, b] of trustedYesSpans(line)) trusted.push({ start: lineStart + a, end: lineStart + b, trusted: true });
          lineStart += line.length + 1;
        }
        const found = [...trusted];
        let t = 0;
        for (const line of linesOf(h.text)) {
          while (t < trusted.length && trusted[t].end <= line.start) t++;
          // A line start inside a `[…]` (after a lone CR) belongs to that match.
          if (t < trusted.length && trusted[t].start <= line.start) continue;
          const n = gpgcheckOffMatch(line.text);
          if (n >= 0) found.push({ start: line.start, end: line.start + n, trusted: false });
        }
        found.sort((a, b) => a.start - b.start);
        for (const f of found) {
          reportAt(ctx, h.start + f.start, h.start + f.end, f.trusted ? 'An apt source with [trusted=yes] is installed from without signature checks' : 'A repository with gpgcheck=0 is installed from without signature checks');
        }
      }
    }
  },
};
