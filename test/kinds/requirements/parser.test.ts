// The requirements parser against pip's req_file behaviour, with exact ranges (0-based line:character).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Range } from '../../../server/src/engine';
import { requirementsKind } from '../../../server/src/kinds/requirements';
import { parseRequirementsText, type ParsedFile } from '../../../server/src/kinds/requirements/parser';

const at = (r: Range | undefined) => (r ? `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}` : undefined);
const parse = (text: string): ParsedFile => parseRequirementsText('/ws/requirements.txt', text);
const slice = (p: ParsedFile, r: Range) => p.text.slice(p.index.offsetAt(r.start), p.index.offsetAt(r.end));
const problems = (p: ParsedFile) => p.problems.map((x) => `${x.severity} ${at(x.range)} ${x.message}`);

describe('requirements parser: lines', () => {
  it('joins backslash continuations in a CRLF file and maps every range back to the original lines', () => {
    const text = 'flask==2.2.2 \\\r\n    --hash=sha256:aaa \\\r\n    --hash=sha256:bbb\r\nrequests==2.31.0\r\n';
    const p = parse(text);
    assert.deepEqual(problems(p), []);
    assert.equal(p.entries.length, 2);
    const [flask, requests] = p.entries;
    assert.equal(at(flask.range), '0:0-2:21');
    assert.equal(at(flask.requirement!.nameRange), '0:0-0:5');
    assert.equal(at(flask.requirement!.specifiers[0].versionRange), '0:7-0:12');
    assert.deepEqual(flask.requirement!.hashes.map((h) => [h.algo, h.digest, at(h.range)]), [
      ['sha256', 'aaa', '1:4-1:21'],
      ['sha256', 'bbb', '2:4-2:21'],
    ]);
    // Deleting the entry removes its three physical lines and their CRLF breaks.
    assert.equal(at(flask.lineRange), '0:0-3:0');
    assert.equal(at(requests.requirement!.nameRange), '3:0-3:8');
  });

  it('strips backslashes from both ends of a continued line, as line.strip("\\\\") does', () => {
    const p = parse('\\\\foo\\\n==1.0\n');
    assert.deepEqual(problems(p), []);
    const r = p.entries[0].requirement!;
    assert.equal(r.name, 'foo');
    assert.equal(at(r.nameRange), '0:2-0:5');
    assert.equal(at(r.specifiers[0].versionRange), '1:2-1:5');
  });

  it('ends a continuation at a comment line, and a backslash on a comment line continues nothing', () => {
    const p = parse('foo==1.0 \\\n# a comment \\\nbar==2.0\n');
    assert.deepEqual(p.entries.map((e) => e.requirement?.name), ['foo', 'bar']);
    assert.equal(at(p.entries[1].range), '2:0-2:8');
    assert.deepEqual(p.comments.map((c) => [c.line, c.character, c.wholeLine]), [[1, 0, true]]);
  });

  it('reads comments only at the start of a line or after whitespace', () => {
    const p = parse('https://example.com/pkg-1.0.tar.gz#egg=pkg&sha256=ab  # pinned\nfoo==1 #x\n#whole\n');
    assert.equal(p.entries[0].requirement!.url!.text, 'https://example.com/pkg-1.0.tar.gz#egg=pkg&sha256=ab');
    assert.equal(p.entries[0].requirement!.name, 'pkg');
    assert.deepEqual(
      p.comments.map((c) => [c.line, c.character, c.text, c.wholeLine]),
      [
        [0, 54, ' pinned', false],
        [1, 7, 'x', false],
        [2, 0, 'whole', true],
      ],
    );
    assert.deepEqual(requirementsKind.comments('a # b\n'), [{ line: 0, character: 2, text: ' b', wholeLine: false }]);
  });

  it('skips a BOM, notes a coding line, and keeps positions in the text as given', () => {
    const p = parse('\uFEFF# -*- coding: latin-1 -*-\nfoo==1.0\n');
    assert.equal(p.encoding, 'latin-1');
    assert.equal(p.entries[0].requirement!.name, 'foo');
    const q = parse('\uFEFFfoo==1.0');
    assert.equal(at(q.entries[0].requirement!.nameRange), '0:1-0:4');
  });

  it('notes ${VAR} references without resolving them', () => {
    const p = parse('--index-url https://${PIP_USER}:${PIP_TOKEN}@pypi.example.com/simple\n');
    assert.deepEqual(p.entries[0].line.envVars.map((v) => v.name), ['PIP_USER', 'PIP_TOKEN']);
    const url = p.entries[0].options[0].url!;
    assert.equal(url.parts!.password!.value, '${PIP_TOKEN}');
    assert.equal(slice(p, url.at(url.parts!.password!)), '${PIP_TOKEN}');
  });

  it('handles an empty file, blank lines, a lone backslash and a file without final newline', () => {
    assert.equal(parse('').entries.length, 0);
    assert.equal(parse('\n\n   \n').entries.length, 0);
    assert.equal(parse('\\').entries.length, 0);
    assert.equal(parse('foo==1\\').entries[0].requirement!.name, 'foo');
  });
});

