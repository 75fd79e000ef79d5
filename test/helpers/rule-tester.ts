// Table-driven rule tests in the spirit of ESLint's RuleTester: for one rule, a list of `valid`
// cases (no finding of that rule) and `invalid` cases (exactly the expected findings, and the text
// after applying the preferred quick fix). Files live in an in-memory workspace rooted at /ws.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits, Engine, MemoryWorkspace, type Finding, type Fix, type Kind, type Severity } from '../../server/src/engine';

export const WS = '/ws';

export interface LintInput {
  /** Text of the file under test. */
  code: string;
  /** Its workspace-relative path (default: the tester's `path`). */
  path?: string;
  /** Other workspace files (relative path → text), e.g. includes or a .deployguard.json. */
  files?: Record<string, string>;
  /** Contents of .deployguard.json as an object. */
  config?: object;
}

export function makeEngine(kinds: Kind[], files: Record<string, string>, config?: object) {
  const all: Record<string, string> = {};
  for (const [rel, text] of Object.entries(files)) all[`${WS}/${rel}`] = text;
  if (config) all[`${WS}/.deployguard.json`] = JSON.stringify(config);
  const ws = new MemoryWorkspace(all, [WS]);
  const logs: string[] = [];
  const engine = new Engine(ws, [WS], kinds, { log: (m) => logs.push(m) });
  return { ws, engine, logs };
}

/** Lints one file of an in-memory workspace and returns its findings (after config and suppressions). */
export function lint(kinds: Kind[], input: LintInput & { path: string }): Finding[] {
  const { engine, logs } = makeEngine(kinds, { ...(input.files ?? {}), [input.path]: input.code }, input.config);
  const result = engine.lintFile(`${WS}/${input.path}`);
  assert.deepEqual(logs, [], `the engine logged errors:\n${logs.join('\n')}`);
  return result.findings;
}

/** Applies a fix's edits to the files they touch; returns the new texts by workspace-relative path. */
export function applyFix(files: Record<string, string>, fix: Fix): Record<string, string> {
  const out = { ...files };
  for (const created of fix.createFiles ?? []) out[created.file.slice(WS.length + 1)] = created.text;
  const byFile = new Map<string, Fix['edits']>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, edits] of byFile) {
    const rel = file.slice(WS.length + 1);
    assert.ok(rel in out, `fix edits unknown file ${file}`);
    out[rel] = applyEdits(out[rel], edits);
  }
  return out;
}

export interface ExpectedFinding {
  /** 1-based line of the range start. */
  line: number;
  /** 1-based column of the range start (optional). */
  column?: number;
  /** 1-based end line / end column (exclusive), optional. */
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  message?: RegExp;
  /** Workspace-relative path of the file the finding is in (default: the file under test). */
  path?: string;
}

export interface InvalidCase extends LintInput {
  name?: string;
  errors: ExpectedFinding[];
  /** Text of the file under test after applying the first finding's preferred (or first) fix; null: no fix offered. */
  output?: string | null;
}

export interface ValidCase extends LintInput {
  name?: string;
}

function fixOf(f: Finding): Fix | undefined {
  return f.fixes?.find((x) => x.isPreferred) ?? f.fixes?.[0];
}

/**
 * Registers node:test cases for one rule. `path` is the default workspace-relative path of the
 * file under test. Only findings of `ruleId` are compared; other rules may fire too.
 */
export function ruleTester(kinds: Kind[], ruleId: string, path: string, cases: { valid: (ValidCase | string)[]; invalid: InvalidCase[] }) {
  describe(ruleId, () => {
    cases.valid.forEach((c, i) => {
      const vc: ValidCase = typeof c === 'string' ? { code: c } : c;
      it(`valid ${i + 1}${vc.name ? `: ${vc.name}` : ''}`, () => {
        const p = vc.path ?? path;
        const found = lint(kinds, { ...vc, path: p }).filter((f) => f.ruleId === ruleId);
        assert.deepEqual(found.map(describeFinding), [], `expected no ${ruleId} finding`);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid ${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const p = c.path ?? path;
        const files = { ...(c.files ?? {}), [p]: c.code };
        const { engine, logs } = makeEngine(kinds, files, c.config);
        const targets = new Set([p, ...c.errors.map((e) => e.path ?? p)]);
        const found: { rel: string; f: Finding }[] = [];
        for (const rel of targets) {
          for (const f of engine.lintFile(`${WS}/${rel}`).findings) if (f.ruleId === ruleId) found.push({ rel, f });
        }
        assert.deepEqual(logs, [], `the engine logged errors:\n${logs.join('\n')}`);
        assert.equal(found.length, c.errors.length, `expected ${c.errors.length} ${ruleId} finding(s), got:\n${found.map((x) => `${x.rel}: ${describeFinding(x.f)}`).join('\n')}`);
        c.errors.forEach((exp, j) => {
          const { rel, f } = found[j];
          const where = `${ruleId} #${j + 1}: ${describeFinding(f)}`;
          assert.equal(rel, exp.path ?? p, where);
          assert.equal(f.range.start.line + 1, exp.line, `line of ${where}`);
          if (exp.column !== undefined) assert.equal(f.range.start.character + 1, exp.column, `column of ${where}`);
          if (exp.endLine !== undefined) assert.equal(f.range.end.line + 1, exp.endLine, `end line of ${where}`);
          if (exp.endColumn !== undefined) assert.equal(f.range.end.character + 1, exp.endColumn, `end column of ${where}`);
          if (exp.severity) assert.equal(f.severity, exp.severity, `severity of ${where}`);
          if (exp.message) assert.match(f.message, exp.message, `message of ${where}`);
        });
        if (c.output !== undefined) {
          const fix = fixOf(found[0].f);
          if (c.output === null) {
            assert.equal(fix, undefined, 'expected no quick fix');
          } else {
            assert.ok(fix, 'expected a quick fix');
            const after = applyFix(files, fix);
            assert.equal(after[p], c.output);
            // The fix removes the finding it was offered for.
            const again = makeEngine(kinds, after, c.config).engine.lintFile(`${WS}/${found[0].rel}`).findings;
            assert.ok(
              !again.some((f) => f.ruleId === ruleId && f.range.start.line === found[0].f.range.start.line && f.message === found[0].f.message),
              `the fix did not remove the finding: ${describeFinding(found[0].f)}`,
            );
          }
        }
      });
    });
  });
}

export function describeFinding(f: Finding): string {
  return `${f.ruleId} ${f.severity} ${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.message}`;
}
