// SSH021: LoginGraceTime above 60 seconds, or 0 (no limit).
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { checkExplicit, meta } from '../ruleutil';
import { versionAtLeast, versionText } from '../versions';

export const SSH021: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH021',
    title: 'Long or unlimited login grace time',
    severity: 'warning',
    fix: 'yes',
    why: 'Unauthenticated connections hold a slot until the grace time ends; long or unlimited grace times let an attacker exhaust MaxStartups and lock everyone out.',
    anchors: 'Lynis (120/240/480); baseline sshd-18 (30s); devsec-role ssh_login_grace_time: 30s; CIS "LoginGraceTime one minute or less"',
  }),
  check(ctx) {
    const v = ctx.model.version;
    const regresshion = versionAtLeast(v, '8.5') && !versionAtLeast(v, '9.8');
    checkExplicit(
      ctx,
      'logingracetime',
      (value, s) => {
        const n = Number(value);
        if (n === 0) {
          return `LoginGraceTime 0 disables the login timeout: unauthenticated connections can hold every MaxStartups slot${
            regresshion ? ` (on ${versionText(v)} this is also the published stop-gap for CVE-2024-6387 "regreSSHion": keep it until the package is patched)` : ''
          }`;
        }
        return n > 60 ? `LoginGraceTime ${s.d.args[0].text}: unauthenticated connections may stay ${n} seconds (more than 60)` : undefined;
      },
      (s) => (Number(s.parsed.value) === 0 && regresshion ? undefined : '30'),
    );
  },
};
