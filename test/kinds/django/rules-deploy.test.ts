// Table-driven tests of the DJG rules that mirror Django's check --deploy (DJG000-DJG021):
// findings at exact places, severities, messages with the Django id, and quick-fix outputs.
import { ruleTester } from '../../helpers/rule-tester';
import { KINDS, lineOf, settings } from './helpers';

const P = 'proj/settings.py';
const without = (name: string) => settings({ [name]: null });
const END = (name: string) => lineOf(settings(), name);
/** Line of a setting appended after the hardened baseline. */
const X = settings().split('\n').length;

ruleTester(KINDS, 'DJG000', P, {
  valid: [settings(), { name: 'empty file', code: '' }, { name: 'comment only', code: '# nothing yet\n' }],
  invalid: [
    {
      name: 'unclosed bracket points at the bracket; the rest still counts',
      code: 'ALLOWED_HOSTS = ["a.example.com"\nDEBUG = True\n',
      errors: [{ line: 1, column: 17, endColumn: 18, message: /'\[' is never closed/ }],
    },
    {
      name: 'a half-typed assignment',
      code: 'DEBUG = False\nSESSION_COOKIE_SECURE =\nCSRF_COOKIE_SECURE = True\n',
      errors: [{ line: 2, column: 23, endColumn: 24, message: /incomplete after '='/ }],
    },
    {
      name: 'a string left open on its line (lezer has no error node for it)',
      code: "DEBUG = False\nSECRET_KEY = 'abc\nX = 1\n",
      errors: [{ line: 2, column: 14, endColumn: 18, message: /unterminated string literal/ }],
    },
    {
      name: 'an unexpected token',
      code: 'DEBUG = False\nX = 1 2\n',
      errors: [{ line: 2, column: 7, endColumn: 8, message: /unexpected '2'/ }],
    },
    {
      name: 'in a base module, reported there through the production module',
      path: 'cfg/settings/base.py',
      code: 'INSTALLED_APPS = [\n',
      files: { 'cfg/settings/prod.py': 'from .base import *\nDEBUG = False\n' },
      errors: [{ line: 1, column: 18, message: /never closed/ }],
    },
  ],
});

ruleTester(KINDS, 'DJG001', P, {
  valid: [
    settings(),
    settings({ DEBUG: null }),
    settings({ DEBUG: 'DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"' }),
    settings({ DEBUG: 'DEBUG = os.environ.get("DJANGO_DEBUG", "False").lower() in ("true", "1")' }),
    { name: 'django-environ scheme with a False default', code: settings({ DEBUG: 'import environ\nenv = environ.Env(DEBUG=(bool, False))\nDEBUG = env("DEBUG")' }) },
    { name: 'decouple cast=bool parses "False"', code: settings({ DEBUG: 'from decouple import config\nDEBUG = config("DEBUG", default="False", cast=bool)' }) },
    { name: 'a development module', path: 'proj/settings/dev.py', code: 'from .base import *\nDEBUG = True\n', files: { 'proj/settings/base.py': settings() } },
    { name: 'undecidable condition', code: settings({ DEBUG: 'if os.environ.get("LOCAL"):\n    DEBUG = True' }) },
  ],
  invalid: [
    {
      name: 'literal True (W018), fixed in place',
      code: settings({ DEBUG: 'DEBUG = True' }),
      errors: [{ line: END('DEBUG'), column: 1, endColumn: 6, severity: 'error', message: /DEBUG is True in production.*security\.W018/ }],
      output: settings(),
    },
    {
      name: 'a raw string from the environment is truthy for "False"',
      code: settings({ DEBUG: 'DEBUG = os.getenv("DJANGO_DEBUG")' }),
      errors: [{ line: END('DEBUG'), message: /as a string: any non-empty value, "False" and "0" included/ }],
      output: settings({ DEBUG: 'DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"' }),
    },
    {
      name: 'bool() of a string is still truthy for "False"; the fix adds import os once',
      code: settings({ import: '', DEBUG: 'from os import getenv\nDEBUG = bool(getenv("DEBUG", ""))' }),
      errors: [{ line: END('DEBUG') + 1, message: /bool\(\) of a string/ }],
      output: 'import os\n' + settings({ import: '', DEBUG: 'from os import getenv\nDEBUG = os.environ.get("DEBUG", "") == "1"' }),
    },
    {
      name: 'a True default (django-environ)',
      code: settings({ DEBUG: 'import environ\nenv = environ.Env()\nDEBUG = env.bool("DJANGO_DEBUG", default=True)' }),
      errors: [{ line: END('DEBUG') + 2, message: /defaults to True when DJANGO_DEBUG is unset/ }],
      output: settings({ DEBUG: 'import environ\nenv = environ.Env()\nDEBUG = env.bool("DJANGO_DEBUG", default=False)' }),
    },
    {
      name: 'inherited from base.py: reported in base.py, override added to prod.py',
      path: 'cfg/settings/base.py',
      code: settings({ DEBUG: 'DEBUG = True' }),
      files: { 'cfg/settings/prod.py': 'from .base import *  # noqa\n', 'cfg/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "cfg.settings.prod")\n' },
      errors: [{ line: END('DEBUG'), column: 1, message: /security\.W018/ }],
    },
  ],
});

