// SSH004: PermitEmptyPasswords yes.
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { checkExplicit, meta } from '../ruleutil';

export const SSH004: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH004',
    title: 'Empty passwords allowed',
    severity: 'error',
    fix: 'yes',
    why: 'Accounts without a password (service accounts, freshly created users) can log in with no credential at all.',
    anchors: 'baseline sshd-28; CIS "PermitEmptyPasswords disabled"; devsec-role template',
  }),
  check(ctx) {
    checkExplicit(ctx, 'permitemptypasswords', (v) => (v === 'yes' ? 'PermitEmptyPasswords yes: accounts with an empty password can log in' : undefined), 'no');
  },
};
