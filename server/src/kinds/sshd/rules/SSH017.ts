// SSH017: X11 forwarding enabled (worse with X11UseLocalhost no).
import type { Rule } from '../../../engine/kind';
import { effectiveSettings, type SshdModel } from '../model';
import { checkExplicit, meta } from '../ruleutil';

export const SSH017: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH017',
    title: 'X11 forwarding enabled',
    severity: 'warning',
    fix: 'yes',
    why: 'A compromised server (or another user on it) can use a forwarded X11 display to read keystrokes and screenshots on the client; with X11UseLocalhost no the display is even reachable from the network.',
    anchors: 'Lynis (X11Forwarding); baseline sshd-42, sshd-43; devsec-role ssh_x11_forwarding: false; CIS "X11 forwarding disabled"',
  }),
  check(ctx) {
    const exposed = effectiveSettings(ctx.model, 'x11uselocalhost', {})[0]?.parsed.value === 'no';
    checkExplicit(
      ctx,
      'x11forwarding',
      (v) => (v === 'yes' ? `X11Forwarding yes: forwarded X11 displays expose the client's screen and keyboard${exposed ? ', and X11UseLocalhost no binds them to every interface' : ''}` : undefined),
      'no',
    );
  },
};
