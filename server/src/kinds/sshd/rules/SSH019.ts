// SSH019: agent forwarding enabled explicitly (the default is trusted, catalog §0).
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { checkExplicit, meta } from '../ruleutil';

export const SSH019: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH019',
    title: 'Agent forwarding enabled',
    severity: 'info',
    fix: 'yes',
    why: 'Root (or an attacker) on the server can use a forwarded agent socket to log in anywhere the connecting user\'s keys are accepted, for as long as the session lasts.',
    anchors: 'Lynis (AllowAgentForwarding); baseline sshd-40; devsec-role ssh_allow_agent_forwarding: false; Mozilla (agent-forwarding warning)',
  }),
  check(ctx) {
    checkExplicit(ctx, 'allowagentforwarding', (v) => (v === 'yes' ? 'AllowAgentForwarding yes: forwarded agents on this host can be used by root to reach other hosts' : undefined), 'no');
  },
};
