// Differential test against dockerfile-utils 0.16 (the validator behind the Docker VS Code
// extension): on every fixture, and on deterministic single-edit mutations of them,
//  - every instruction it parses without an error, we parse too (same keyword and lines, and a
//    RUN/CMD/ENTRYPOINT command line we could split), and
//  - the lines of its syntax errors are the lines of our DKR000 (or DKR037 for the stage-graph and
//    EXPOSE errors the catalog files there), except for the documented divergences below, where
//    BuildKit (what actually builds the image) disagrees with dockerfile-utils.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import type { Finding } from '../../../server/src/engine';
import { defaultConfig, MemoryWorkspace } from '../../../server/src/engine';
import { buildModel } from '../../../server/src/kinds/dockerfile/parse';
import { loadFixtures, lintFixture, type Fixture } from './fixtures-lib';

const DUPLICATE_STAGE = 10;
const INVALID_PORT = 24;

interface Divergence {
  why: string;
  /** Ours reports the line, dockerfile-utils does not. */
  oursOnly?: (line: string, f: Finding) => boolean;
  /** dockerfile-utils reports the line, we do not. */
  utilsOnly?: (line: string, code: number, message: string) => boolean;
}

/** Where we follow BuildKit and dockerfile-utils does not. */
const DIVERGENCES: Divergence[] = [
  { why: 'shell quoting inside RUN: /bin/sh fails (dockerfile-utils does not read the shell)', oursOnly: (_l, f) => /\/bin\/sh will fail/.test(f.message) },
  { why: 'BuildKit validates RUN flags (--mount, --network, --security, --device); dockerfile-utils does not', oursOnly: (_l, f) => /Unknown flag --.* for RUN/.test(f.message) },
  { why: 'ADD --unpack exists since Dockerfile 1.17', utilsOnly: (_l, _c, m) => /Unknown flag: unpack/.test(m) },
  { why: 'BuildKit accepts --retries=0 and 0s durations (0 means the default)', utilsOnly: (_l, _c, m) => /retries must be at least 1 \(not 0\)|cannot be less than 1ms/.test(m) && /=0s?\b|=0(\s|$)/.test(_l) },
  { why: 'BuildKit processes escapes in the image name (python:3.12\\-slim is python:3.12-slim)', utilsOnly: (l, c) => c === 26 && /^\s*FROM\s+\S*\\/i.test(l) },
  {
    why: 'an unterminated quote in the image name fails in BuildKit\'s word lexer; dockerfile-utils only checks the tag',
    oursOnly: (_l, f) => /unterminated quote in the image name/.test(f.message),
  },
];

function utilsErrors(text: string) {
  return validate(text).filter((d) => d.severity === 1);
}

interface Comparison {
  agreed: number;
  divergent: string[];
  mismatches: string[];
}

function compare(text: string, findings: Finding[]): Comparison {
  const lines = text.split(/\r\n|\n|\r/);
  const errs = utilsErrors(text);
  const ours = findings.filter((f) => f.ruleId === 'DKR000' || f.ruleId === 'DKR037');
  const out: Comparison = { agreed: 0, divergent: [], mismatches: [] };
  const oursLines = new Set(ours.map((f) => f.range.start.line));
  const oursDup = ours.some((f) => /Duplicate stage name/.test(f.message));
  for (const d of errs) {
    const l = d.range.start.line;
    const code = Number(d.code);
    if (oursLines.has(l) || (code === DUPLICATE_STAGE && oursDup)) {
      out.agreed++;
      continue;
    }
    const message = typeof d.message === 'string' ? d.message : d.message.value;
    const div = DIVERGENCES.find((x) => x.utilsOnly?.(lines[l] ?? '', code, message));
    if (div) out.divergent.push(`line ${l + 1}: ${div.why}`);
    else out.mismatches.push(`dockerfile-utils only, line ${l + 1} (code ${code}): ${message} | ${lines[l]}`);
  }
  const utilsLines = new Set(errs.map((d) => d.range.start.line));
  for (const f of ours.filter((x) => x.ruleId === 'DKR000')) {
    const l = f.range.start.line;
    if (utilsLines.has(l)) continue;
    const div = DIVERGENCES.find((x) => x.oursOnly?.(lines[l] ?? '', f));
    if (div) out.divergent.push(`line ${l + 1}: ${div.why}`);
    else out.mismatches.push(`DKR000 only, line ${l + 1}: ${f.message} | ${lines[l]}`);
  }
  void INVALID_PORT;
  return out;
}