describe('requirements parser: options', () => {
  it('accepts optparse abbreviations, --opt=value, -oVALUE and quoted values with exact value ranges', () => {
    const p = parse('--extra-index https://a.example/simple\n--index-url=https://b.example/simple\n-fhttps://c.example/links\n-c "my constraints.txt"\n');
    assert.deepEqual(problems(p), []);
    assert.deepEqual(
      p.entries.map((e) => [e.options[0].name, e.options[0].value, at(e.options[0].valueRange)]),
      [
        ['--extra-index-url', 'https://a.example/simple', '0:14-0:38'],
        ['--index-url', 'https://b.example/simple', '1:12-1:36'],
        ['--find-links', 'https://c.example/links', '2:2-2:25'],
        ['--constraint', 'my constraints.txt', '3:4-3:22'],
      ],
    );
  });

  it('reports what optparse and pip refuse, at the offending words', () => {
    const p = parse('--no\n-r\n--pre=1\n--frobnicate x\n-x foo\n--hash=md5:1 \n-c "unterminated\nfoo -C novalue\n');
    assert.deepEqual(problems(p), [
      'error 0:0-0:4 ambiguous option: --no (--no-binary, --no-index?)',
      'error 1:0-1:2 -r option requires 1 argument',
      'error 2:0-2:7 --pre option does not take a value',
      'error 3:0-3:12 no such option: --frobnicate',
      'error 4:0-4:2 no such option: -x',
      'error 5:7-5:12 Allowed hash algorithms for --hash are sha256, sha384, sha512.',
      'warning 5:0-5:12 --hash applies to a requirement on the same line; pip ignores it on a line without one',
      'error 6:3-6:16 Could not split options: No closing quotation',
      'error 7:7-7:14 Arguments to -C must be of the form KEY=VAL',
    ]);
  });

  it('reports what pip reads but ignores: positional words, global options on requirement lines', () => {
    const p = parse('-r base.txt extra\nfoo==1.0 --index-url https://x.example/simple\nbar==1 --hash=sha256:aa baz==2\n');
    assert.deepEqual(problems(p), [
      'warning 0:12-0:17 pip ignores "extra" here: only options may follow the first option on a line',
      'warning 1:9-1:45 pip ignores --index-url on a line with a requirement: put it on a line of its own',
      'warning 2:24-2:30 pip ignores "baz==2" here: only options may follow the first option on a line',
    ]);
  });

  it('splits requirement and options at single spaces only, like break_args_options', () => {
    const p = parse('foo==1.0\t--hash=sha256:aa\n');
    assert.equal(p.problems.length, 1);
    assert.match(p.problems[0].message, /Invalid requirement: Expected end or semicolon/);
    assert.equal(at(p.problems[0].range), '0:9-0:25');
  });
});

