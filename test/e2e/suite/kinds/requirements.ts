// pip requirements: test/e2e/workspace/requirements/ (prod.txt includes base.txt; dev.txt includes
// prod.txt). REQ001 needs an advisory folder: see requirements.test.ts, which configures the shared
// OSV data at run time.
import type { KindCases } from './types';

export const requirements: KindCases = {
  kind: 'requirements',
  languages: [
    { file: 'requirements/prod.txt', languageId: 'pip-requirements' },
    { file: 'requirements/base.txt', languageId: 'pip-requirements' },
    { file: 'requirements/dev.txt', languageId: 'pip-requirements' },
  ],
  fixture: {
    file: 'requirements/prod.txt',
    findings: [
      { rule: 'REQ005', line: 1, severity: 'error' },
      { rule: 'REQ006', line: 2, severity: 'error' },
      // requests==2.32.3 here, 2.31.0 in base.txt (read first): related information points there.
      { rule: 'REQ014', line: 3, severity: 'warning', related: true },
      { rule: 'REQ011', line: 4, severity: 'warning' },
      { rule: 'REQ002', line: 5, severity: 'warning' },
      { rule: 'REQ008', line: 6, severity: 'error' },
      { rule: 'REQ007', line: 7, severity: 'warning' },
      { rule: 'REQ010', line: 7, severity: 'error' },
    ],
  },
  typing: [
    { line: 3, select: '2.32.3', text: '2.31.0', removes: ['REQ014'] },
    { line: 5, select: '>=', text: '==', removes: ['REQ002'] },
    { line: 7, text: '\n--pre', adds: ['REQ015'] },
  ],
  suppression: { rule: 'REQ006', line: 2, comment: '# deployguard-ignore REQ006 -- the internal index has no valid certificate yet (OPS-123)' },
  unopened: { file: 'requirements/base.txt', rule: 'REQ002', line: 1 },
  config: { off: 'REQ006', severity: { rule: 'REQ002', to: 'error' } },
  untitled: { languageId: 'pip-requirements', content: 'flask==3.1.3\n--trusted-host pypi.example.com\n', rule: 'REQ006' },
};
