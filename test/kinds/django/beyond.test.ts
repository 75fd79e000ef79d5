// Where DeployGuard is deliberately better than `manage.py check --deploy` (which imports the
// settings, knows nothing about production vs development, and sees only runtime values).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint } from '../../helpers/rule-tester';
import { fixtureFiles } from './fixtures';
import { KINDS, settings } from './helpers';

const ids = (findings: { ruleId: string }[]) => findings.map((f) => f.ruleId);

describe('beyond check --deploy', () => {
  it('environment values with safe defaults are not flagged', () => {
    const files = fixtureFiles('27-env-safe-defaults');
    const rel = 'config/settings/production.py';
    const others = Object.fromEntries(Object.entries(files).filter(([r]) => r !== rel));
    assert.deepEqual(lint(KINDS, { path: rel, code: files[rel], files: others }), []);
  });

  it('DEBUG = os.getenv("DEBUG") is flagged: the string "False" is truthy', () => {
    const found = lint(KINDS, { path: 'proj/settings.py', code: settings({ DEBUG: 'DEBUG = os.getenv("DEBUG")' }) });
    assert.deepEqual(ids(found), ['DJG001']);
    assert.match(found[0].message, /"False" and "0" included/);
  });

  it('a development module with DEBUG = True and the debug toolbar is not flagged', () => {
    const files = {
      'proj/settings/base.py': settings(),
      'proj/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings.prod")\n',
      'proj/settings/prod.py': 'from .base import *\n',
    };
    const dev = 'from .base import *\n\nDEBUG = True\nINSTALLED_APPS += ["debug_toolbar"]\nMIDDLEWARE.insert(0, "debug_toolbar.middleware.DebugToolbarMiddleware")\nALLOWED_HOSTS = ["*"]\nSESSION_COOKIE_SECURE = False\n';
    assert.deepEqual(lint(KINDS, { path: 'proj/settings/dev.py', code: dev, files }), []);
    // The same text as the production module is reported.
    assert.deepEqual(
      [...new Set(ids(lint(KINDS, { path: 'proj/settings/prod.py', code: dev, files })))].sort(),
      ['DJG001', 'DJG005', 'DJG013', 'DJG025'],
    );
  });

  it('a literal database password inside the DATABASES dict literal is flagged (bandit#1267)', () => {
    const code = settings({ X: 'DATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "USER": "shop",\n        "PASSWORD": "Tr0ub4dor&3",\n    }\n}' });
    const found = lint(KINDS, { path: 'proj/settings.py', code });
    assert.deepEqual(ids(found), ['DJG022']);
    assert.equal(found[0].range.start.line, code.split('\n').findIndex((l) => l.includes('Tr0ub4dor')));
  });

  it('a base value overridden by production is not reported in base.py (cfpb/consumerfinance.gov#8807)', () => {
    const files = fixtureFiles('23-split-prod-overrides');
    const rel = 'config/settings/base.py';
    const found = lint(KINDS, { path: rel, code: files[rel], files });
    assert.deepEqual(ids(found), []);
  });

  it('an environment read whose cast makes the value a string fails Django’s `is True` checks', () => {
    const found = lint(KINDS, { path: 'proj/settings.py', code: settings({ SECURE_SSL_REDIRECT: 'SECURE_SSL_REDIRECT = os.environ.get("SSL", "True")' }) });
    assert.deepEqual(ids(found), ['DJG012']);
  });

  it('findings from the parts that parsed survive a syntax error; absence is not judged meanwhile', () => {
    const code = 'import os\nALLOWED_HOSTS = ["www.example.com"\nDEBUG = True\nSESSION_COOKIE_SECURE =\nINSTALLED_APPS = ["django.contrib.sessions"]\n';
    const found = lint(KINDS, { path: 'proj/settings.py', code });
    assert.deepEqual(
      found.map((f) => `${f.ruleId} ${f.range.start.line + 1}`),
      ['DJG000 2', 'DJG001 3', 'DJG000 4'],
    );
  });
});
