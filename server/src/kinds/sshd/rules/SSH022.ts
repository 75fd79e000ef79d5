// SSH022: MaxStartups unset or more permissive than 10:30:60; on OpenSSH >= 9.8, per-source limits
// switched off (PerSourcePenalties no) with no PerSourceMaxStartups.
import type { Rule } from '../../../engine/kind';
import { globalWinner, type SshdModel } from '../model';
import { fileStartRange, insertWinningLineFix, meta, replaceValueFix, reportSetting } from '../ruleutil';
import { versionAtLeast } from '../versions';

const RECOMMENDED = '10:30:60';

export const SSH022: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH022',
    title: 'Weak limits on unauthenticated connections',
    severity: 'info',
    fix: 'yes',
    why: 'MaxStartups bounds concurrent unauthenticated connections; a permissive value lets one client exhaust the server before authentication (DoS, DHEat).',
    anchors: 'baseline sshd-21; devsec-role ssh_max_startups; CIS "MaxStartups configured"; ssh-audit DHEat guidance (PerSourceMaxStartups)',
  }),
  check(ctx) {
    const model = ctx.model;
    const s = globalWinner(model, 'maxstartups');
    if (!s) {
      if (model.complete) {
        ctx.report({
          message: `MaxStartups is not set (default 10:30:100): up to 100 unauthenticated connections are accepted; set ${RECOMMENDED}`,
          file: model.root,
          range: fileStartRange(model),
          fixes: [insertWinningLineFix(model, `MaxStartups ${RECOMMENDED}`, `Add "MaxStartups ${RECOMMENDED}"`)],
        });
      }
    } else {
      const parts = s.parsed.value.split(':').map(Number);
      const [start, rate, full] = parts.length === 3 ? parts : [parts[0], 100, parts[0]];
      if (start > 10 || rate < 30 || full > 60) {
        reportSetting(ctx, s, `MaxStartups ${s.parsed.value} is more permissive than ${RECOMMENDED}`, { fixes: [replaceValueFix(model, s, RECOMMENDED)] });
      }
    }
    if (versionAtLeast(model.version, '9.8')) {
      const penalties = globalWinner(model, 'persourcepenalties');
      const perSource = globalWinner(model, 'persourcemaxstartups');
      if (penalties?.parsed.value === 'no' && (!perSource || perSource.parsed.value === 'none')) {
        reportSetting(ctx, penalties, 'PerSourcePenalties no and no PerSourceMaxStartups: a single source can hold every unauthenticated slot');
      }
    }
  },
};
