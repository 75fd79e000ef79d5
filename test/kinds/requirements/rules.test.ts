// Table-driven tests of every REQ rule: valid and invalid cases with exact positions, severities
// and the text after the preferred quick fix (CRLF kept).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { requirementsKind } from '../../../server/src/kinds/requirements';
import { applyFix, makeEngine, ruleTester, WS } from '../../helpers/rule-tester';
import { OSV_DIR, osvDataSkip } from '../../advisories/osv-data';

const K = [requirementsKind];
const SHA = '0123456789abcdef0123456789abcdef01234567';

ruleTester(K, 'REQ000', 'requirements.txt', {
  valid: ['flask==2.0\n', '# comment only\n\n', { code: '-r base.txt\n', files: { 'base.txt': 'flask==2.0\n' } }],
  invalid: [
    { code: 'flask==2.0\nbad==\n', errors: [{ line: 2, column: 4, endColumn: 6, severity: 'error', message: /Expected version after operator ==/ }], output: null },
    { code: '--frobnicate\r\n', errors: [{ line: 1, column: 1, endColumn: 13, severity: 'error', message: /no such option: --frobnicate/ }] },
    { code: 'foo==1.0 --index-url https://x.example/simple\n', errors: [{ line: 1, column: 10, severity: 'warning', message: /pip ignores --index-url on a line with a requirement/ }] },
    { name: 'in an included file', code: '-r requirements/base.txt\n', files: { 'requirements/base.txt': 'ok==1\nnope=1\n' }, errors: [{ path: 'requirements/base.txt', line: 2, column: 5 }] },
  ],
});

const skipOsv = osvDataSkip();
if (!skipOsv) {
  const config = { requirements: { advisories: OSV_DIR } };
  ruleTester(K, 'REQ001', 'requirements.txt', {
    valid: [
      { code: 'jinja2==3.1.6\n', config },
      { code: 'flask==3.1.3\n', config },
      { name: 'no advisory source configured: nothing is looked up', code: 'flask==2.2.2\n' },
      { name: 'only exact pins and lower bounds are checked', code: 'flask>2.2.2\nflask<3\n', config },
    ],
    invalid: [
      {
        code: 'flask==2.2.2\n',
        config,
        errors: [{ line: 1, column: 1, endColumn: 13, severity: 'warning', message: /^flask 2\.2\.2 has 2 known vulnerabilities.*PYSEC-2026-2151 \(CVE-2026-27205, GHSA-68rp-wp8r-4726\).*PYSEC-2023-62 \(CVE-2023-30861, GHSA-m2qf-hxjv-5gpq\).*Lowest version without them: 3\.1\.3\.$/ }],
        output: 'flask==3.1.3\n',
      },
      { name: 'high CVSS is an error', code: 'gunicorn==21.2.0\n', config, errors: [{ line: 1, severity: 'error', message: /highest severity: high/ }], output: 'gunicorn==22.0.0\n' },
      {
        name: 'hashed, continued CRLF line: the version is bumped in place',
        code: 'requests==2.31.0 \\\r\n    --hash=sha256:aaaa\r\nother==1.0\r\n',
        config,
        errors: [{ line: 1, column: 1, endColumn: 17 }],
        output: 'requests==2.33.0 \\\r\n    --hash=sha256:aaaa\r\nother==1.0\r\n',
      },
      { name: 'the lowest version a range allows', code: 'PyYAML>=5.1\n', config, errors: [{ line: 1, message: /^PyYAML>=5\.1 allows 5\.1, which has 3 known vulnerabilities/ }], output: 'PyYAML>=5.4\n' },
      { name: 'reported in the included file', code: '-r requirements/base.txt\n', files: { 'requirements/base.txt': 'flask==2.2.2\n' }, config, errors: [{ path: 'requirements/base.txt', line: 1 }] },
      {
        name: 'an unreadable advisory folder is said, not silent',
        code: 'flask==2.2.2\njinja2==3.1.6\n',
        config: { requirements: { advisories: '/nonexistent/osv' } },
        errors: [{ line: 1, severity: 'info', message: /^Known vulnerabilities were not checked for 2 pinned requirements of this file: the advisory folder \/nonexistent\/osv does not exist\.$/ }],
        output: null,
      },
    ],
  });

  describe('REQ001 quick fix on hashed lines', () => {
    it('warns that the hashes must be regenerated', () => {
      const { engine } = makeEngine(K, { 'requirements.txt': 'flask==2.2.2 --hash=sha256:abc\n' }, { requirements: { advisories: OSV_DIR } });
      const f = engine.lintFile(`${WS}/requirements.txt`).findings.find((x) => x.ruleId === 'REQ001')!;
      assert.match(f.fixes![0].caveat ?? '', /--hash values on this line are for flask 2\.2\.2: regenerate them for 3\.1\.3/);
      const plain = makeEngine(K, { 'requirements.txt': 'flask==2.2.2\n' }, { requirements: { advisories: OSV_DIR } }).engine;
      assert.equal(plain.lintFile(`${WS}/requirements.txt`).findings.find((x) => x.ruleId === 'REQ001')!.fixes![0].caveat, undefined);
    });
  });
}

