// SSH009: no login allowlist (none of AllowUsers, AllowGroups, DenyUsers, DenyGroups), judged on a
// complete configuration only (catalog §0).
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { fileStartRange, insertWinningLineFix, meta } from '../ruleutil';

const ACCESS = ['allowusers', 'allowgroups', 'denyusers', 'denygroups'];

export const SSH009: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH009',
    title: 'No login allowlist',
    severity: 'info',
    fix: 'partial',
    why: 'Without AllowUsers/AllowGroups every local account with a shell (service accounts, forgotten test users) is reachable over SSH.',
    anchors: 'Lynis SSH-7440; CIS "SSH access is limited"; devsec-role ssh_allow_users/ssh_allow_groups',
  }),
  check(ctx) {
    const model = ctx.model;
    if (!model.complete) return;
    if (model.settings.some((s) => ACCESS.includes(s.option))) return;
    const fix = insertWinningLineFix(model, 'AllowGroups ssh-users', 'Add "AllowGroups ssh-users" (create the group first)', false);
    fix.caveat = 'Create the ssh-users group and add every account that must log in before reloading sshd, or you lock yourself out.';
    ctx.report({
      message: 'No AllowUsers, AllowGroups, DenyUsers or DenyGroups: every local account with a shell can log in over SSH',
      file: model.root,
      range: fileStartRange(model),
      fixes: [fix],
    });
  },
};
