// SSH025: legacy or spoofable transport options: UseDNS yes, TCPKeepAlive yes, Compression yes on
// OpenSSH < 7.4 (where "yes" meant pre-authentication compression).
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { checkExplicit, meta } from '../ruleutil';
import { versionAtLeast } from '../versions';

export const SSH025: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH025',
    title: 'Legacy transport option',
    severity: 'info',
    fix: 'yes',
    why: 'UseDNS makes logins depend on (spoofable) reverse DNS, TCP keepalives can be spoofed to keep dead sessions alive, and pre-authentication compression exposed zlib to unauthenticated clients.',
    anchors: 'Lynis (UseDNS no, TCPKeepAlive no, Compression delayed/no for OpenSSH <7.4); baseline sshd-35; devsec-role ssh_use_dns: false, ssh_compression: false',
  }),
  check(ctx) {
    checkExplicit(ctx, 'usedns', (v) => (v === 'yes' ? 'UseDNS yes: reverse DNS (attacker-controllable) is used for from= and Match Host checks, and slows logins' : undefined), 'no');
    checkExplicit(ctx, 'tcpkeepalive', (v) => (v === 'yes' ? 'TCPKeepAlive yes: TCP keepalives are spoofable; use ClientAliveInterval instead' : undefined), 'no');
    if (!versionAtLeast(ctx.model.version, '7.4')) {
      checkExplicit(
        ctx,
        'compression',
        (v, s) => (v === 'yes' && s.d.args[0].text.toLowerCase() === 'yes' ? 'Compression yes on this OpenSSH version compresses before authentication' : undefined),
        'delayed',
      );
    }
  },
};