ruleTester(K, 'REQ002', 'requirements.txt', {
  valid: [
    'flask==2.0\n',
    'flask~=2.0\n',
    'flask>=2,<3\n',
    { code: 'flask\n', path: 'requirements-dev.txt' },
    { code: 'flask\n', path: 'requirements/test.txt' },
    { name: 'pip-compile input', code: 'flask\n', path: 'requirements.in' },
    { name: 'pinned by a constraints file', code: 'flask\n-c constraints.txt\n', files: { 'constraints.txt': 'flask==2.0\n' } },
    'https://files.example.com/pkg-1.0.tar.gz#sha256=ab\n-e .\n',
  ],
  invalid: [
    { code: 'flask\n', errors: [{ line: 1, column: 1, endColumn: 6, severity: 'warning', message: /flask is not pinned/ }], output: null },
    { code: 'requests>=2.0\r\n', errors: [{ line: 1, endColumn: 14, message: /requests>=2\.0 has no upper bound/ }], output: 'requests==2.0\r\n' },
    { code: 'django>=4,!=4.1 ; python_version > "3"\n', errors: [{ line: 1, endColumn: 16 }], output: null },
    { name: 'in a production requirements/ file', code: 'celery[redis]\n', path: 'requirements/prod.txt', errors: [{ line: 1 }] },
  ],
});

ruleTester(K, 'REQ003', 'requirements.txt', {
  valid: ['flask==2.0\n', 'flask>=2\n', { code: 'flask~=2.0\n', path: 'dev-requirements.txt' }, { code: 'flask~=2.0\n', path: 'requirements.in' }],
  invalid: [
    { code: 'flask~=2.0\n', errors: [{ line: 1, column: 1, endColumn: 11, severity: 'info', message: /compatible release/ }], output: 'flask==2.0\n' },
    { code: 'flask==2.*\n', errors: [{ line: 1, message: /whole release series/ }], output: null },
    { code: 'flask<3\n', errors: [{ line: 1, message: /is a range, not a pin/ }], output: null },
    { code: 'flask===2.0\n', errors: [{ line: 1, message: /arbitrary string equality/ }], output: 'flask==2.0\n' },
  ],
});

ruleTester(K, 'REQ004', 'requirements.txt', {
  valid: [
    'a==1 --hash=sha256:aa\nb==2 --hash=sha256:bb\n',
    'a==1\nb==2\n',
    { name: 'pip-compile input', code: 'a==1 --hash=sha256:aa\nb\n', path: 'requirements.in' },
    { name: 'constraints need no hash', code: 'a==1 --hash=sha256:aa\n-c constraints.txt\n', files: { 'constraints.txt': 'b==2\n' } },
    { name: 'a URL hash counts', code: 'a==1 --hash=sha256:aa\nhttps://files.example.com/b-1.0.tar.gz#sha256=ab\n' },
    { name: 'no hash at all is opt-in', code: 'a==1\n', config: { rules: { REQ004: 'off' } } },
  ],
  invalid: [
    { code: 'a==1 --hash=sha256:aa\nb==2\n', errors: [{ line: 2, column: 1, endColumn: 5, severity: 'error', message: /b has no --hash, but hash-checking mode is on/ }], output: null },
    { code: '--require-hashes\r\na==1\r\n', errors: [{ line: 2 }] },
    { code: 'a==1 --hash=sha256:aa\n-e ./src\npkg @ git+https://github.com/o/p.git@' + SHA + '\n./local\n', errors: [{ line: 2, column: 4, message: /editable/ }, { line: 3, message: /VCS requirement/ }, { line: 4, message: /local folder/ }] },
    { code: 'a>=1 --hash=sha256:aa\n', errors: [{ line: 1, message: /not pinned with ==/ }] },
    { name: 'across files of one install', code: '-r base.txt\nb==2 --hash=sha256:bb\n', path: 'requirements/prod.txt', files: { 'requirements/base.txt': 'a==1\n' }, errors: [{ path: 'requirements/base.txt', line: 1 }] },
    { name: 'opt-in: production file without hashes', code: 'a==1\nb==2\n', config: { rules: { REQ004: 'on' } }, errors: [{ line: 1, column: 1, endColumn: 5, severity: 'info', message: /installs packages without --hash/ }] },
  ],
});

