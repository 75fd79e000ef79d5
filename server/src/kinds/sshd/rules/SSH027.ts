// SSH027: StrictModes no.
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { checkExplicit, meta } from '../ruleutil';

export const SSH027: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH027',
    title: 'StrictModes disabled',
    severity: 'warning',
    fix: 'yes',
    why: 'With StrictModes no sshd accepts authorized_keys files and home directories that other users can write, so any local user can add their key to someone else\'s account.',
    anchors: 'Lynis (StrictModes); baseline sshd-11; devsec-role sshd_strict_modes: true',
  }),
  check(ctx) {
    checkExplicit(ctx, 'strictmodes', (v) => (v === 'no' ? 'StrictModes no: world-writable home directories and authorized_keys files are accepted' : undefined), 'yes');
  },
};
