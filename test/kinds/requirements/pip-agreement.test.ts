// Our parser against pip's own (Debian python3-pip, pip._internal.req.req_file): for every fixture,
// the same logical lines (numbered by their first physical line), the same kinds (requirement,
// editable, options), the same requirement text, the same option values, pip's line-parser error at
// the same line, and the same verdict on each requirement string (pip's parse_req_from_line).
// (--config-settings in requirements files needs pip >= 23.1: the parser tests cover it.)
// Specifiers that only pip's old vendored packaging accepts ("legacy" versions) are counted apart:
// packaging >= 22 and pip >= 24.1 reject them, as we do.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { normalizeName } from '../../../server/src/advisories';
import { parseRequirementsText, type Entry, type ParsedFile } from '../../../server/src/kinds/requirements/parser';

const REPO = path.resolve(__dirname, '..', '..', '..');
const FIXTURES = path.join(REPO, 'server/src/kinds/requirements/fixtures');
const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(__dirname, 'pip_reference.py');

function fixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.txt') || name.endsWith('.in')) out.push(p);
    }
  };
  walk(FIXTURES);
  return out;
}

function pipAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import pip._internal.req.req_file'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface PipLine {
  line: number;
  kind: 'requirement' | 'editable' | 'options';
  args: string;
  opts: Record<string, unknown> & { hashes: Record<string, string[]>; config_settings: Record<string, string | string[]> };
  req?: { valid: boolean; name?: string; extras?: string[]; specifier?: string[]; legacy?: boolean; req_url?: string | null; link_url?: string | null; message?: string };
}
interface PipFile {
  lines: PipLine[];
  error: { line: number; message: string } | null;
}

/** Our view of a line's options, shaped like pip's optparse Values. */
function ourOpts(e: Entry): Record<string, unknown> {
  const values = (name: string) => e.options.filter((o) => o.name === name).map((o) => o.value!);
  const flag = (name: string) => e.options.some((o) => o.name === name);
  const hashes: Record<string, string[]> = {};
  for (const v of values('--hash')) {
    const i = v.indexOf(':');
    (hashes[v.slice(0, i)] ??= []).push(v.slice(i + 1));
  }
  const config: Record<string, string | string[]> = {};
  for (const v of values('--config-settings')) {
    const i = v.indexOf('=');
    const [k, val] = [v.slice(0, i), v.slice(i + 1)];
    const prev = config[k];
    config[k] = prev === undefined ? val : Array.isArray(prev) ? [...prev, val] : [prev, val];
  }
  // FormatControl.handle_mutual_excludes, in order over both options.
  const noBinary = new Set<string>();
  const onlyBinary = new Set<string>();
  for (const o of e.options) {
    if (o.name !== '--no-binary' && o.name !== '--only-binary') continue;
    const [target, other] = o.name === '--no-binary' ? [noBinary, onlyBinary] : [onlyBinary, noBinary];
    const names = o.value!.split(',');
    while (names.includes(':all:')) {
      target.clear();
      other.clear();
      target.add(':all:');
      names.splice(0, names.indexOf(':all:') + 1);
      if (!names.includes(':none:')) break;
    }
    for (const n of names) {
      if (n === ':none:') {
        target.clear();
        continue;
      }
      const c = normalizeName(n);
      other.delete(c);
      target.add(c);
    }
  }
  const index = values('--index-url');
  return {
    index_url: index.length ? index[index.length - 1] : null,
    extra_index_urls: values('--extra-index-url'),
    find_links: values('--find-links'),
    trusted_hosts: values('--trusted-host'),
    requirements: values('--requirement'),
    constraints: values('--constraint'),
    editables: values('--editable'),
    hashes,
    config_settings: config,
    global_options: values('--global-option'),
    pre: flag('--pre'),
    no_index: flag('--no-index'),
    require_hashes: flag('--require-hashes'),
    prefer_binary: flag('--prefer-binary'),
    features_enabled: values('--use-feature'),
    no_binary: [...noBinary].sort(),
    only_binary: [...onlyBinary].sort(),
  };
}

interface Stats {
  files: number;
  lines: number;
  options: number;
  requirements: number;
  legacy: number;
  errors: number;
}

function runPip(files: string[]): Record<string, PipFile> {
  const out = execFileSync(PYTHON, [SCRIPT, ...files], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.toString('utf8')) as Record<string, PipFile>;
}

