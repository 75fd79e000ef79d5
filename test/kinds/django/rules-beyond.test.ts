// Table-driven tests of the DJG rules beyond check --deploy (DJG022-DJG038).
import { ruleTester } from '../../helpers/rule-tester';
import { KINDS, settings } from './helpers';

const P = 'proj/settings.py';
/** Line of a setting appended after the hardened baseline. */
const X = settings().split('\n').length;

ruleTester(KINDS, 'DJG022', P, {
  valid: [
    settings({ X: 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": os.environ["DB_PASSWORD"]}}' }),
    settings({ X: 'EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")' }),
    settings({ X: 'PASSWORD_RESET_TIMEOUT = 3600\nPASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]' }),
    settings({ X: 'AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"\nCSRF_COOKIE_NAME = "csrftoken"\nJWT_AUTH_HEADER_TOKEN = "X-Auth-Token"\nREFRESH_TOKEN_COOKIE = "refresh_token"' }),
    settings({ X: 'CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://cache:6379/0"}}' }),
    { name: 'a reference to another setting is reported where written', code: settings({ X: 'SIMPLE_JWT = {"SIGNING_KEY": SECRET_KEY}' }) },
    { name: 'ruff noqa S105', code: settings({ X: 'EMAIL_HOST_PASSWORD = "hunter2-smtp"  # noqa: S105' }) },
  ],
  invalid: [
    {
      name: 'a password in the DATABASES dict literal (bandit#1267); fix reads the environment',
      code: settings({ X: 'DATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "PASSWORD": "Tr0ub4dor&3",\n    }\n}' }),
      errors: [{ line: X + 3, column: 21, endColumn: 34, severity: 'error', message: /DATABASES\['default'\]\['PASSWORD'\] is a hard-coded credential/ }],
      output: settings({ X: 'DATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "PASSWORD": os.environ["DATABASES_PASSWORD"],\n    }\n}' }),
    },
    {
      name: 'a password set by subscript assignment',
      code: settings({ X: 'DATABASES = {"default": {"NAME": "x"}}\nDATABASES["default"]["PASSWORD"] = "s3cr3t!"' }),
      errors: [{ line: X + 1, column: 36 }],
    },
    { name: 'a secret-named setting', code: settings({ X: 'STRIPE_API_KEY = "sk_live_51H8xyzABC"' }), errors: [{ line: X, column: 18, message: /STRIPE_API_KEY/ }] },
    { name: 'credentials in a URL', code: settings({ X: 'CACHES = {"default": {"LOCATION": "redis://:p4ssw0rd@cache.example.com:6379/0"}}' }), errors: [{ line: X, message: /URL with an embedded password \(:…@\)/ }] },
    { name: 'dj_database_url.parse', code: settings({ X: 'import dj_database_url\nDATABASES = {"default": dj_database_url.parse("postgres://app:hunter2@db.example.com/app")}' }), errors: [{ line: X + 1, message: /app:…@/ }] },
    { name: 'an environment read with a literal secret default', code: settings({ X: 'EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "smtp-Secret-2024")' }), errors: [{ line: X, column: 61, message: /falls back to a committed credential/ }] },
    { name: 'a password in a development module: info', path: 'proj/settings/local.py', code: 'DATABASES = {"default": {"PASSWORD": "devpass123"}}\n', errors: [{ line: 1, severity: 'info' }] },
  ],
});

ruleTester(KINDS, 'DJG023', P, {
  valid: [
    settings({ X: 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db"}}' }),
    settings({ X: 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.example.com", "OPTIONS": {"sslmode": "verify-full"}}}' }),
    settings({ X: 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "127.0.0.1"}}' }),
    settings({ X: 'CACHES = {"default": {"LOCATION": "rediss://cache.example.com:6380/0"}}' }),
  ],
  invalid: [
    { code: settings({ X: 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.example.com"}}' }), errors: [{ line: X, column: 77, message: /without OPTIONS\['sslmode'\]/ }], output: null },
    {
      name: 'weak sslmode: changed to require',
      code: settings({ X: 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "10.0.3.4", "OPTIONS": {"sslmode": "prefer"}}}' }),
      errors: [{ line: X, message: /sslmode 'prefer'/ }],
      output: settings({ X: 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "10.0.3.4", "OPTIONS": {"sslmode": "require"}}}' }),
    },
    { name: 'MySQL', code: settings({ X: 'DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", "HOST": "mysql.example.com"}}' }), errors: [{ line: X, message: /MySQL/ }] },
    { name: 'redis://', code: settings({ X: 'CACHES = {"default": {"LOCATION": "redis://cache.example.com:6379/0"}}' }), errors: [{ line: X, message: /rediss:\/\// }] },
  ],
});

ruleTester(KINDS, 'DJG024', P, {
  valid: [settings({ X: 'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]\nCORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\\w+\\.example\\.com$"]' })],
  invalid: [
    {
      name: 'all origins with credentials: error, related credentials line',
      code: settings({ X: 'CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True' }),
      errors: [{ line: X, severity: 'error', message: /with CORS_ALLOW_CREDENTIALS/ }],
      output: settings({ X: 'CORS_ALLOW_ALL_ORIGINS = False\nCORS_ALLOW_CREDENTIALS = True' }),
    },
    { name: 'all origins (old name)', code: settings({ X: 'CORS_ORIGIN_ALLOW_ALL = True' }), errors: [{ line: X, severity: 'warning' }] },
    { name: 'unanchored regex with dots', code: settings({ X: 'CORS_ALLOWED_ORIGIN_REGEXES = [r"https://.*.example.com"]' }), errors: [{ line: X, message: /not anchored with '\^'.*unescaped '\.'/ }] },
    { name: 'null and plain HTTP origins', code: settings({ X: 'CORS_ALLOWED_ORIGINS = ["null", "http://app.example.com"]' }), errors: [{ line: X, message: /'null'/ }, { line: X, message: /plain HTTP/ }] },
  ],
});

ruleTester(KINDS, 'DJG025', P, {
  valid: [
    settings(),
    { name: 'only under if DEBUG (DEBUG read from the environment)', code: settings({ DEBUG: 'DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"', X: 'if DEBUG:\n    INSTALLED_APPS += ["debug_toolbar"]' }) },
    { name: 'a development module', path: 'proj/settings/dev.py', code: 'from .base import *\nINSTALLED_APPS += ["debug_toolbar"]\n', files: { 'proj/settings/base.py': settings() } },
  ],
  invalid: [
    {
      name: 'app and middleware: one fix removes both',
      code: settings({
        INSTALLED_APPS: 'INSTALLED_APPS = [\n    "django.contrib.auth",\n    "django.contrib.contenttypes",\n    "django.contrib.sessions",\n    "debug_toolbar",\n]',
        X: 'MIDDLEWARE.insert(0, "debug_toolbar.middleware.DebugToolbarMiddleware")',
      }),
      errors: [
        { line: 10, column: 5, endColumn: 20, severity: 'error', message: /'debug_toolbar' is in INSTALLED_APPS/ },
        { line: X + 1, column: 22, message: /in MIDDLEWARE/ },
      ],
      output: settings(),
    },
    {
      name: 'inherited from base.py: reported there',
      path: 'cfg/settings/base.py',
      code: settings({ X: 'INSTALLED_APPS += ["django_extensions"]' }),
      files: { 'cfg/settings/prod.py': 'from .base import *\n' },
      errors: [{ line: X, column: 20, message: /Werkzeug/ }],
      output: settings(),
    },
    { name: 'toolbar shown to everyone', code: settings({ X: 'DEBUG_TOOLBAR_CONFIG = {"SHOW_TOOLBAR_CALLBACK": lambda request: True}' }), errors: [{ line: X, message: /always returns True/ }] },
    { name: 'broad INTERNAL_IPS', code: settings({ X: 'INTERNAL_IPS = ["127.0.0.1", "0.0.0.0/0"]' }), errors: [{ line: X, column: 30 }] },
  ],
});

ruleTester(KINDS, 'DJG026', P, {
  valid: [settings({ X: 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]' })],
  invalid: [
    {
      code: settings({ X: 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]' }),
      errors: [{ line: X, column: 21, severity: 'error' }],
      output: settings({ X: 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher", "django.contrib.auth.hashers.MD5PasswordHasher"]' }),
    },
    { name: 'weak after strong: info', code: settings({ X: 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher", "django.contrib.auth.hashers.SHA1PasswordHasher"]' }), errors: [{ line: X, severity: 'info' }] },
  ],
});

const VALIDATORS =
  'AUTH_PASSWORD_VALIDATORS = [\n' +
  ['UserAttributeSimilarityValidator', 'MinimumLengthValidator', 'CommonPasswordValidator', 'NumericPasswordValidator'].map((v) => `    {"NAME": "django.contrib.auth.password_validation.${v}"},\n`).join('') +
  ']';
ruleTester(KINDS, 'DJG027', P, {
  valid: [settings(), { name: 'auth not installed', code: settings({ AUTH_PASSWORD_VALIDATORS: null, INSTALLED_APPS: 'INSTALLED_APPS = ["django.contrib.sessions"]' }) }],
  invalid: [
    { name: 'empty', code: settings({ AUTH_PASSWORD_VALIDATORS: 'AUTH_PASSWORD_VALIDATORS = []' }), errors: [{ line: 19, message: /empty/ }], output: settings({ AUTH_PASSWORD_VALIDATORS: VALIDATORS }) },
    { name: 'absent', code: settings({ AUTH_PASSWORD_VALIDATORS: null }), errors: [{ line: 1 }], output: settings({ AUTH_PASSWORD_VALIDATORS: null }) + VALIDATORS + '\n' },
    {
      name: 'a tab-indented module gets tab-indented validators',
      code: settings({ AUTH_PASSWORD_VALIDATORS: 'AUTH_PASSWORD_VALIDATORS = []' }).replace(/^ {4}/gm, '\t'),
      errors: [{ line: 19 }],
      output: settings({ AUTH_PASSWORD_VALIDATORS: VALIDATORS }).replace(/^ {4}/gm, '\t'),
    },
  ],
});

ruleTester(KINDS, 'DJG028', P, {
  valid: [settings({ X: 'SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"' })],
  invalid: [
    {
      code: settings({ X: 'SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"\nSESSION_SERIALIZER = "django.contrib.sessions.serializers.PickleSerializer"' }),
      errors: [{ line: X, severity: 'info' }, { line: X + 1, severity: 'error', message: /signed-cookie sessions/ }],
      output: null,
    },
  ],
});

ruleTester(KINDS, 'DJG029', P, {
  valid: [settings({ X: 'USE_X_FORWARDED_HOST = False' })],
  invalid: [
    { code: settings({ X: 'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")' }), errors: [{ line: X, severity: 'info' }] },
    { code: settings({ X: 'USE_X_FORWARDED_HOST = True' }), errors: [{ line: X, severity: 'warning' }] },
  ],
});

ruleTester(KINDS, 'DJG030', P, {
  valid: [settings({ X: 'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"autoescape": True}}]' })],
  invalid: [
    {
      code: settings({ X: 'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"autoescape": False}}]' }),
      errors: [{ line: X, column: 89, severity: 'error' }],
      output: settings({ X: 'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"autoescape": True}}]' }),
    },
  ],
});

ruleTester(KINDS, 'DJG031', P, {
  valid: [settings({ X: 'TEMPLATES = [{"OPTIONS": {"debug": DEBUG}}]' })],
  invalid: [
    { code: settings({ X: 'TEMPLATES = [{"OPTIONS": {"debug": True}}]' }), errors: [{ line: X }], output: settings({ X: 'TEMPLATES = [{"OPTIONS": {"debug": False}}]' }) },
    { code: settings({ X: 'TEMPLATE_DEBUG = True' }), errors: [{ line: X, message: /obsolete/ }], output: settings({ X: 'TEMPLATE_DEBUG = False' }) },
  ],
});

const DRF_OK = 'REST_FRAMEWORK = {\n    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],\n    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],\n    "DEFAULT_THROTTLE_RATES": {"user": "1000/day"},\n}';
ruleTester(KINDS, 'DJG032', P, {
  valid: [settings({ X: DRF_OK })],
  invalid: [
    {
      name: 'no permission classes: fix adds IsAuthenticated',
      code: settings({ X: 'REST_FRAMEWORK = {\n    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],\n    "DEFAULT_THROTTLE_RATES": {"user": "1000/day"},\n}' }),
      errors: [{ line: X, message: /AllowAny/ }],
      output: settings({ X: 'REST_FRAMEWORK = {\n    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],\n    "DEFAULT_THROTTLE_RATES": {"user": "1000/day"},\n    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],\n}' }),
    },
    { name: 'no throttling', code: settings({ X: 'REST_FRAMEWORK = {"DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"]}' }), errors: [{ line: X, message: /DEFAULT_THROTTLE_CLASSES \/ DEFAULT_THROTTLE_RATES/ }] },
    { name: 'installed without REST_FRAMEWORK', code: settings({ INSTALLED_APPS: 'INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "rest_framework"]' }), errors: [{ line: 1 }] },
    { name: 'browsable API in production', code: settings({ X: DRF_OK.replace('\n}', '\n    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.BrowsableAPIRenderer"],\n}') }), errors: [{ line: X + 4, severity: 'info' }] },
  ],
});

ruleTester(KINDS, 'DJG033', P, {
  valid: [settings({ X: "SESSION_COOKIE_SAMESITE = 'Strict'\nSESSION_COOKIE_DOMAIN = '.example.com'" })],
  invalid: [
    { code: settings({ X: "CSRF_COOKIE_SAMESITE = 'None'" }), errors: [{ line: X, message: /cross-site requests/ }], output: settings({ X: "CSRF_COOKIE_SAMESITE = 'Lax'" }) },
    { code: settings({ X: "SESSION_COOKIE_DOMAIN = '.herokuapp.com'" }), errors: [{ line: X }] },
  ],
});

ruleTester(KINDS, 'DJG034', P, {
  valid: [settings({ X: 'DATA_UPLOAD_MAX_MEMORY_SIZE = 10485760' })],
  invalid: [
    { code: settings({ X: 'DATA_UPLOAD_MAX_NUMBER_FIELDS = None' }), errors: [{ line: X }], output: settings({ X: 'DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000' }) },
    { code: settings({ X: 'FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024 * 1024' }), errors: [{ line: X, message: /1024 MB/ }], output: settings({ X: 'FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440' }) },
  ],
});

ruleTester(KINDS, 'DJG035', P, {
  valid: [settings({ X: 'from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nSTATIC_ROOT = BASE_DIR / "static"\nMEDIA_ROOT = BASE_DIR / "media"\nFILE_UPLOAD_PERMISSIONS = 0o644' })],
  invalid: [
    { code: settings({ X: 'FILE_UPLOAD_PERMISSIONS = 0o777' }), errors: [{ line: X, message: /0o777/ }], output: settings({ X: 'FILE_UPLOAD_PERMISSIONS = 0o644' }) },
    { name: 'MEDIA_ROOT inside STATIC_ROOT (os.path.join vs /)', code: settings({ X: 'from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nSTATIC_ROOT = BASE_DIR / "static"\nMEDIA_ROOT = os.path.join(BASE_DIR, "static", "uploads")' }), errors: [{ line: X + 3, message: /inside STATIC_ROOT/ }] },
    { name: 'MEDIA_ROOT is BASE_DIR', code: settings({ X: 'BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\nMEDIA_ROOT = BASE_DIR' }), errors: [{ line: X + 1, message: /project directory/ }] },
    { code: settings({ X: 'FILE_UPLOAD_TEMP_DIR = "/tmp/uploads"' }), errors: [{ line: X, message: /\/tmp/ }] },
  ],
});

ruleTester(KINDS, 'DJG036', P, {
  valid: [
    settings({ X: 'EMAIL_HOST = "smtp.example.com"\nEMAIL_HOST_USER = "app"\nEMAIL_HOST_PASSWORD = os.environ["SMTP_PASSWORD"]\nEMAIL_USE_TLS = True' }),
    settings({ X: 'EMAIL_HOST = "localhost"\nEMAIL_HOST_USER = "app"' }),
  ],
  invalid: [
    {
      code: settings({ X: 'EMAIL_HOST = "smtp.example.com"\nEMAIL_HOST_USER = "app"\nEMAIL_HOST_PASSWORD = os.environ["SMTP_PASSWORD"]' }),
      errors: [{ line: X, message: /neither EMAIL_USE_TLS nor EMAIL_USE_SSL/ }],
      output: settings({ X: 'EMAIL_HOST = "smtp.example.com"\nEMAIL_HOST_USER = "app"\nEMAIL_HOST_PASSWORD = os.environ["SMTP_PASSWORD"]\nEMAIL_USE_TLS = True' }),
    },
    { name: 'both TLS and SSL', code: settings({ X: 'EMAIL_USE_TLS = True\nEMAIL_USE_SSL = True' }), errors: [{ line: X, message: /mutually exclusive/ }] },
    { name: 'LDAP without StartTLS', code: settings({ X: 'AUTH_LDAP_SERVER_URI = "ldap://ldap.example.com"' }), errors: [{ line: X }] },
  ],
});

ruleTester(KINDS, 'DJG037', P, {
  valid: [settings({ X: 'SILENCED_SYSTEM_CHECKS = ["models.W042"]' })],
  invalid: [{ code: settings({ X: 'SILENCED_SYSTEM_CHECKS = ["models.W042", "security.W008"]' }), errors: [{ line: X, column: 42, severity: 'info' }], output: null }],
});

ruleTester(KINDS, 'DJG038', P, {
  valid: [settings({ X: 'LOGGING = {"version": 1, "loggers": {"django.db.backends": {"level": "WARNING"}}}' })],
  invalid: [
    { code: settings({ X: 'DEBUG_PROPAGATE_EXCEPTIONS = True' }), errors: [{ line: X, severity: 'info' }] },
    { code: settings({ X: 'LOGGING = {"version": 1, "loggers": {"django.db.backends": {"level": "DEBUG"}}}' }), errors: [{ line: X, column: 70, message: /SQL/ }] },
  ],
});
