// SSH001: root may log in (effective PermitRootLogin yes, or absent on OpenSSH < 7.0).
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { fileStartRange, insertWinningLineFix, meta, replaceValueFix, reportSetting, scopes } from '../ruleutil';
import { defaultPermitRootLogin } from '../versions';

export const SSH001: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH001',
    title: 'Root login allowed',
    severity: 'error',
    fix: 'yes',
    why: 'With PermitRootLogin yes the root account can be brute-forced directly over SSH, and logins leave no trail of which person used it.',
    anchors: 'Lynis SSH-7408 (PermitRootLogin); baseline sshd-06; devsec-role ssh_permit_root_login: "no"; CIS "root login disabled"; Mozilla (PermitRootLogin No)',
  }),
  check(ctx) {
    const model = ctx.model;
    for (const scope of scopes(model)) {
      const s = scope.winner('permitrootlogin');
      if (!s) {
        if (scope.block === null && model.complete && defaultPermitRootLogin(model.version) === 'yes') {
          ctx.report({
            message: `PermitRootLogin is not set and the default of OpenSSH ${model.version.major}.${model.version.minor} is "yes": root can log in with a password`,
            file: model.root,
            range: fileStartRange(model),
            fixes: [insertWinningLineFix(model, 'PermitRootLogin no', 'Add "PermitRootLogin no"')],
          });
        }
        continue;
      }
      if (s.parsed.value !== 'yes') continue;
      reportSetting(ctx, s, 'PermitRootLogin yes: root can log in directly, with a password too', {
        fixes: [replaceValueFix(model, s, 'no')],
      });
    }
  },
};
