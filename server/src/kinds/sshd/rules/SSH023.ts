// SSH023: MaxSessions above 10 (CIS).
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { checkExplicit, meta } from '../ruleutil';

export const SSH023: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH023',
    title: 'Too many sessions per connection',
    severity: 'info',
    fix: 'yes',
    why: 'Each connection can multiplex this many shells, forwards and subsystems: a high value lets one authenticated connection fan out widely.',
    anchors: 'Lynis; baseline sshd-20 (10); devsec-role ssh_max_sessions: 10; CIS "MaxSessions limited"',
  }),
  check(ctx) {
    checkExplicit(ctx, 'maxsessions', (v) => (Number(v) > 10 ? `MaxSessions ${v}: more than 10 sessions per connection` : undefined), '10');
  },
};
