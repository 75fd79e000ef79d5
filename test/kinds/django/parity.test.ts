// Parity with Django's own `manage.py check --deploy` (Debian python3-django and python3-psycopg2
// for the PostgreSQL fixtures, /usr/bin/python3):
// for every production module of our fixtures whose settings are all literals, the security ids
// Django reports equal the ids our DJG findings map to (catalog "Anchors"), minus the checks the
// installed Django lacks. Only our own fixtures are executed, copied into a temporary project.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { anchoredIds, fixtureFiles, fixtureNames, productionUnits } from './fixtures';

const PYTHON = '/usr/bin/python3';

function installedDjango(): string | undefined {
  if (!fs.existsSync(PYTHON)) return undefined;
  const r = spawnSync(PYTHON, ['-c', 'import django; print(django.get_version())'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Check ids and the Django version that introduced them (ids not listed exist in every version we run). */
const INTRODUCED: Record<string, [number, number]> = {
  'security.E024': [4, 0],
  '4_0.E001': [4, 0],
  'security.W025': [4, 1],
  'security.W026': [6, 0],
};

function lacking(version: string): Set<string> {
  const [maj, min] = version.split('.').map(Number);
  return new Set(Object.entries(INTRODUCED).filter(([, [a, b]]) => maj < a || (maj === a && min < b)).map(([id]) => id));
}

const RUNNER = `import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ["DJANGO_SETTINGS_MODULE"] = sys.argv.pop(1)
from django.core.management import execute_from_command_line
execute_from_command_line(sys.argv)
`;

const version = installedDjango();
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-django-parity-'));
after(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

/** Runs `check --deploy` on a copy of the fixture; resolves to the security ids reported. */
function djangoCheck(fixture: string, files: Record<string, string>, rel: string, module: string, apps: string[]): Promise<{ ids: Set<string>; output: string }> {
  const dir = path.join(tmpRoot, `${fixture}-${module}`);
  // The folder holding the top package of the module (src/ in src/proj/settings/production.py).
  const depth = module.split('.').length + (rel.endsWith('/__init__.py') ? 1 : 0);
  const base = path.join(dir, rel.split('/').slice(0, rel.split('/').length - depth).join('/'));
  for (const [r, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, r)), { recursive: true });
    fs.writeFileSync(path.join(dir, r), text);
  }
  // Third-party apps of the fixture (debug_toolbar, …) become empty packages so that Django can load them.
  for (const app of apps) {
    const top = app.split('.')[0];
    if (top === 'django' || fs.existsSync(path.join(base, top)) || fs.existsSync(path.join(base, `${top}.py`))) continue;
    fs.mkdirSync(path.join(base, top), { recursive: true });
    fs.writeFileSync(path.join(base, top, '__init__.py'), '');
  }
  // ROOT_URLCONF modules the fixture does not ship become empty URL configurations.
  for (const text of Object.values(files)) {
    for (const m of text.matchAll(/^ROOT_URLCONF\s*=\s*["']([\w.]+)["']/gm)) {
      const file = path.join(base, ...m[1].split('.')) + '.py';
      if (!fs.existsSync(file)) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, 'urlpatterns = []\n');
      }
    }
  }
  const runner = path.join(base, 'dg_check_runner.py');
  fs.writeFileSync(runner, RUNNER);
  return new Promise((resolve) => {
    const child = spawn(PYTHON, [runner, module, 'check', '--deploy'], {
      cwd: base,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONPATH: base, PYTHONDONTWRITEBYTECODE: '1', HOME: tmpRoot },
      timeout: 120_000,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', () => {
      const ids = new Set<string>();
      for (const m of output.matchAll(/\(((?:security\.[WE]\d{3})|(?:\d_\d\.E\d{3}))\)/g)) ids.add(m[1]);
      resolve({ ids, output });
    });
  });
}

/** Runs the jobs two at a time (the CI machine has two cores). */
async function runAll<T>(jobs: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]();
      }
    }),
  );
  return out;
}

describe('parity with Django check --deploy', () => {
  if (!version) {
    if (process.env.CI) {
      it('needs Debian python3-django (/usr/bin/python3 -c "import django")', () => assert.fail('python3-django is not installed: apt-get install -y python3-django'));
    } else {
      it('skipped: python3-django is not installed (apt-get install -y python3-django)', { skip: true }, () => {});
    }
    return;
  }
  const lack = lacking(version);
  const cases = fixtureNames().flatMap((name) => {
    const files = fixtureFiles(name);
    return productionUnits(files, version.split('.').slice(0, 2).join('.'))
      .filter((u) => u.literal)
      .map((unit) => ({ name, files, unit }));
  });
  const compared = cases.length;
  let results: { ids: Set<string>; output: string }[] = [];
  before(async () => {
    results = await runAll(cases.map((c) => () => djangoCheck(c.name, c.files, c.unit.rel, c.unit.module, appsOf(c.files))));
  });
  cases.forEach((c, i) => {
    it(`${c.name}: ${c.unit.rel} (Django ${version})`, () => {
      const { ids, output } = results[i];
      const hint = /No module named 'psycopg2'/.test(output) ? ' (apt-get install -y python3-psycopg2)' : '';
      assert.ok(/System check identified/.test(output), `Django did not run the checks${hint}:\n${output}`);
      const ours = anchoredIds(c.unit.findings);
      const strip = (x: Set<string>) => [...x].filter((id) => !lack.has(id)).sort();
      assert.deepEqual(strip(ours), strip(ids), `ours vs Django's; Django said:\n${output}\nwe said:\n${c.unit.findings.map((f) => `${f.ruleId} ${f.message}`).join('\n')}`);
    });
  });
  it('compares at least 25 production modules', () => {
    assert.ok(compared >= 25, `only ${compared} all-literal production modules among the fixtures`);
    console.log(`parity: ${compared} fixture production modules compared with Django ${version}`);
  });
});

/** INSTALLED_APPS entries written as string literals anywhere in the fixture (enough to create stubs). */
function appsOf(files: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const text of Object.values(files)) {
    for (const m of text.matchAll(/["']([a-z_][a-z0-9_]*)(?:\.[A-Za-z0-9_.]+)?["']/g)) out.add(m[1]);
  }
  return [...out].filter((a) => ['debug_toolbar', 'django_extensions', 'silk', 'rest_framework', 'corsheaders'].includes(a));
}
