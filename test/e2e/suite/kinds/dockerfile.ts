// Dockerfiles: test/e2e/workspace/dockerfile/ (a two-stage Django image; Dockerfile.worker is
// never opened). The language id is VS Code's own `dockerfile`, which DeployGuard does not replace.
import type { KindCases } from './types';

export const dockerfile: KindCases = {
  kind: 'dockerfile',
  languages: [
    { file: 'dockerfile/Dockerfile', languageId: 'dockerfile' },
    { file: 'dockerfile/Dockerfile.worker', languageId: 'dockerfile' },
  ],
  fixture: {
    file: 'dockerfile/Dockerfile',
    findings: [
      // The final stage (not the builder) runs as root: reported on its FROM.
      { rule: 'DKR001', line: 8, severity: 'error' },
      { rule: 'DKR006', line: 9, severity: 'error' },
      { rule: 'DKR036', line: 11, severity: 'warning' },
      { rule: 'DKR016', line: 12, severity: 'warning' },
      { rule: 'DKR017', line: 12, severity: 'error' },
      // The first CMD is overridden: related information points at the CMD that wins.
      { rule: 'DKR032', line: 13, severity: 'warning', related: true },
      { rule: 'DKR033', line: 13, severity: 'info' },
    ],
  },
  typing: [
    { line: 12, select: '-k', text: '-f', removes: ['DKR017'] },
    { line: 14, text: '\nUSER 10001', removes: ['DKR001'] },
    { line: 15, text: '\nRUN pip install flask', adds: ['DKR021'] },
  ],
  suppression: { rule: 'DKR006', line: 9, comment: '# deployguard-ignore DKR006 -- a throwaway development key; production reads it from the environment' },
  unopened: { file: 'dockerfile/Dockerfile.worker', rule: 'DKR012', line: 1 },
  config: { off: 'DKR033', severity: { rule: 'DKR036', to: 'error' } },
  untitled: { languageId: 'dockerfile', content: 'FROM alpine:3.20\nRUN wget --no-check-certificate https://example.com/x.tgz\n', rule: 'DKR017' },
};
