// Rules about DeployGuard itself: its configuration file, suppressions, and files it had to skip.
import type { RuleMeta } from './types';

export const META_RULES: RuleMeta[] = [
  {
    id: 'DG001',
    kind: 'meta',
    title: 'Invalid DeployGuard configuration',
    severity: 'warning',
    fix: 'no',
    why: 'An invalid entry in .deployguard.json is ignored and its default applies, so the IDE and CI may not check what the team intended.',
  },
  {
    id: 'DG002',
    kind: 'meta',
    title: 'Suppression without a reason',
    severity: 'info',
    fix: 'no',
    why: 'A suppression without a reason cannot be reviewed: nobody can tell later whether the risk was accepted on purpose.',
  },
  {
    id: 'DG003',
    kind: 'meta',
    title: 'Suppression that suppresses nothing',
    severity: 'info',
    fix: 'yes',
    why: 'A stale or misspelt suppression hides nothing today but will silently hide a future finding, or misleads readers.',
  },
  {
    id: 'DG004',
    kind: 'meta',
    title: 'File not analysed',
    severity: 'info',
    fix: 'no',
    why: 'DeployGuard skipped this file (too large, binary, or unreadable), so its settings were not checked.',
  },
];
