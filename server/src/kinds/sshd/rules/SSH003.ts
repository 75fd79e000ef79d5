// SSH003: keyboard-interactive authentication with PAM and no MFA intent: PAM then asks for the
// password, so password logins stay possible although PasswordAuthentication is no.
import type { Rule } from '../../../engine/kind';
import { effectiveSettings, globalWinner, type SshdModel } from '../model';
import { checkExplicit, meta } from '../ruleutil';

/** AuthenticationMethods naming keyboard-interactive: PAM is used on purpose (MFA). */
export function kbdIntentional(model: SshdModel): boolean {
  const am = globalWinner(model, 'authenticationmethods');
  return !!am && am.parsed.items.some((chain) => chain.split(',').some((m) => m.split(':')[0] === 'keyboard-interactive'));
}

export function usesPam(model: SshdModel): boolean {
  return effectiveSettings(model, 'usepam', {})[0]?.parsed.value === 'yes';
}

export const SSH003: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH003',
    title: 'Keyboard-interactive authentication through PAM re-enables passwords',
    severity: 'warning',
    fix: 'yes',
    why: 'With UsePAM yes, keyboard-interactive authentication runs the PAM stack, which asks for the account password: password logins stay open even with PasswordAuthentication no.',
    anchors: 'baseline sshd-29; devsec-role ssh_challengeresponseauthentication: false; Mozilla MFA section warning',
  }),
  check(ctx) {
    const model = ctx.model;
    if (!usesPam(model) || kbdIntentional(model)) return;
    checkExplicit(
      ctx,
      'kbdinteractiveauthentication',
      (v, s) => (v === 'yes' ? `${s.d.keyword} yes with UsePAM yes: PAM will prompt for the password, so password logins remain possible` : undefined),
      'no',
    );
  },
};
