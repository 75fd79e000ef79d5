// SSH005: AuthenticationMethods weaker than intended: a space-separated list (alternatives) where a
// comma chain (all required) was meant, password alone or first in a chain; or keys disabled with
// no AuthenticationMethods at all. Unknown method names are SSH000 (sshd refuses them).
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { meta, replaceValueFix, reportSetting, scopes } from '../ruleutil';

export const SSH005: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH005',
    title: 'AuthenticationMethods weaker than intended',
    severity: 'warning',
    fix: 'partial',
    why: 'In AuthenticationMethods, spaces separate alternatives and commas chain required methods: "publickey password" lets a password alone in, and a chain starting with password exposes it to brute force before the key is checked.',
    anchors: 'Mozilla (AuthenticationMethods publickey); devsec-role sshd_authenticationmethods: publickey; user ask jtesta/ssh-audit#129',
  }),
  check(ctx) {
    const model = ctx.model;
    for (const scope of scopes(model)) {
      const am = scope.winner('authenticationmethods');
      if (am) {
        const chains = am.parsed.items;
        if (chains.includes('any')) continue;
        const methods = (c: string) => c.split(',').map((m) => m.split(':')[0]);
        const singles = chains.filter((c) => methods(c).length === 1);
        if (chains.length > 1 && singles.length === chains.length && chains.some((c) => c === 'password' || c.startsWith('keyboard-interactive'))) {
          reportSetting(ctx, am, `AuthenticationMethods ${chains.join(' ')}: spaces separate alternatives, so any one of them suffices (a password alone logs in); a comma chain requires all`, {
            fixes: [replaceValueFix(model, am, chains.join(','), `Require all methods: AuthenticationMethods ${chains.join(',')}`, false)],
          });
          continue;
        }
        const alone = chains.find((c) => c === 'password');
        if (alone) {
          reportSetting(ctx, am, 'AuthenticationMethods allows "password" alone as a complete authentication');
          continue;
        }
        const first = chains.find((c) => methods(c).length > 1 && methods(c)[0] === 'password');
        if (first) {
          reportSetting(ctx, am, `AuthenticationMethods chain "${first}" asks for the password first: it can be brute-forced before the key is checked (put publickey first)`);
        }
        continue;
      }
      const pk = scope.winner('pubkeyauthentication');
      if (pk && pk.parsed.value === 'no' && (scope.block !== null || model.complete)) {
        reportSetting(ctx, pk, 'PubkeyAuthentication no and no AuthenticationMethods: only password-type logins remain');
      }
    }
  },
};
