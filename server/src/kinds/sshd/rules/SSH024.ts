// SSH024: no idle timeout: ClientAliveInterval 0, unset (complete configuration) or above 300;
// ClientAliveCountMax 0 or above 3.
import type { Rule } from '../../../engine/kind';
import { globalWinner, type SshdModel } from '../model';
import { checkExplicit, fileStartRange, insertWinningLineFix, meta } from '../ruleutil';

export const SSH024: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH024',
    title: 'No idle session timeout',
    severity: 'info',
    fix: 'yes',
    why: 'Without client-alive probes abandoned sessions (an unlocked laptop, a dead network path) stay open indefinitely and can be hijacked.',
    anchors: 'Lynis; baseline sshd-36, sshd-37; devsec-role; CIS "Idle Timeout Interval configured"',
  }),
  check(ctx) {
    const model = ctx.model;
    checkExplicit(
      ctx,
      'clientaliveinterval',
      (v) => (Number(v) === 0 ? 'ClientAliveInterval 0: idle sessions are never probed or closed' : Number(v) > 300 ? `ClientAliveInterval ${v}: more than 300 seconds between probes` : undefined),
      '300',
    );
    checkExplicit(
      ctx,
      'clientalivecountmax',
      (v) => (Number(v) === 0 ? 'ClientAliveCountMax 0: unanswered probes never close the session' : Number(v) > 3 ? `ClientAliveCountMax ${v}: more than 3 unanswered probes before the session is closed` : undefined),
      '3',
    );
    if (model.complete && !globalWinner(model, 'clientaliveinterval')) {
      ctx.report({
        message: 'ClientAliveInterval is not set (default 0): idle sessions are never probed or closed',
        file: model.root,
        range: fileStartRange(model),
        fixes: [insertWinningLineFix(model, 'ClientAliveInterval 300', 'Add "ClientAliveInterval 300"')],
      });
    }
  },
};
