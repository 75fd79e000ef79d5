// SSH000: the file cannot be read as sshd reads it (unknown keyword, missing or invalid value,
// unbalanced quotes, Include cycle or unreadable include). Computed while building the model.
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { meta } from '../ruleutil';

export const SSH000: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH000',
    title: 'sshd_config line sshd cannot read',
    severity: 'error',
    fix: 'no',
    why: 'sshd refuses to start (or silently skips the line) when a keyword is unknown, a value is missing or invalid, or an Include cannot be read; the settings you see are then not the ones in force.',
  }),
  check(ctx) {
    for (const d of ctx.model.diagnostics) {
      if (d.ruleId === 'SSH000') ctx.report({ message: d.message, file: d.file, range: d.range, severity: d.severity });
    }
  },
};
