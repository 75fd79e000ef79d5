// SSH029: PAM account and session checks: UsePAM no on a PAM-based system, or UsePAM yes together
// with the keyboard-interactive password path of SSH003.
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { checkExplicit, directiveRange, meta, reportSetting, scopes } from '../ruleutil';
import { kbdIntentional } from './SSH003';

export const SSH029: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH029',
    title: 'PAM account checks skipped',
    severity: 'info',
    fix: 'yes',
    why: 'With UsePAM no, PAM account and session modules (expiry, lockout, access.conf, limits) are skipped for SSH logins on distributions that rely on them.',
    anchors: 'CIS "SSH PAM is enabled"; devsec-role ssh_use_pam: true',
  }),
  check(ctx) {
    const model = ctx.model;
    checkExplicit(ctx, 'usepam', (v) => (v === 'no' ? 'UsePAM no: PAM account and session checks (expiry, lockout, limits) are skipped' : undefined), 'yes');
    const usePam = scopes(model)[0].winner('usepam');
    if (usePam?.parsed.value !== 'yes' || kbdIntentional(model)) return;
    for (const scope of scopes(model)) {
      const kbd = scope.winner('kbdinteractiveauthentication');
      if (kbd?.parsed.value === 'yes') {
        reportSetting(ctx, usePam, `UsePAM yes with ${kbd.d.keyword} yes (line ${kbd.d.line + 1}): PAM keyboard-interactive asks for passwords (see SSH003)`, {
          related: [{ file: kbd.d.file, range: directiveRange(model, kbd.d), message: 'keyboard-interactive enabled here' }],
        });
        return;
      }
    }
  },
};
