// SSH031 (opt-in): default port 22 written explicitly (scanner noise). Multi-homed hosts and unused
// IPv6 cannot be told from the files, so the ListenAddress/AddressFamily parts are not judged.
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { meta, reportSetting, scopes } from '../ruleutil';

export const SSH031: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH031',
    title: 'Default SSH port',
    severity: 'info',
    optIn: true,
    fix: 'no',
    why: 'Port 22 receives the bulk of internet-wide brute-force traffic; another port does not add security but cuts log noise.',
    anchors: 'Lynis (Port: 22 flagged); baseline sshd-07, sshd-08, sshd-09',
  }),
  check(ctx) {
    for (const s of scopes(ctx.model)[0].all('port')) {
      if (s.parsed.value === '22') reportSetting(ctx, s, 'Port 22: the default port attracts automated brute-force traffic');
    }
  },
};