ruleTester(K, 'REQ005', 'requirements.txt', {
  valid: ['--index-url https://pypi.example.com/simple\n', '--index-url http://localhost:8080/simple\n-f http://127.0.0.1/wheels\n', 'pkg @ file:///tmp/pkg-1.0.tar.gz\n', 'git+http://github.com/o/r.git@' + SHA + '#egg=r\n'],
  invalid: [
    { code: '--index-url http://pypi.example.com/simple\n', errors: [{ line: 1, column: 13, endColumn: 43, severity: 'error' }], output: '--index-url https://pypi.example.com/simple\n' },
    { code: '-i http://pypi.example.com/simple\r\nflask==1\r\n', errors: [{ line: 1, column: 4 }], output: '-i https://pypi.example.com/simple\r\nflask==1\r\n' },
    { code: '--extra-index-url=http://x.example/simple\n', errors: [{ line: 1, column: 19 }], output: '--extra-index-url=https://x.example/simple\n' },
    { code: '--find-links "http://x.example/links"\n', errors: [{ line: 1, column: 15, endColumn: 37 }], output: '--find-links "https://x.example/links"\n' },
    { code: 'pkg @ http://files.example.com/pkg-1.0.tar.gz\n', errors: [{ line: 1, column: 7 }], output: 'pkg @ https://files.example.com/pkg-1.0.tar.gz\n' },
    { code: 'http://files.example.com/pkg-1.0.tar.gz#sha256=ab\n', errors: [{ line: 1, column: 1 }], output: 'https://files.example.com/pkg-1.0.tar.gz#sha256=ab\n' },
    { code: '-r http://files.example.com/requirements.txt\n', errors: [{ line: 1, column: 4 }], output: '-r https://files.example.com/requirements.txt\n' },
  ],
});

ruleTester(K, 'REQ006', 'requirements.txt', {
  valid: ['--index-url https://pypi.example.com/simple\nflask==1.0\n'],
  invalid: [
    { code: '--trusted-host pypi.example.com\nflask==1.0\n', errors: [{ line: 1, column: 1, endColumn: 32, severity: 'error' }], output: 'flask==1.0\n' },
    { code: 'flask==1.0\r\n--trusted-host=pypi.example.com\r\n', errors: [{ line: 2 }], output: 'flask==1.0\r\n' },
    { code: '--index-url https://x.example/simple --trusted-host x.example\n', errors: [{ line: 1, column: 38 }], output: '--index-url https://x.example/simple\n' },
  ],
});

ruleTester(K, 'REQ007', 'requirements.txt', {
  valid: ['--index-url https://pypi.example.com/simple\n'],
  invalid: [{ code: 'flask==1\n--extra-index-url https://internal.example.com/simple\n', errors: [{ line: 2, column: 1, endColumn: 54, severity: 'warning', message: /dependency confusion/ }], output: null }],
});