// Generated files: requirement and option lines built from fragments (valid and invalid), with
// comments, blank lines and backslash continuations. No path-like requirements (pip would look at
// the file system for those).
const pick = <T>(xs: T[]) => fc.constantFrom(...xs);
const requirementArb = fc
  .tuple(
    pick(['flask', 'Flask_Cors', 'a.b-c', 'x', 'Django']),
    pick(['', '[a]', '[a, b]', '[a', '[]']),
    pick(['', '==1.0', '>=1,<2', ' == 1.0 ', '~=1.4.2', '===foo', '==1.*', '!=2', '(>=1)', '=1', '==', '>=1.0.*', '==1.0+local', '~=1', '<=2.0rc1', '>1.0.post1', '==v1.0', '== 1.0-1']),
    pick(['', '; python_version < "3.8"', ';os_name=="nt"', '; bogus', ' ; extra == "x" and (sys_platform == "linux" or sys_platform=="darwin")', '; python_version in "3.8 3.9"', "; platform.machine == 'x'", '; python_version not in "2.7"']),
    pick(['', ' --hash=sha256:abc', ' --hash sha256:def --hash=sha512:01', ' --hash=md5:x', ' --global-option=x', ' -i http://x', ' --pre', ' extra-word', ' --hash', "  --hash='sha384:ab cd'"]),
  )
  .map((parts) => parts.join(''));
const urlRequirementArb = pick([
  'pkg @ https://files.example.com/pkg-1.0.tar.gz',
  'pkg@https://files.example.com/pkg-1.0.tar.gz ; python_version > "3"',
  'https://files.example.com/dist/thing-1.0-py3-none-any.whl',
  'https://files.example.com/dist/other.tar.gz#egg=other',
  'git+https://github.com/org/repo.git@main#egg=repo',
  'pkg @ git+https://github.com/org/pkg.git@v2 extra',
  'https://files.example.com/x-1.0.tar.gz; python_version < "3.12"',
]);
const optionLineArb = pick([
  '-r a.txt', '--requirement=b.txt', '-c "c d.txt"', '-e git+https://x.example/y.git#egg=y', '-e .', '--no-index', '--extra-index https://x.example/simple',
  '--no x', '--pre=1', "-f 'unterminated", '--trusted-host h.example', '--only-binary=:all:', '--no-binary :none:', '-i', '--', '-rreq.txt',
  '--index-url=https://${USER_X}:${TOKEN_X}@x.example/simple', '--prefer-binary --require-hashes', '-e git+https://x.example/y.git#egg=y --hash=sha256:a',
  '--use-feature=fast-deps', '--find-links ./wheels', '-x', '--frob', '--extra-index-url', '-i https://a.example -i https://b.example', '--hash=sha256:ab',
]);
const lineArb = fc
  .tuple(fc.oneof({ weight: 5, arbitrary: requirementArb }, { weight: 2, arbitrary: urlRequirementArb }, { weight: 3, arbitrary: optionLineArb }, { weight: 1, arbitrary: pick(['', '   ', '# only a comment', '\\']) }), pick(['', '', '', ' # c', '#c', ' \\', '\\', '  #']))
  .map(([a, b]) => a + b);
const fileArb = fc.tuple(fc.array(lineArb, { minLength: 1, maxLength: 6 }), pick(['\n', '\r\n']), fc.boolean()).map(([lines, eol, final]) => lines.join(eol) + (final ? eol : ''));

/** The logical line (1-based first physical line) a problem belongs to. */
function logicalLineOf(parsed: ParsedFile, line0: number): number {
  const e = parsed.entries.find((x) => x.line.firstLine <= line0 && line0 <= x.line.lastLine);
  return (e ? e.line.firstLine : line0) + 1;
}


