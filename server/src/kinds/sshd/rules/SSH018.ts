// SSH018: TCP/stream-local forwarding, gateway ports and tunnels enabled explicitly (global section
// or any Match block), unless DisableForwarding yes is in force for that scope.
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { meta, replaceValueFix, reportSetting, scopes } from '../ruleutil';

const CHECKS: { option: string; bad: string[]; safe: string; what: string }[] = [
  { option: 'allowtcpforwarding', bad: ['yes', 'remote'], safe: 'no', what: 'users can tunnel TCP connections through this host' },
  { option: 'gatewayports', bad: ['yes', 'clientspecified'], safe: 'no', what: 'remote forwards listen on every interface, exposing internal services' },
  { option: 'permittunnel', bad: ['yes', 'point-to-point', 'ethernet'], safe: 'no', what: 'users can create tun/tap network tunnels into this network' },
  { option: 'allowstreamlocalforwarding', bad: ['yes', 'remote'], safe: 'no', what: 'users can forward Unix sockets (Docker socket, databases…)' },
];

export const SSH018: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH018',
    title: 'Forwarding or tunnelling enabled',
    severity: 'warning',
    fix: 'yes',
    why: 'Forwarding turns every SSH account into a pivot into the internal network: internal services become reachable, and remote forwards can expose them to the internet.',
    anchors: 'Lynis (AllowTcpForwarding: no good / local reasonable / yes weak; GatewayPorts; PermitTunnel); baseline sshd-38, sshd-39, sshd-41; devsec-role; CIS "AllowTcpForwarding disabled" / newer "DisableForwarding enabled"',
  }),
  check(ctx) {
    const all = scopes(ctx.model);
    const globalDisable = all[0].winner('disableforwarding')?.parsed.value === 'yes';
    for (const scope of all) {
      const disable = scope.winner('disableforwarding')?.parsed.value ?? (globalDisable ? 'yes' : 'no');
      if (disable === 'yes') continue;
      for (const c of CHECKS) {
        const s = scope.winner(c.option);
        if (!s || !c.bad.includes(s.parsed.value)) continue;
        reportSetting(ctx, s, `${s.d.keyword} ${s.d.args[0].text}: ${c.what}`, { fixes: [replaceValueFix(ctx.model, s, c.safe)] });
      }
    }
  },
};
