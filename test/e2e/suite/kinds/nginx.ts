// nginx: test/e2e/workspace/nginx/ (the prefix: nginx.conf includes sites-enabled/*.conf, and the
// shop's site includes snippets/security-headers.conf; sites-enabled/legacy.conf is never opened).
// nginx.test.ts checks that editing the snippet changes the site's findings.
import type { KindCases } from './types';

export const nginx: KindCases = {
  kind: 'nginx',
  languages: [
    { file: 'nginx/nginx.conf', languageId: 'nginx' },
    { file: 'nginx/sites-enabled/shop.conf', languageId: 'nginx' },
    { file: 'nginx/snippets/security-headers.conf', languageId: 'nginx' },
  ],
  fixture: {
    file: 'nginx/sites-enabled/shop.conf',
    findings: [
      { rule: 'NGX038', line: 14, severity: 'error' },
      { rule: 'NGX035', line: 17, severity: 'warning' },
      // add_header in /api/ drops the snippet's headers: related information points at them.
      { rule: 'NGX024', line: 21, severity: 'error', related: true },
    ],
  },
  typing: [
    { line: 14, select: 'TLSv1 TLSv1.2', text: 'TLSv1.2', removes: ['NGX038'] },
    { line: 17, select: 'on', text: 'off', removes: ['NGX035'] },
    { line: 17, text: '\nautoindex on;', adds: ['NGX019'] },
  ],
  suppression: { rule: 'NGX035', line: 17, comment: '# deployguard-ignore NGX035 -- the version is published on the status page anyway' },
  unopened: { file: 'nginx/sites-enabled/legacy.conf', rule: 'NGX019', line: 5 },
  config: { off: 'NGX035', severity: { rule: 'NGX038', to: 'warning' } },
  untitled: { languageId: 'nginx', content: 'server {\n    listen 443 ssl;\n    ssl_protocols TLSv1 TLSv1.2;\n}\n', rule: 'NGX038' },
};
