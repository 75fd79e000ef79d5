// Settings texts for the Django rule tests: a hardened production module that no rule reports,
// and variants of it with one setting changed, added or removed.
import { djangoKind } from '../../../server/src/kinds/django';

export const KINDS = [djangoKind];

/** Lines of a hardened settings module, keyed by setting so that tests can replace or drop them. */
export const HARDENED: [string, string][] = [
  ['import', 'import os'],
  ['', ''],
  ['SECRET_KEY', 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]'],
  ['DEBUG', 'DEBUG = False'],
  ['ALLOWED_HOSTS', 'ALLOWED_HOSTS = ["www.example.com"]'],
  [
    'INSTALLED_APPS',
    'INSTALLED_APPS = [\n    "django.contrib.auth",\n    "django.contrib.contenttypes",\n    "django.contrib.sessions",\n]',
  ],
  [
    'MIDDLEWARE',
    'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.common.CommonMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n    "django.middleware.clickjacking.XFrameOptionsMiddleware",\n]',
  ],
  ['ROOT_URLCONF', 'ROOT_URLCONF = "proj.urls"'],
  ['AUTH_PASSWORD_VALIDATORS', 'AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]'],
  ['SECURE_SSL_REDIRECT', 'SECURE_SSL_REDIRECT = True'],
  ['SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = 31536000'],
  ['SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = True'],
  ['SECURE_HSTS_PRELOAD', 'SECURE_HSTS_PRELOAD = True'],
  ['SESSION_COOKIE_SECURE', 'SESSION_COOKIE_SECURE = True'],
  ['CSRF_COOKIE_SECURE', 'CSRF_COOKIE_SECURE = True'],
];

/**
 * The hardened module with settings replaced (`{NAME: 'NAME = …'}`), removed (`{NAME: null}`) or
 * appended (names not in the baseline), in that order.
 */
export function settings(changes: Record<string, string | null> = {}): string {
  const out: string[] = [];
  const used = new Set<string>();
  for (const [key, line] of HARDENED) {
    if (key in changes) {
      used.add(key);
      if (changes[key] !== null) out.push(changes[key]!);
      continue;
    }
    out.push(line);
  }
  for (const [key, line] of Object.entries(changes)) if (!used.has(key) && line !== null) out.push(line);
  return out.join('\n') + '\n';
}

/** 1-based line of the first line starting with `prefix` in a text. */
export function lineOf(text: string, prefix: string): number {
  const i = text.split('\n').findIndex((l) => l.startsWith(prefix));
  if (i < 0) throw new Error(`no line starting with ${prefix}`);
  return i + 1;
}