ruleTester(K, 'REQ008', 'requirements.txt', {
  valid: [`pkg @ git+https://github.com/o/p.git@${SHA}\n`, `git+ssh://git@github.com/o/p.git@${SHA}#egg=p\n`, `pkg @ git+git://localhost/p.git@${SHA}\n`],
  invalid: [
    { code: `pkg @ git+git://github.com/o/p.git@${SHA}\n`, errors: [{ line: 1, column: 7, endColumn: 17, severity: 'error' }], output: `pkg @ git+https://github.com/o/p.git@${SHA}\n` },
    { code: `-e git://github.com/o/p.git@${SHA}#egg=p\n`, errors: [{ line: 1, column: 4 }], output: `-e git+https://github.com/o/p.git@${SHA}#egg=p\n` },
    { code: `hg+http://hg.example.com/repo@${SHA}#egg=h\n`, errors: [{ line: 1 }], output: `hg+https://hg.example.com/repo@${SHA}#egg=h\n` },
    { code: 'svn+svn://svn.example.com/repo@123#egg=s\n', errors: [{ line: 1, message: /svn\+svn:\/\// }], output: null },
  ],
});

ruleTester(K, 'REQ009', 'requirements.txt', {
  valid: [
    `pkg @ git+https://github.com/o/p.git@${SHA}\n`,
    'https://files.example.com/pkg-1.0.tar.gz#sha256=ab\n',
    'pkg @ https://files.example.com/pkg-1.0.tar.gz --hash=sha256:ab\n',
    'svn+https://svn.example.com/repo@1234#egg=s\n',
    './local/pkg\n-e .\n',
  ],
  invalid: [
    { code: 'pkg @ git+https://github.com/o/p.git@main\n', errors: [{ line: 1, column: 37, endColumn: 42, severity: 'warning', message: /@main, a branch, tag or short hash/ }], output: null },
    { code: '-e git+https://github.com/o/p.git#egg=p\n', errors: [{ line: 1, column: 4, message: /follows the default branch of github\.com/ }] },
    { code: 'pkg @ git+https://github.com/o/p.git@0123456\n', errors: [{ line: 1 }] },
    { code: 'https://files.example.com/pkg-1.0.tar.gz\n', errors: [{ line: 1, column: 1, endColumn: 41, message: /without a hash/ }] },
  ],
});

ruleTester(K, 'REQ010', 'requirements.txt', {
  valid: [
    '--index-url https://${PIP_USER}:${PIP_TOKEN}@pypi.example.com/simple\n',
    `pkg @ git+ssh://git@github.com/o/p.git@${SHA}\n`,
    '--extra-index-url https://__token__:${PYPI_TOKEN}@pypi.example.com/simple\n',
    '--index-url https://user@pypi.example.com/simple\n',
  ],
  invalid: [
    {
      code: '--index-url https://deploy:hunter2@pypi.example.com/simple\n',
      errors: [{ line: 1, column: 28, endColumn: 35, severity: 'error', message: /A password is written in the URL of --index-url.*\$\{PIP_INDEX_TOKEN\}/ }],
      output: '--index-url https://deploy:${PIP_INDEX_TOKEN}@pypi.example.com/simple\n',
    },
    {
      code: `pkg @ git+https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/p.git@${SHA}\r\n`,
      errors: [{ line: 1, column: 19, message: /A token/ }],
      output: `pkg @ git+https://\${GITHUB_TOKEN}@github.com/o/p.git@${SHA}\r\n`,
    },
    { code: '-f https://files.example.com/links?private_token=abc123\n', errors: [{ line: 1, message: /private_token=/ }], output: '-f https://files.example.com/links?private_token=${PIP_FIND_LINKS_TOKEN}\n' },
    { code: '--index-url "https://u:p%40ss@x.example/simple"\n', errors: [{ line: 1, column: 24, endColumn: 30 }], output: '--index-url "https://u:${PIP_INDEX_TOKEN}@x.example/simple"\n' },
  ],
});

ruleTester(K, 'REQ011', 'requirements.txt', {
  valid: [
    { code: 'django-debug-toolbar==4.0\npytest==8.0\n', path: 'requirements-dev.txt' },
    { code: 'pytest==8.0\n', path: 'requirements/test.txt' },
    'werkzeug==3.0\nflask==3.0\n',
    'werkzeug==3.0\n',
  ],
  invalid: [
    {
      code: 'django-debug-toolbar==4.0\nflask==2.0\n',
      errors: [{ line: 1, column: 1, endColumn: 21, severity: 'warning', message: /django-debug-toolbar exposes settings/ }],
      output: 'flask==2.0\n',
    },
    { code: 'pytest==8.0\r\nflask==2.0\r\n', files: { 'requirements-dev.txt': 'ruff==0.3\r\n' }, errors: [{ line: 1, severity: 'info' }], output: 'flask==2.0\r\n' },
    { code: 'Django==5.0\ndjango-extensions==3.2\nWerkzeug==3.0\n', errors: [{ line: 2 }, { line: 3, message: /runserver_plus/ }] },
    { code: 'flask==3.0\ndebugpy==1.8 \\\n  --hash=sha256:aa\n', path: 'requirements/prod.txt', files: { 'requirements/dev.txt': '-r prod.txt\n' }, errors: [{ line: 2 }], output: 'flask==3.0\n' },
  ],
});

describe('REQ011 moves the line into the development file', () => {
  const fixOf = (files: Record<string, string>, file: string) => {
    const { engine } = makeEngine(K, files);
    const f = engine.lintFile(`${WS}/${file}`).findings.find((x) => x.ruleId === 'REQ011')!;
    return { fix: f.fixes![0], after: applyFix(files, f.fixes![0]) };
  };
  it('appends to an existing dev file in its line break style, continuations and hashes included', () => {
    const { fix, after } = fixOf({ 'requirements.txt': 'flask==3.0\ndebugpy==1.8 \\\n  --hash=sha256:aa\n', 'requirements-dev.txt': 'pytest==8.0\r\nruff==0.3' }, 'requirements.txt');
    assert.equal(fix.title, 'Move debugpy to requirements-dev.txt');
    assert.equal(after['requirements.txt'], 'flask==3.0\n');
    assert.equal(after['requirements-dev.txt'], 'pytest==8.0\r\nruff==0.3\r\ndebugpy==1.8 \\\r\n  --hash=sha256:aa\r\n');
  });
  it('creates requirements-dev.txt (including the production file) when there is none', () => {
    const { fix, after } = fixOf({ 'requirements.txt': 'ipdb==0.13\r\n' }, 'requirements.txt');
    assert.equal(fix.title, 'Move ipdb to a new requirements-dev.txt');
    assert.equal(after['requirements-dev.txt'], '-r requirements.txt\r\nipdb==0.13\r\n');
    assert.equal(after['requirements.txt'], '');
  });
  it('prefers requirements/dev.txt next to requirements/prod.txt, and only deletes when the package is already there', () => {
    const { fix, after } = fixOf({ 'requirements/prod.txt': 'flask==3.0\npytest==8.0\n', 'requirements/dev.txt': '-r prod.txt\npytest==8.1\n', 'requirements/docs.txt': 'sphinx\n' }, 'requirements/prod.txt');
    assert.equal(fix.title, 'Remove pytest (already in dev.txt)');
    assert.equal(after['requirements/prod.txt'], 'flask==3.0\n');
    assert.equal(after['requirements/dev.txt'], '-r prod.txt\npytest==8.1\n');
  });
  it('looks the dev file up once per run: each of several tools gets its own fix, .in files move to .in files', () => {
    const files = {
      'requirements/prod.txt': '-r requirements-prod.in\npytest==8.0\nipdb==0.13\ncoverage==7.0\n',
      'requirements/requirements-prod.in': 'ruff\n',
      'requirements/dev.txt': 'coverage==7.1\n',
      'requirements/requirements-dev.in': '-r requirements-prod.in\n',
    };
    const { engine } = makeEngine(K, files);
    const titles = (file: string) => engine.lintFile(`${WS}/${file}`).findings.filter((x) => x.ruleId === 'REQ011').map((f) => f.fixes![0].title);
    assert.deepEqual(titles('requirements/prod.txt'), ['Move pytest to dev.txt', 'Move ipdb to dev.txt', 'Remove coverage (already in dev.txt)']);
    assert.deepEqual(titles('requirements/requirements-prod.in'), ['Move ruff to requirements-dev.in']);
  });
});

ruleTester(K, 'REQ012', 'requirements.txt', {
  valid: ['requests==2.31\nnumpy\npyaml\njinja\n', 'python-dateutil==2.9\n', 'my-internal-package\n'],
  invalid: [
    { code: 'reqeusts==2.31.0\n', errors: [{ line: 1, column: 1, endColumn: 9, severity: 'warning', message: /did you mean requests\?/ }], output: null },
    { code: 'dateutil\n', errors: [{ line: 1, message: /python-dateutil/ }] },
    { code: 'python-requests\n', errors: [{ line: 1, message: /"python-" prefix added/ }] },
    { code: 'djnago==5.0\n', errors: [{ line: 1, message: /django/ }] },
  ],
});

ruleTester(K, 'REQ013', 'requirements.txt', {
  valid: ['Django==5.2.1\n', 'django>=5.2\n', 'django>=3.2\n', 'django~=3.2\n', { code: 'Django==3.2\n', path: 'requirements-dev.txt' }, 'pycryptodome==3.20\n'],
  invalid: [
    { code: 'Django==3.2.25\n', errors: [{ line: 1, column: 1, endColumn: 15, severity: 'warning', message: /^Django 3\.2 reached end of life on 2024-04-02/ }], output: null },
    { code: 'django~=1.8.0\n', errors: [{ line: 1, message: /long past its end of life/ }] },
    { code: 'pycrypto==2.6.1\n', errors: [{ line: 1, column: 1, endColumn: 9, message: /use pycryptodome/ }] },
  ],
});

ruleTester(K, 'REQ014', 'requirements.txt', {
  valid: [
    { code: '-r base.txt\nflask==2.0\n', files: { 'base.txt': 'flask==2.0.0\n' } },
    { name: 'different markers', code: 'numpy==1.24; python_version < "3.9"\nnumpy==1.26; python_version >= "3.9"\n' },
  ],
  invalid: [
    {
      code: '-r base.txt\nflask==2.1\n',
      files: { 'base.txt': 'flask==2.0\n' },
      errors: [{ line: 2, column: 1, endColumn: 11, severity: 'warning', message: /flask is pinned to 2\.1 here but to 2\.0 in base\.txt:1 \(requirement\)/ }],
      output: null,
    },
    { code: '-c constraints.txt\nflask==2.1\n', files: { 'constraints.txt': 'flask==2.0\n' }, errors: [{ line: 2, message: /constraints\.txt:1 \(constraint\)/ }] },
    {
      name: 'a conflict seen from several units (prod.txt, and dev.txt that includes it) is reported once, naming the smallest install',
      path: 'requirements/prod.txt',
      code: '-r base.txt\nflask==2.1\n',
      files: { 'requirements/base.txt': 'flask==2.0\n', 'requirements/dev.txt': '-r prod.txt\npytest==8.0\n' },
      errors: [{ line: 2, message: /both are read in the same install of requirements\/prod\.txt: / }],
    },
    {
      name: 'files that meet only in an including file name that install',
      path: 'requirements/a.txt',
      code: 'flask==2.1\n',
      files: { 'requirements/b.txt': 'flask==2.0\n', 'requirements/all.txt': '-r b.txt\n-r a.txt\n' },
      errors: [{ line: 1, message: /to 2\.0 in requirements\/b\.txt:1 \(requirement\), and both are read in the same install of requirements\/all\.txt: / }],
    },
    { code: '-r missing.txt\n', errors: [{ line: 1, column: 4, endColumn: 15, message: /missing\.txt does not exist/ }] },
    { name: 'a URL include is said to be unchecked', code: '-r https://example.com/requirements.txt\n', errors: [{ line: 1, column: 4, severity: 'info', message: /is a URL: pip downloads it at install time/ }] },
    {
      name: 'an include cycle is reported at both includes',
      code: '-r requirements/b.txt\n',
      files: { 'requirements/b.txt': '-r ../requirements.txt\n' },
      errors: [
        { line: 1, message: /include cycle: b\.txt → requirements\.txt → b\.txt/ },
        { path: 'requirements/b.txt', line: 1, message: /include cycle: requirements\.txt → b\.txt → requirements\.txt/ },
      ],
    },
  ],
});

ruleTester(K, 'REQ015', 'requirements.txt', {
  valid: [{ code: '--pre\nflask==2.0\n', path: 'requirements-dev.txt' }, '--no-binary psycopg2\n', '--find-links ./wheels\n', '--no-index\n--find-links /opt/wheels\n'],
  invalid: [
    { code: '--pre\nflask==2.0\n', errors: [{ line: 1, column: 1, endColumn: 6, severity: 'info', message: /pre-releases/ }], output: null },
    { code: '--no-binary :all:\n', errors: [{ line: 1, message: /builds every package from source/ }] },
    { code: '--no-index\n--find-links ./wheels\n', errors: [{ line: 2, message: /relative folder/ }] },
  ],
});

describe('suppressions in requirements files', () => {
  it('honours deployguard-ignore on the line and on the line before; a # inside a URL is no comment', () => {
    const code = [
      'django  # deployguard-ignore REQ002 -- pinned by the platform team',
      '# deployguard-ignore REQ002 -- same',
      'flask',
      'https://x.example/p.tar.gz#deployguard-ignore=REQ009',
      'requests',
    ].join('\n');
    const { engine } = makeEngine(K, { 'requirements.txt': code });
    const found = engine.lintFile(`${WS}/requirements.txt`).findings.map((f) => `${f.range.start.line + 1} ${f.ruleId}`);
    assert.deepEqual(found, ['4 REQ009', '5 REQ002']);
  });
});
