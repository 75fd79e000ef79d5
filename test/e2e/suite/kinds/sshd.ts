// sshd_config: test/e2e/workspace/sshd/ (a main file including a cloud-init drop-in).
import type { KindCases } from './types';

export const sshd: KindCases = {
  kind: 'sshd',
  languages: [
    { file: 'sshd/sshd_config', languageId: 'sshd_config' },
    { file: 'sshd/sshd_config.d/50-cloud-init.conf', languageId: 'sshd_config' },
  ],
  fixture: {
    file: 'sshd/sshd_config',
    findings: [
      { rule: 'SSH001', line: 3, severity: 'error' },
      { rule: 'SSH017', line: 6, severity: 'warning' },
      { rule: 'SSH020', line: 7, severity: 'warning' },
    ],
  },
  typing: [
    { line: 3, select: 'yes', text: 'no', removes: ['SSH001'] },
    { line: 14, text: '\nPermitRootLgin no', adds: ['SSH000'] },
  ],
  suppression: { rule: 'SSH001', line: 3, comment: '# deployguard-ignore SSH001 -- break-glass console access, see runbook' },
  // The cloud-init drop-in is read first, so its "yes" wins over the main file's "no".
  unopened: { file: 'sshd/sshd_config.d/50-cloud-init.conf', rule: 'SSH034', line: 0, relatedTo: 'sshd/sshd_config' },
  config: { off: 'SSH001', severity: { rule: 'SSH017', to: 'error' } },
  untitled: { languageId: 'sshd_config', content: 'PermitRootLogin yes\n', rule: 'SSH001' },
};
