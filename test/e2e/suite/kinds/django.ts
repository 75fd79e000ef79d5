// Django settings: test/e2e/workspace/django/ (split settings base.py / prod.py / dev.py; config/wsgi.py
// names config.settings.prod as the production module).
import type { KindCases } from './types';

export const django: KindCases = {
  kind: 'django',
  languages: [
    { file: 'django/config/settings/prod.py', languageId: 'python' },
    { file: 'django/config/settings/base.py', languageId: 'python' },
  ],
  fixture: {
    // prod.py states every setting whose absence would be reported (the rest comes from base.py).
    file: 'django/config/settings/prod.py',
    findings: [
      { rule: 'DJG013', line: 7, severity: 'warning' },
      // INSTALLED_APPS comes from base.py: the import that makes it effective is related information.
      { rule: 'DJG025', line: 10, severity: 'error', related: true },
      { rule: 'DJG022', line: 14, severity: 'error' },
      { rule: 'DJG022', line: 15, severity: 'error' },
    ],
  },
  typing: [
    { line: 7, select: 'False', text: 'True', removes: ['DJG013'] },
    { line: 15, text: '\nDEBUG = True', adds: ['DJG001'] },
  ],
  suppression: { rule: 'DJG013', line: 7, comment: '# deployguard-ignore DJG013 -- the admin is reached over the VPN only' },
  // Development settings: only a committed credential is reported there, at info (django.test.ts
  // checks that nothing else is; it also checks base.py's inherited findings, which it must open).
  unopened: { file: 'django/config/settings/dev.py', rule: 'DJG022', line: 10 },
  config: { off: 'DJG025', severity: { rule: 'DJG013', to: 'error' } },
  untitled: { languageId: 'python', content: 'SECRET_KEY = "k"\nDEBUG = True\nALLOWED_HOSTS = ["www.example.com"]\n', rule: 'DJG001' },
};
