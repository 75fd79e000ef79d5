// REQ010: credentials written into URLs (index, find-links, VCS and archive URLs).
import type { Rule } from '../../../engine/kind';
import type { Span } from '../pep508';
import { hostName } from '../urls';
import type { UnitModel } from '../model';
import { urlSites, type UrlSite } from './shared';

const ENV_ONLY = /^(\$\{[A-Z0-9_]+\})+$/;
const NOT_SECRET_USERS = new Set(['git', 'hg', 'svn', '__token__', 'oauth2', 'x-access-token', 'x-token-auth', 'gitlab-ci-token', 'anonymous']);
const PLACEHOLDER_PASSWORDS = new Set(['x-oauth-basic']);
const SECRET_KEYS = new Set(['token', 'access_token', 'private_token', 'auth_token', 'api_key', 'apikey', 'key', 'password', 'passwd', 'secret', 'client_secret']);

/** A user name that is really a token (GitHub/GitLab/PyPI prefixes, or long and random-looking). */
function looksLikeToken(user: string): boolean {
  if (NOT_SECRET_USERS.has(user.toLowerCase()) || ENV_ONLY.test(user) || user.includes('${')) return false;
  if (/^(ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|pypi-|xox[abp]-)/.test(user)) return true;
  return user.length >= 20 && /^[A-Za-z0-9_\-.~]+$/.test(user) && /[0-9]/.test(user) && /[A-Za-z]/.test(user);
}

function envName(site: UrlSite): string {
  const option = site.option?.name;
  if (option === '--index-url') return 'PIP_INDEX_TOKEN';
  if (option === '--extra-index-url') return 'PIP_EXTRA_INDEX_TOKEN';
  if (option === '--find-links') return 'PIP_FIND_LINKS_TOKEN';
  const host = site.ref.parts ? hostName(site.ref.parts) : '';
  const label = host.split('.').find((l) => l && !['www', 'api', 'pypi'].includes(l)) ?? host.split('.')[0] ?? '';
  const clean = label
    .toUpperCase()
    .split(/[^A-Z0-9]/)
    .filter(Boolean)
    .join('_');
  return clean ? `${clean}_TOKEN` : 'PIP_URL_TOKEN';
}

export const REQ010: Rule<UnitModel> = {
  meta: {
    id: 'REQ010',
    kind: 'requirements',
    title: 'Credential embedded in a URL',
    severity: 'error',
    fix: 'yes',
    why: 'A token or password in a requirements file is readable by everyone with access to the repository, its forks and its history, and ends up in build logs; pip can read it from an environment variable instead.',
  },
  check({ model, report }) {
    for (const site of urlSites(model)) {
      const parts = site.ref.parts;
      if (!parts) continue;
      const where = site.option ? `the URL of ${site.option.spelled}` : `the URL of ${site.req?.name ?? 'this requirement'}`;
      const secrets: { span: Span; what: string }[] = [];
      const pw = parts.password;
      if (pw && pw.value && !ENV_ONLY.test(pw.value) && !PLACEHOLDER_PASSWORDS.has(pw.value.toLowerCase())) {
        secrets.push({ span: pw, what: 'A password' });
      } else if (parts.user && parts.user.value && looksLikeToken(parts.user.value)) {
        secrets.push({ span: parts.user, what: 'A token' });
      }
      for (const q of parts.query) {
        if (SECRET_KEYS.has(q.key.toLowerCase()) && q.value && !ENV_ONLY.test(q.value)) secrets.push({ span: q.span, what: `A secret (${q.key}=)` });
      }
      for (const s of secrets) {
        const env = envName(site);
        report({
          file: site.file.file,
          range: site.ref.at(s.span),
          message: `${s.what} is written in ${where}: everyone who can read the repository can use it. pip expands \${VAR} from the environment: use \${${env}}`,
          fixes: [
            {
              title: `Replace the credential with \${${env}}`,
              edits: [{ file: site.file.file, range: site.ref.at(s.span), newText: `\${${env}}` }],
              isPreferred: true,
              caveat: `Set ${env} where pip runs (e.g. a CI secret), and revoke the exposed credential: it stays in the repository history.`,
            },
          ],
        });
      }
    }
  },
};