describe('requirements parser: requirements', () => {
  it('reads names, extras, specifiers and markers (";" split for names, "; " for URLs)', () => {
    const p = parse('Flask_Cors[async, dotenv] >=3.0 , <4 ; python_version >= "3.8" and sys_platform != "win32"\nfoo (==1.0)\n');
    assert.deepEqual(problems(p), []);
    const r = p.entries[0].requirement!;
    assert.equal(r.key, 'flask-cors');
    assert.deepEqual(r.extras, ['async', 'dotenv']);
    assert.deepEqual(r.specifiers.map((s) => `${s.op}${s.version}@${at(s.versionRange)}`), ['>=3.0@0:28-0:31', '<4@0:35-0:36']);
    assert.equal(r.marker!.text, 'python_version >= "3.8" and sys_platform != "win32"');
    assert.equal(at(r.marker!.range), '0:39-0:90');
    assert.equal(p.entries[1].requirement!.specifiers[0].version, '1.0');
  });

  it('reads name @ url, VCS URLs with revision and egg, archive URLs, wheels and local paths', () => {
    const p = parse(
      [
        'pkg @ git+https://github.com/org/pkg.git@v1.2 ; python_version > "3"',
        'git+ssh://git@github.com/org/other.git@0123456789abcdef0123456789abcdef01234567#egg=other',
        'https://files.example.com/dist/thing-1.0-py3-none-any.whl',
        './wheels/local_pkg-2.0-py3-none-any.whl',
        './src/project[test]',
        '-e .',
        '-e git+https://github.com/org/ed.git@main#egg=ed',
        '-e https://example.com/not-vcs.tar.gz',
      ].join('\n'),
    );
    const reqs = p.entries.map((e) => e.requirement!);
    assert.deepEqual(
      reqs.map((r) => [r.form, r.editable, r.name, r.url?.parts?.vcs, r.url?.parts?.rev?.value, r.wheelVersion]),
      [
        ['name', false, 'pkg', 'git', 'v1.2', undefined],
        ['url', false, 'other', 'git', '0123456789abcdef0123456789abcdef01234567', undefined],
        ['url', false, 'thing', undefined, undefined, '1.0'],
        ['path', false, 'local-pkg', undefined, undefined, '2.0'],
        ['path', false, undefined, undefined, undefined, undefined],
        ['path', true, undefined, undefined, undefined, undefined],
        ['url', true, 'ed', 'git', 'main', undefined],
        ['url', true, undefined, undefined, undefined, undefined],
      ],
    );
    assert.deepEqual(reqs[4].extras, ['test']);
    assert.equal(reqs[0].marker!.text, 'python_version > "3"');
    assert.equal(at(reqs[0].url!.at(reqs[0].url!.parts!.rev!)), '0:41-0:45');
    assert.equal(at(reqs[6].nameRange), '6:46-6:48');
    assert.deepEqual(problems(p), ['error 7:3-7:37 https://example.com/not-vcs.tar.gz is not a valid editable requirement: it should be a path to a local project or a VCS URL (git+, hg+, svn+ or bzr+)']);
  });

  it('reports invalid requirements at the offending characters and keeps the name', () => {
    const p = parse('bad==\nname=1.0\nfoo[bar\nx ~= 1\nok>=1.*\ny; python_version >> "3"\ngit+https://h/r.git@#egg=r\n./bad-wheel.whl\n');
    assert.deepEqual(problems(p), [
      'error 0:3-0:5 Invalid requirement: Expected version after operator ==',
      'error 1:4-1:5 Invalid requirement: "=" is not a version operator; did you mean "=="?',
      'error 2:3-2:7 Invalid requirement: Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras',
      'error 3:5-3:6 Invalid requirement: ~= needs at least two release segments ("1")',
      'error 4:4-4:7 Invalid requirement: >= does not allow a wildcard (.*) version',
      'error 5:19-5:20 Invalid marker: Expected a marker variable or quoted string',
      'error 6:19-6:20 The URL git+https://h/r.git@#egg=r has an empty revision (after @) which is not supported',
      'error 7:0-7:15 bad-wheel.whl is not a valid wheel filename',
    ]);
    assert.deepEqual(p.entries.slice(0, 4).map((e) => e.requirement!.name), ['bad', 'name', 'foo', 'x']);
  });

  it('survives adversarial input in linear time', () => {
    const big = ['a'.repeat(50_000), '('.repeat(20_000), 'x; ' + '('.repeat(5_000), '\\\n'.repeat(20_000), '-' + 'r'.repeat(30_000), `y; ${'python_version == "1" and '.repeat(3000)}os_name == "x"`].join('\n');
    const p = parse(big);
    assert.ok(p.entries.length >= 4);
  });
});