/** Instructions dockerfile-utils parses without error that our model lacks or could not read. */
function missingInstructions(text: string): string[] {
  const errLines = new Set(utilsErrors(text).map((d) => d.range.start.line));
  const model = buildModel(text, { file: '/ws/Dockerfile', relPath: 'Dockerfile', ws: new MemoryWorkspace({}, ['/ws']), config: defaultConfig('/ws') });
  const out: string[] = [];
  for (const ins of DockerfileParser.parse(text).getInstructions()) {
    const r = ins.getRange();
    let clean = true;
    for (let l = r.start.line; l <= r.end.line; l++) if (errLines.has(l)) clean = false;
    if (!clean) continue;
    const ours = model.instructions.find((i) => i.startLine === r.start.line && i.endLine === r.end.line && i.keyword === ins.getKeyword().toUpperCase());
    if (!ours) {
      out.push(`${ins.getKeyword()} at line ${r.start.line + 1}`);
      continue;
    }
    if (['RUN', 'CMD', 'ENTRYPOINT'].includes(ours.keyword) && ours.argText.text) {
      const cl = ours.command;
      // Shell form: split into commands (an unterminated quote is a finding of its own, see DIVERGENCES).
      const ok = cl && (cl.form === 'exec' ? (cl.exec?.length ?? 0) > 0 : cl.script === undefined || cl.script.commands.length > 0);
      if (!ok) out.push(`${ins.getKeyword()} at line ${r.start.line + 1}: command line not read`);
    }
  }
  return out;
}

/** Deterministic single edits of the fixtures: insert a token or delete a few characters. */
function* mutations(fixtures: Fixture[], count: number): Generator<string> {
  let seed = 20260801;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const tokens = ['FROM', 'RUN', 'COPY', 'ADD', 'ENV', 'ARG', 'USER', 'EXPOSE', 'HEALTHCHECK', 'ONBUILD', 'SHELL', 'STOPSIGNAL', 'WORKDIR', 'LABEL', 'CMD', '--from=x', '--chown=1', '"', "'", '\\', '=', ':', '[', ']', '${X}', '$Y', 'AS', '--interval=1x', '80/tcp', 'abc', ' ', '\n', '<<EOF'];
  for (let n = 0; n < count; n++) {
    const base = fixtures[Math.floor(rnd() * fixtures.length)];
    const lines = base.text.split('\n').filter((l) => !l.startsWith('# expect') && !l.startsWith('# config'));
    const k = Math.floor(rnd() * lines.length);
    const line = lines[k];
    const pos = Math.floor(rnd() * (line.length + 1));
    const tok = tokens[Math.floor(rnd() * tokens.length)];
    lines[k] = rnd() < 0.5 ? line.slice(0, pos) + tok + line.slice(pos) : line.slice(0, pos) + line.slice(pos + 1 + Math.floor(rnd() * 5));
    yield lines.join('\n');
  }
}

describe('differential: dockerfile-utils', () => {
  const fixtures = loadFixtures();
  let agreed = 0;
  let divergent = 0;
  let instructions = 0;

  for (const fx of fixtures) {
    it(fx.name, () => {
      const c = compare(fx.text, lintFixture(fx).findings);
      assert.deepEqual(c.mismatches, []);
      assert.deepEqual(missingInstructions(fx.text), []);
      agreed += c.agreed;
      divergent += c.divergent.length;
      instructions += DockerfileParser.parse(fx.text).getInstructions().length;
    });
  }

  it('fixtures: syntax errors found by both tools', () => {
    // The fixtures hold real syntax errors, so the agreement above is not vacuous.
    assert.ok(agreed >= 35, `only ${agreed} agreed syntax errors`);
    console.log(`  fixtures: ${instructions} instructions, ${agreed} syntax errors agreed, ${divergent} documented divergences`);
  });

  it('600 mutated fixtures agree (up to documented divergences)', () => {
    let n = 0;
    let withErrors = 0;
    let div = 0;
    const problems: string[] = [];
    for (const text of mutations(fixtures, 600)) {
      n++;
      const { findings } = lintFixture({ name: 'mutant', text, expected: [] });
      const c = compare(text, findings);
      if (utilsErrors(text).length > 0) withErrors++;
      div += c.divergent.length;
      problems.push(...c.mismatches, ...missingInstructions(text));
    }
    console.log(`  mutants: ${n}, with syntax errors: ${withErrors}, documented divergences: ${div}`);
    assert.deepEqual(problems, []);
  });
});
