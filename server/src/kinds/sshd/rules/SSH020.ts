// SSH020: MaxAuthTries above 4 (CIS).
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { checkExplicit, meta } from '../ruleutil';

export const SSH020: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH020',
    title: 'Too many authentication attempts per connection',
    severity: 'warning',
    fix: 'yes',
    why: 'Each connection may try this many passwords or keys: a high value multiplies the speed of brute-force attempts and hides them from per-connection rate limits.',
    anchors: 'Lynis; baseline sshd-19; devsec-role ssh_max_auth_retries: 2; CIS "MaxAuthTries 4 or less"',
  }),
  check(ctx) {
    checkExplicit(ctx, 'maxauthtries', (v) => (Number(v) > 4 ? `MaxAuthTries ${v}: more than 4 authentication attempts per connection` : undefined), '3');
  },
};
