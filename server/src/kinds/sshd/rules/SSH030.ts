// SSH030 (opt-in): warning banner unset or none, DebianBanner yes (OS and patch level disclosed).
import type { Rule } from '../../../engine/kind';
import { globalWinner, type SshdModel } from '../model';
import { checkExplicit, fileStartRange, insertWinningLineFix, meta } from '../ruleutil';

export const SSH030: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH030',
    title: 'No legal banner, or version disclosed',
    severity: 'info',
    optIn: true,
    fix: 'yes',
    why: 'Compliance regimes (CIS) require a pre-login warning banner; DebianBanner yes adds the distribution and patch level to the version string every scanner sees.',
    anchors: 'CIS "warning banner configured"; baseline sshd-44, sshd-45, sshd-46, sshd-47; Lynis (PrintLastLog); devsec-role ssh_print_debian_banner: false',
  }),
  check(ctx) {
    const model = ctx.model;
    checkExplicit(ctx, 'banner', (v) => (v.toLowerCase() === 'none' ? 'Banner none: no legal warning is shown before login' : undefined));
    checkExplicit(ctx, 'debianbanner', (v) => (v === 'yes' ? 'DebianBanner yes: the SSH version string discloses the distribution and patch level' : undefined), 'no');
    if (model.complete && !globalWinner(model, 'banner')) {
      ctx.report({
        message: 'No Banner: no legal warning is shown before login',
        file: model.root,
        range: fileStartRange(model),
        fixes: [insertWinningLineFix(model, 'Banner /etc/issue.net', 'Add "Banner /etc/issue.net"')],
      });
    }
  },
};