function compare(file: string, text: string, ref: PipFile, stats: Stats): void {
  stats.files++;
  const ours = parseRequirementsText(file, text.replace(/^\uFEFF/, ''));
  // pip stops at the first line its line parser refuses; we report that line (and read on).
  const lineErrors = ours.problems.filter((p) => p.severity === 'error' && p.origin === 'line').map((p) => logicalLineOf(ours, p.range.start.line));
  if (ref.error) {
    assert.equal(lineErrors[0], ref.error.line, `pip stops at line ${ref.error.line}: ${ref.error.message}`);
    stats.errors++;
  } else {
    assert.deepEqual(lineErrors, [], 'pip reads every line');
  }
  const entries = ours.entries.filter((e) => !ref.error || e.line.firstLine + 1 < ref.error.line);
  assert.deepEqual(
    entries.map((e) => e.line.firstLine + 1),
    ref.lines.map((l) => l.line),
    'logical line numbers',
  );
  ref.lines.forEach((pl, i) => {
    const e = entries[i];
    stats.lines++;
    const kind = e.kind === 'options' ? 'options' : e.requirement!.editable ? 'editable' : 'requirement';
    assert.equal(kind, pl.kind, `line ${pl.line}: kind`);
    if (pl.kind === 'requirement') assert.equal(e.requirement!.text, pl.args, `line ${pl.line}: requirement text`);
    const mine = ourOpts(e);
    for (const [k, v] of Object.entries(pl.opts)) {
      stats.options++;
      assert.deepEqual(mine[k], v, `line ${pl.line}: option ${k}`);
    }
    if (pl.kind !== 'requirement' || !pl.req) return;
    const req = e.requirement!;
    const reqErrors = ours.problems.filter((p) => p.severity === 'error' && p.origin === 'requirement' && logicalLineOf(ours, p.range.start.line) === pl.line);
    if (req.form === 'path') return; // pip looks at the file system here; we take path-like text for a folder
    if (pl.req.legacy) {
      stats.legacy++;
      assert.ok(reqErrors.length > 0, `line ${pl.line}: a legacy specifier (${pl.req.specifier}) is an error for packaging >= 22`);
      return;
    }
    stats.requirements++;
    if (!pl.req.valid) {
      assert.ok(reqErrors.length > 0, `line ${pl.line}: pip refuses it (${pl.req.message}) but we report nothing`);
      return;
    }
    assert.deepEqual(reqErrors.map((p) => p.message), [], `line ${pl.line}: pip accepts it`);
    if (pl.req.name) assert.equal(req.key, normalizeName(pl.req.name), `line ${pl.line}: name`);
    assert.deepEqual([...req.extras].map(normalizeName).sort(), (pl.req.extras ?? []).map(normalizeName).sort(), `line ${pl.line}: extras`);
    const specs = req.wheelVersion ? [`==${req.wheelVersion}`] : req.specifiers.map((s) => `${s.op}${s.version}`).sort();
    assert.deepEqual(specs, pl.req.specifier, `line ${pl.line}: specifiers`);
    const url = req.form === 'url' ? pl.req.link_url : pl.req.req_url;
    assert.equal(req.url?.text ?? null, url ?? null, `line ${pl.line}: url`);
  });
}

const available = pipAvailable();
if (!available && !process.env.CI) {
  console.log(`SKIPPED pip agreement tests: ${PYTHON} with pip is missing (apt-get install python3-pip); CI runs them.`);
} else {
  describe("agreement with pip's requirements-file parser", () => {
    assert.ok(available, `${PYTHON} with pip is required in CI: apt-get install -y python3-pip`);
    const files = fixtureFiles();
    const pip = runPip(files);
    const stats: Stats = { files: 0, lines: 0, options: 0, requirements: 0, legacy: 0, errors: 0 };
    after(() => console.log(`pip agreement: ${stats.files} fixtures, ${stats.lines} logical lines, ${stats.options} option values, ${stats.requirements} requirement verdicts, ${stats.errors} line errors agree (${stats.legacy} legacy specifiers only old pip accepts)`));

    it('has fixtures for every construct, and error fixtures', () => {
      assert.ok(files.length >= 15, `${files.length} fixtures`);
      assert.ok(files.filter((f) => path.basename(f).startsWith('error-')).length >= 10);
    });

    for (const file of files) {
      it(path.relative(FIXTURES, file), () => compare(file, fs.readFileSync(file, 'utf8'), pip[file], stats));
    }

    it('agrees on a generated corpus of 400 files (fixed seed)', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-pip-corpus-'));
      try {
        const texts = fc.sample(fileArb, { numRuns: 400, seed: 20261128 });
        const paths = texts.map((t, i) => {
          const p = path.join(dir, `requirements-${i}.txt`);
          fs.writeFileSync(p, t);
          return p;
        });
        const ref = runPip(paths);
        paths.forEach((p, i) => {
          try {
            compare(p, texts[i], ref[p], stats);
          } catch (e) {
            throw new Error(`generated file ${i}:\n${texts[i]}\n${(e as Error).message}`);
          }
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
