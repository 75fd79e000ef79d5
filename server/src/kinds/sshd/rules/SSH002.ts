// SSH002: password authentication enabled (explicitly, or by default in a complete configuration).
// The cloud-init drop-in case is handled: a fix adds "PasswordAuthentication no" where it wins.
import type { Rule } from '../../../engine/kind';
import { canonicalName } from '../keywords';
import { globalWinner, type SshdModel } from '../model';
import {
  fileStartRange,
  insertWinningLineFix,
  meta,
  overridableFromMain,
  replaceValueFix,
  reportSetting,
  scopes,
} from '../ruleutil';

/** AuthenticationMethods that cannot complete with a password make PasswordAuthentication moot. */
function passwordUnreachable(model: SshdModel): boolean {
  const am = globalWinner(model, 'authenticationmethods');
  if (!am || am.parsed.items.includes('any')) return false;
  return am.parsed.items.every((chain) => !chain.split(',').some((m) => m === 'password'));
}

export const SSH002: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH002',
    title: 'Password authentication enabled',
    severity: 'error',
    fix: 'yes',
    why: 'Password logins can be brute-forced or credential-stuffed from anywhere on the internet; keys cannot.',
    anchors: 'baseline sshd-27; devsec-role ssh_server_password_login: false; Mozilla (AuthenticationMethods publickey)',
  }),
  check(ctx) {
    const model = ctx.model;
    if (passwordUnreachable(model)) return;
    for (const scope of scopes(model)) {
      const s = scope.winner('passwordauthentication');
      if (!s) {
        if (scope.block === null && model.complete) {
          ctx.report({
            message: 'PasswordAuthentication is not set, and sshd defaults to "yes": password logins are enabled',
            file: model.root,
            range: fileStartRange(model),
            fixes: [insertWinningLineFix(model, 'PasswordAuthentication no', 'Add "PasswordAuthentication no" where it wins')],
          });
        }
        continue;
      }
      if (s.parsed.value !== 'yes') continue;
      const fixes = [];
      if (overridableFromMain(model, s)) {
        fixes.push(insertWinningLineFix(model, 'PasswordAuthentication no', 'Add "PasswordAuthentication no" to sshd_config before the Include, so it wins'));
        fixes.push(replaceValueFix(model, s, 'no', `Set ${canonicalName(s.option)} no in this drop-in`, false));
      } else {
        fixes.push(replaceValueFix(model, s, 'no'));
      }
      reportSetting(ctx, s, `${s.d.keyword} yes: password logins are enabled`, { fixes });
    }
  },
};