ruleTester(KINDS, 'DJG002', P, {
  valid: [
    settings(),
    settings({ SECRET_KEY: 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")' }),
    settings({ SECRET_KEY: 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")' }),
    settings({ SECRET_KEY: 'from django.core.management.utils import get_random_secret_key\nSECRET_KEY = get_random_secret_key()' }),
    { name: 'bandit nosec', code: settings({ SECRET_KEY: 'SECRET_KEY = "abc"  # nosec B105' }) },
  ],
  invalid: [
    {
      name: 'a literal: moved to the environment, import os already there',
      code: settings({ SECRET_KEY: 'SECRET_KEY = "q9#vW2!mZr@8Lx$4Tn%6Yb^1Pc&7Hd*3Kf(0Js)5Gu_2Ra+9Ve=4Wi"' }),
      errors: [{ line: END('SECRET_KEY'), column: 1, endColumn: 11, severity: 'error', message: /string literal/ }],
      output: settings(),
    },
    {
      name: 'a literal in a file without import os: added exactly once, before the first import',
      code: '"""Settings."""\nfrom pathlib import Path\n\nSECRET_KEY = "abc"\n',
      errors: [{ line: 4 }],
      output: '"""Settings."""\nimport os\nfrom pathlib import Path\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n',
    },
    {
      name: 'a literal fallback of an environment read, reported at the fallback',
      code: settings({ SECRET_KEY: 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-key")' }),
      errors: [{ line: END('SECRET_KEY'), column: 50, endColumn: 59, message: /falls back to a committed literal when DJANGO_SECRET_KEY is unset/ }],
      output: settings(),
    },
    {
      name: 'the except branch commits a key',
      code: settings({ SECRET_KEY: 'try:\n    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nexcept KeyError:\n    SECRET_KEY = "fallback-key"' }),
      errors: [{ line: END('SECRET_KEY') + 3, column: 5 }],
    },
    {
      name: 'missing in the production module',
      code: without('SECRET_KEY'),
      errors: [{ line: 1, column: 1, message: /not set in the production settings/ }],
      output: without('SECRET_KEY') + 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n',
    },
    {
      name: 'development module: info',
      path: 'proj/settings/dev.py',
      code: 'from .base import *\nSECRET_KEY = "dev"\n',
      files: { 'proj/settings/base.py': settings() },
      errors: [{ line: 2, severity: 'info', message: /development settings/ }],
    },
  ],
});

ruleTester(KINDS, 'DJG003', P, {
  valid: [settings(), settings({ SECRET_KEY: 'SECRET_KEY = "q9#vW2!mZr@8Lx$4Tn%6Yb^1Pc&7Hd*3Kf(0Js)5Gu_2Ra+9Ve=4Wi"' })],
  invalid: [
    { code: settings({ SECRET_KEY: 'SECRET_KEY = "short"' }), errors: [{ line: END('SECRET_KEY'), severity: 'warning', message: /5 characters.*security\.W009/ }], output: null },
    { code: settings({ SECRET_KEY: `SECRET_KEY = "${'ab'.repeat(30)}"` }), errors: [{ line: END('SECRET_KEY'), message: /distinct/ }] },
    { code: settings({ SECRET_KEY: `SECRET_KEY = "django-insecure-${'q9#vW2!mZr@8Lx$4Tn%6Yb^1Pc&7Hd*3Kf(0Js)5Gu'}"` }), errors: [{ line: END('SECRET_KEY'), message: /django-insecure-/ }] },
  ],
});

ruleTester(KINDS, 'DJG004', P, {
  valid: [
    settings({ X: 'SECRET_KEY_FALLBACKS = [os.environ["OLD_KEY"]]' }),
    { name: 'Django 4.0 has no fallbacks', code: settings({ X: 'SECRET_KEY_FALLBACKS = ["old"]' }), config: { django: { version: '4.0' } } },
  ],
  invalid: [
    {
      code: settings({ X: `SECRET_KEY_FALLBACKS = ["old", "${'q9#vW2!mZr@8Lx$4Tn%6Yb^1Pc&7Hd*3Kf(0Js)5Gu_2Ra+9Ve=4Wi'}"]` }),
      errors: [
        { line: X, column: 25, message: /\[0\] is weak.*security\.W025/ },
        { line: X, column: 32, message: /\[1\] is a committed key/ },
      ],
    },
  ],
});

ruleTester(KINDS, 'DJG005', P, {
  valid: [
    settings(),
    settings({ ALLOWED_HOSTS: 'ALLOWED_HOSTS = [".example.com"]' }),
    settings({ ALLOWED_HOSTS: 'ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")' }),
    { name: 'overridden in production (cfpb)', path: 'cfg/settings/base.py', code: 'ALLOWED_HOSTS = ["*"]\n', files: { 'cfg/settings/prod.py': settings({ import: 'import os\nfrom .base import *' }) } },
  ],
  invalid: [
    { name: 'empty (W020)', code: settings({ ALLOWED_HOSTS: 'ALLOWED_HOSTS = []' }), errors: [{ line: END('ALLOWED_HOSTS'), severity: 'warning', message: /empty.*security\.W020/ }] },
    { name: 'absent (W020)', code: without('ALLOWED_HOSTS'), errors: [{ line: 1, message: /security\.W020/ }] },
    {
      name: "'*' in production: error at the element, fix reads the environment",
      code: settings({ ALLOWED_HOSTS: 'ALLOWED_HOSTS = ["www.example.com", "*"]' }),
      errors: [{ line: END('ALLOWED_HOSTS'), column: 37, endColumn: 40, severity: 'error', message: /any Host header/ }],
      output: settings({ ALLOWED_HOSTS: 'ALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")' }),
    },
    { name: 'a bare TLD wildcard', code: settings({ ALLOWED_HOSTS: 'ALLOWED_HOSTS = [".com"]' }), errors: [{ line: END('ALLOWED_HOSTS'), column: 18 }] },
    {
      name: "'*' as the environment default",
      code: settings({ ALLOWED_HOSTS: 'ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "*").split(",")' }),
      errors: [{ line: END('ALLOWED_HOSTS'), column: 56, message: /defaults to '\*' when DJANGO_ALLOWED_HOSTS is unset/ }],
    },
    {
      name: "'*' in a module that is not the production one: warning",
      path: 'cfg/settings/staging.py',
      code: settings({ ALLOWED_HOSTS: 'ALLOWED_HOSTS = ["*"]' }),
      files: { 'cfg/settings/prod.py': settings(), 'cfg/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "cfg.settings.prod")\n' },
      errors: [{ line: END('ALLOWED_HOSTS'), severity: 'warning' }],
    },
  ],
});

const MW = lineOf(settings(), 'MIDDLEWARE');
ruleTester(KINDS, 'DJG006', P, {
  valid: [settings(), { name: 'MIDDLEWARE computed', code: settings({ MIDDLEWARE: 'MIDDLEWARE = get_middleware()' }) }],
  invalid: [
    {
      name: 'inserted first, keeping the layout',
      code: settings({ MIDDLEWARE: 'MIDDLEWARE = [\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.common.CommonMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n    "django.middleware.clickjacking.XFrameOptionsMiddleware",\n]' }),
      errors: [{ line: MW, column: 1, endColumn: 11, severity: 'warning', message: /SecurityMiddleware is missing.*security\.W001/ }],
      output: settings(),
    },
    {
      name: 'inline tuple with single quotes',
      code: settings({ MIDDLEWARE: "MIDDLEWARE = ('django.contrib.sessions.middleware.SessionMiddleware', 'django.middleware.csrf.CsrfViewMiddleware', 'django.middleware.clickjacking.XFrameOptionsMiddleware')" }),
      errors: [{ line: MW }],
      output: settings({ MIDDLEWARE: "MIDDLEWARE = ('django.middleware.security.SecurityMiddleware', 'django.contrib.sessions.middleware.SessionMiddleware', 'django.middleware.csrf.CsrfViewMiddleware', 'django.middleware.clickjacking.XFrameOptionsMiddleware')" }),
    },
    {
      name: 'removed by .remove() in production',
      code: settings({ X: 'MIDDLEWARE.remove("django.middleware.security.SecurityMiddleware")' }),
      errors: [{ line: MW }],
    },
    { name: 'MIDDLEWARE absent from the production module', code: without('MIDDLEWARE'), errors: [{ line: 1, message: /MIDDLEWARE is not set/ }], output: null },
  ],
});

ruleTester(KINDS, 'DJG007', P, {
  valid: [settings(), { name: 'added by append', code: settings({ MIDDLEWARE: 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.middleware.csrf.CsrfViewMiddleware"]\nMIDDLEWARE.append("django.middleware.clickjacking.XFrameOptionsMiddleware")' }) }],
  invalid: [
    {
      name: 'appended last',
      code: settings({ MIDDLEWARE: 'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.common.CommonMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n]' }),
      errors: [{ line: MW, message: /security\.W002/ }],
      output: settings(),
    },
  ],
});

ruleTester(KINDS, 'DJG008', P, {
  valid: [settings()],
  invalid: [
    {
      name: 'commented out: error, inserted after CommonMiddleware',
      code: settings({ MIDDLEWARE: 'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.common.CommonMiddleware",\n    # "django.middleware.csrf.CsrfViewMiddleware",\n    "django.middleware.clickjacking.XFrameOptionsMiddleware",\n]' }),
      errors: [{ line: MW, severity: 'error', message: /commented out.*security\.W003/ }],
      output: settings({ MIDDLEWARE: 'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.common.CommonMiddleware",\n    # "django.middleware.csrf.CsrfViewMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n    "django.middleware.clickjacking.XFrameOptionsMiddleware",\n]' }),
    },
  ],
});

ruleTester(KINDS, 'DJG009', P, {
  valid: [
    settings(),
    { name: 'no SecurityMiddleware: W001 instead', code: settings({ SECURE_HSTS_SECONDS: null, MIDDLEWARE: 'MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]' }) },
    settings({ SECURE_HSTS_SECONDS: 'SECURE_HSTS_SECONDS = int(os.environ.get("HSTS", "31536000"))' }),
  ],
  invalid: [
    { name: 'absent (W004)', code: without('SECURE_HSTS_SECONDS'), errors: [{ line: 1, message: /not set.*security\.W004/ }], output: without('SECURE_HSTS_SECONDS') + 'SECURE_HSTS_SECONDS = 31536000\n' },
    { name: 'zero (W004)', code: settings({ SECURE_HSTS_SECONDS: 'SECURE_HSTS_SECONDS = 0' }), errors: [{ line: END('SECURE_HSTS_SECONDS'), message: /is 0.*security\.W004/ }], output: settings() },
    { name: 'under a year (beyond)', code: settings({ SECURE_HSTS_SECONDS: 'SECURE_HSTS_SECONDS = 3600' }), errors: [{ line: END('SECURE_HSTS_SECONDS'), message: /^SECURE_HSTS_SECONDS is 3600 \(under a year\)/ }] },
    { name: 'environment default 0', code: settings({ SECURE_HSTS_SECONDS: 'SECURE_HSTS_SECONDS = int(os.environ.get("HSTS", 0))' }), errors: [{ line: END('SECURE_HSTS_SECONDS'), message: /defaults to 0 when HSTS is unset/ }] },
  ],
});

const HSTS = END('SECURE_HSTS_SECONDS');
ruleTester(KINDS, 'DJG010', P, {
  valid: [settings(), { name: 'HSTS off', code: settings({ SECURE_HSTS_SECONDS: 'SECURE_HSTS_SECONDS = 0', SECURE_HSTS_PRELOAD: null }) }],
  invalid: [
    {
      name: 'absent: points at SECURE_HSTS_SECONDS, inserted after it',
      code: settings({ SECURE_HSTS_INCLUDE_SUBDOMAINS: null }),
      errors: [{ line: HSTS, severity: 'info', message: /SECURE_HSTS_INCLUDE_SUBDOMAINS is not set.*security\.W005/ }],
      output: settings(),
    },
    { name: 'not the value True (W021)', code: settings({ SECURE_HSTS_PRELOAD: 'SECURE_HSTS_PRELOAD = 1' }), errors: [{ line: END('SECURE_HSTS_PRELOAD'), message: /security\.W021/ }], output: settings() },
  ],
});

ruleTester(KINDS, 'DJG011', P, {
  valid: [settings(), settings({ X: 'SECURE_CONTENT_TYPE_NOSNIFF = True' })],
  invalid: [
    { code: settings({ X: 'SECURE_CONTENT_TYPE_NOSNIFF = False' }), errors: [{ line: X, message: /security\.W006/ }], output: settings({ X: 'SECURE_CONTENT_TYPE_NOSNIFF = True' }) },
    { name: 'absent before Django 3.0', code: settings(), config: { django: { version: '2.2' } }, errors: [{ line: 1, message: /before Django 3\.0.*security\.W006/ }] },
  ],
});

ruleTester(KINDS, 'DJG012', P, {
  valid: [settings()],
  invalid: [
    { name: 'absent (W008)', code: without('SECURE_SSL_REDIRECT'), errors: [{ line: 1, severity: 'warning', message: /security\.W008/ }], output: without('SECURE_SSL_REDIRECT') + 'SECURE_SSL_REDIRECT = True\n' },
    { name: '1 is not True', code: settings({ SECURE_SSL_REDIRECT: 'SECURE_SSL_REDIRECT = 1' }), errors: [{ line: END('SECURE_SSL_REDIRECT') }], output: settings() },
    { name: 'a string from the environment is never True', code: settings({ SECURE_SSL_REDIRECT: 'SECURE_SSL_REDIRECT = os.environ.get("SSL_REDIRECT", "True")' }), errors: [{ line: END('SECURE_SSL_REDIRECT'), message: /read from SSL_REDIRECT as a string, which is never True/ }] },
    { name: 'behind a TLS-terminating proxy: info', code: without('SECURE_SSL_REDIRECT'), config: { django: { tlsTerminatedUpstream: true } }, errors: [{ line: 1, severity: 'info' }] },
    {
      name: 'the workspace nginx redirects HTTP to HTTPS for the same host: info',
      code: without('SECURE_SSL_REDIRECT'),
      files: { 'deploy/nginx/sites-available/site.conf': 'server {\n    listen 80;\n    server_name www.example.com;\n    location / {\n        return 301 https://$host$request_uri;\n    }\n}\n' },
      errors: [{ line: 1, severity: 'info', message: /nginx \(site\.conf\) redirects plain HTTP to HTTPS/ }],
    },
    {
      name: 'an nginx redirect for another host does not count',
      code: without('SECURE_SSL_REDIRECT'),
      files: { 'deploy/nginx/site.conf': 'server {\n    listen 80;\n    server_name other.example.org;\n    return 301 https://other.example.org$request_uri;\n}\n' },
      errors: [{ line: 1, severity: 'warning' }],
    },
  ],
});

ruleTester(KINDS, 'DJG013', P, {
  valid: [settings(), { name: 'sessions not used', code: settings({ SESSION_COOKIE_SECURE: null, INSTALLED_APPS: 'INSTALLED_APPS = ["django.contrib.auth"]', MIDDLEWARE: 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.middleware.csrf.CsrfViewMiddleware", "django.middleware.clickjacking.XFrameOptionsMiddleware"]' }) }, settings({ SESSION_COOKIE_SECURE: 'SESSION_COOKIE_SECURE = env.bool("X", default=True)' })],
  invalid: [
    { name: 'app and middleware (W012)', code: settings({ SESSION_COOKIE_SECURE: 'SESSION_COOKIE_SECURE = False' }), errors: [{ line: END('SESSION_COOKIE_SECURE'), message: /security\.W012/ }], output: settings() },
    { name: 'absent, app only (W010)', code: settings({ SESSION_COOKIE_SECURE: null, MIDDLEWARE: 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.middleware.csrf.CsrfViewMiddleware", "django.middleware.clickjacking.XFrameOptionsMiddleware"]' }), errors: [{ line: 1, message: /security\.W010/ }] },
    {
      name: 'environment default False: the default is changed',
      code: settings({ SESSION_COOKIE_SECURE: 'import environ\nenv = environ.Env()\nSESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)' }),
      errors: [{ line: END('SESSION_COOKIE_SECURE') + 2, message: /defaults to False when SESSION_COOKIE_SECURE is unset/ }],
      output: settings({ SESSION_COOKIE_SECURE: 'import environ\nenv = environ.Env()\nSESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)' }),
    },
  ],
});

ruleTester(KINDS, 'DJG014', P, {
  valid: [settings(), settings({ X: 'SESSION_COOKIE_HTTPONLY = True' })],
  invalid: [{ code: settings({ X: 'SESSION_COOKIE_HTTPONLY = False' }), errors: [{ line: X, message: /security\.W015/ }], output: settings({ X: 'SESSION_COOKIE_HTTPONLY = True' }) }],
});

ruleTester(KINDS, 'DJG015', P, {
  valid: [settings(), { name: 'token in the session', code: settings({ CSRF_COOKIE_SECURE: null, X: 'CSRF_USE_SESSIONS = True' }) }],
  invalid: [
    { code: settings({ CSRF_COOKIE_SECURE: 'CSRF_COOKIE_SECURE = False' }), errors: [{ line: END('CSRF_COOKIE_SECURE'), message: /security\.W016/ }], output: settings() },
    { name: 'absent', code: without('CSRF_COOKIE_SECURE'), errors: [{ line: 1 }], output: without('CSRF_COOKIE_SECURE') + 'CSRF_COOKIE_SECURE = True\n' },
  ],
});

ruleTester(KINDS, 'DJG016', P, {
  valid: [settings(), settings({ X: "X_FRAME_OPTIONS = 'DENY'" })],
  invalid: [{ code: settings({ X: "X_FRAME_OPTIONS = 'SAMEORIGIN'" }), errors: [{ line: X, severity: 'info', message: /security\.W019/ }], output: settings({ X: "X_FRAME_OPTIONS = 'DENY'" }) }],
});

ruleTester(KINDS, 'DJG017', P, {
  valid: [settings(), settings({ X: 'SECURE_REFERRER_POLICY = ["strict-origin-when-cross-origin", "no-referrer"]' })],
  invalid: [
    { name: 'None (W022)', code: settings({ X: 'SECURE_REFERRER_POLICY = None' }), errors: [{ line: X, severity: 'warning', message: /security\.W022/ }], output: settings({ X: "SECURE_REFERRER_POLICY = 'same-origin'" }) },
    { name: 'invalid token (E023)', code: settings({ X: 'SECURE_REFERRER_POLICY = "same-origin, strict-orign"' }), errors: [{ line: X, severity: 'error', message: /'strict-orign'.*security\.E023/ }] },
    { name: 'leaky (beyond)', code: settings({ X: 'SECURE_REFERRER_POLICY = "unsafe-url"' }), errors: [{ line: X, severity: 'info' }] },
  ],
});

ruleTester(KINDS, 'DJG018', P, {
  valid: [settings(), settings({ X: 'SECURE_CROSS_ORIGIN_OPENER_POLICY = None' }), { name: 'before 4.0', code: settings({ X: 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "x"' }), config: { django: { version: '3.2' } } }],
  invalid: [
    { code: settings({ X: 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "noopener"' }), errors: [{ line: X, severity: 'error', message: /security\.E024/ }], output: settings({ X: "SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-origin'" }) },
    { code: settings({ X: 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "unsafe-none"' }), errors: [{ line: X, severity: 'info' }] },
  ],
});

ruleTester(KINDS, 'DJG019', P, {
  valid: [
    { name: 'before 6.0', code: settings({ X: 'SECURE_CSP = "default-src \'self\'"' }) },
    { code: settings({ X: 'from django.utils.csp import CSP\nSECURE_CSP = {"default-src": [CSP.SELF]}' }), config: { django: { version: '6.0' } } },
  ],
  invalid: [
    {
      name: 'not a dict (W026): the header string becomes a dict',
      code: settings({ X: 'SECURE_CSP = "default-src \'self\'; img-src \'self\' data:"' }),
      config: { django: { version: '6.0' } },
      errors: [{ line: X, message: /security\.W026/ }],
      output: settings({ X: 'SECURE_CSP = {"default-src": ["\'self\'"], "img-src": ["\'self\'", "data:"]}' }),
    },
    {
      name: 'unsafe-inline scripts, also as CSP.UNSAFE_INLINE',
      code: settings({ X: 'from django.utils.csp import CSP\nSECURE_CSP = {"script-src": [CSP.SELF, CSP.UNSAFE_INLINE, "\'unsafe-eval\'"]}' }),
      config: { django: { version: '6.0' } },
      errors: [{ line: X + 1, column: 40, message: /'unsafe-inline'/ }, { line: X + 1, column: 59, message: /'unsafe-eval'/ }],
    },
    { name: 'report-only in production', code: settings({ X: 'SECURE_CSP_REPORT_ONLY = {"default-src": ["\'self\'"]}' }), config: { django: { version: '6.0' } }, errors: [{ line: X, message: /report-only/ }] },
  ],
});

ruleTester(KINDS, 'DJG020', P, {
  valid: [
    settings(),
    settings({ X: 'CSRF_FAILURE_VIEW = "django.views.csrf.csrf_failure"' }),
    { name: 'installed package', code: settings({ X: 'CSRF_FAILURE_VIEW = "thirdparty.views.fail"' }) },
    { name: 'a correct view', code: settings({ X: 'CSRF_FAILURE_VIEW = "proj.views.fail"' }), files: { 'proj/views.py': 'def fail(request, reason=""):\n    pass\n' } },
    { name: 'a view taking **kwargs', code: settings({ X: 'CSRF_FAILURE_VIEW = "proj.views.fail"' }), files: { 'proj/views.py': 'def fail(request, *args, **kwargs):\n    pass\n' } },
  ],
  invalid: [
    { name: 'missing module (E102)', code: settings({ X: 'CSRF_FAILURE_VIEW = "proj.errors.views.fail"' }), files: { 'proj/__init__.py': '' }, errors: [{ line: X, column: 21, severity: 'error', message: /cannot be imported.*security\.E102/ }] },
    { name: 'wrong signature (E101)', code: settings({ X: 'CSRF_FAILURE_VIEW = "proj.views.fail"' }), files: { 'proj/views.py': 'def fail(request):\n    pass\n' }, errors: [{ line: X, message: /security\.E101/ }] },
    { name: 'no such function', code: settings({ X: 'CSRF_FAILURE_VIEW = "proj.views.fail"' }), files: { 'proj/views.py': 'def other(request, reason=""):\n    pass\n' }, errors: [{ line: X, message: /defines no fail/ }] },
  ],
});

ruleTester(KINDS, 'DJG021', P, {
  valid: [settings({ X: 'CSRF_TRUSTED_ORIGINS = ["https://www.example.com", "http://localhost:8000"]' }), { name: 'hosts before 4.0', code: settings({ X: 'CSRF_TRUSTED_ORIGINS = ["example.com"]' }), config: { django: { version: '3.2' } } }],
  invalid: [
    { name: 'no scheme (4_0.E001)', code: settings({ X: 'CSRF_TRUSTED_ORIGINS = ["www.example.com"]' }), errors: [{ line: X, column: 25, severity: 'error', message: /4_0\.E001/ }], output: settings({ X: 'CSRF_TRUSTED_ORIGINS = ["https://www.example.com"]' }) },
    { name: 'shared-tenant wildcard', code: settings({ X: 'CSRF_TRUSTED_ORIGINS = ["https://*.herokuapp.com"]' }), errors: [{ line: X, severity: 'warning', message: /herokuapp\.com/ }] },
    { name: 'plain HTTP in production', code: settings({ X: 'CSRF_TRUSTED_ORIGINS = ["http://www.example.com"]' }), errors: [{ line: X, severity: 'warning', message: /plain HTTP/ }] },
  ],
});
