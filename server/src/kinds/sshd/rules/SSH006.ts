// SSH006: host-based trust: HostbasedAuthentication yes, IgnoreRhosts no, IgnoreUserKnownHosts no.
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { checkExplicit, meta } from '../ruleutil';

export const SSH006: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH006',
    title: 'Host-based or rhosts trust enabled',
    severity: 'error',
    fix: 'yes',
    why: 'Host-based authentication and .rhosts/.shosts files trust the client machine instead of the user: whoever controls a trusted host (or a user\'s .rhosts) gets in without a credential.',
    anchors: 'Lynis (IgnoreRhosts: yes good, no weak); baseline sshd-23, sshd-24, sshd-25; CIS "IgnoreRhosts enabled", "HostbasedAuthentication disabled"',
  }),
  check(ctx) {
    checkExplicit(ctx, 'hostbasedauthentication', (v) => (v === 'yes' ? 'HostbasedAuthentication yes: logins are trusted on the strength of the client host' : undefined), 'no');
    checkExplicit(ctx, 'ignorerhosts', (v) => (v === 'no' ? 'IgnoreRhosts no: users\' .rhosts and .shosts files are honoured' : undefined), 'yes');
    checkExplicit(ctx, 'ignoreuserknownhosts', (v) => (v === 'no' ? 'IgnoreUserKnownHosts no: users\' ~/.ssh/known_hosts are trusted for host-based authentication' : undefined), 'yes');
  },
};
