// Checked against the real server (Debian nginx-light): every valid fixture passes `nginx -t`,
// every fixture our parser rejects is rejected by `nginx -t` too, and every quick fix offered on any
// fixture leaves a configuration that still passes `nginx -t` and no longer has that finding.
// Fixtures marked `nginx-t: skip` (Lua, templates, newer-than-packaged directives) are parser-only.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, type Finding, type Fix } from '../../../server/src/engine';
import { describeFinding } from '../../helpers/rule-tester';
import { lintFixture, loadFixtures, nginxTest, PREFIX, requireNginx } from './fixtures-lib';

const fixtures = loadFixtures();
const haveNginx = requireNginx();

function applyFix(files: Record<string, string>, fix: Fix): Record<string, string> {
  const out = { ...files };
  const byFile = new Map<string, Fix['edits']>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, edits] of byFile) {
    const rel = file.slice(PREFIX.length + 1);
    assert.ok(rel in out, `fix edits a file outside the fixture: ${file}`);
    out[rel] = applyEdits(out[rel], edits);
  }
  return out;
}

/** Parse errors (structure) as opposed to include problems. */
function rejectsSyntax(findings: Finding[]): boolean {
  return findings.some((f) => f.ruleId === 'NGX000' && f.severity === 'error');
}

describe('nginx -t agreement', { skip: !haveNginx }, () => {
  const tested = fixtures.filter((f) => f.nginxT !== 'skip');

  it(`every valid fixture passes nginx -t, every invalid one fails (${tested.length} fixtures, ${fixtures.length - tested.length} parser-only)`, () => {
    const wrong: string[] = [];
    for (const fx of tested) {
      const r = nginxTest(fx.nginxFiles);
      if (r.ok !== (fx.nginxT === 'pass')) wrong.push(`${fx.name}: expected nginx -t to ${fx.nginxT}, got ${r.ok ? 'pass' : 'fail'}\n${r.output}`);
    }
    console.log(`nginx -t: ${tested.length - wrong.length}/${tested.length} fixtures as declared`);
    assert.deepEqual(wrong, []);
  });

  it('every fixture our parser rejects is rejected by nginx -t (and no valid fixture is rejected by us)', () => {
    let rejected = 0;
    const wrong: string[] = [];
    for (const fx of tested) {
      if (!rejectsSyntax(lintFixture(fx).findings)) continue;
      rejected++;
      const r = nginxTest(fx.nginxFiles);
      if (r.ok) wrong.push(`${fx.name}: NGX000 reported but nginx -t accepts it`);
    }
    for (const fx of fixtures.filter((f) => f.nginxT === 'pass')) {
      if (rejectsSyntax(lintFixture(fx).findings)) wrong.push(`${fx.name}: valid for nginx, rejected by our parser`);
    }
    console.log(`syntax agreement: ${rejected} fixtures rejected by our parser, all rejected by nginx -t: ${wrong.length === 0}`);
    assert.deepEqual(wrong, []);
  });

  it('the nginx setup of examples/vps passes nginx -t', () => {
    const base = path.resolve(__dirname, '..', '..', '..', 'examples', 'vps', 'etc', 'nginx');
    const files: Record<string, string> = {};
    const walk = (d: string) => {
      for (const n of fs.readdirSync(d)) {
        const p = path.join(d, n);
        if (fs.statSync(p).isDirectory()) walk(p);
        else files[path.relative(base, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
      }
    };
    walk(base);
    const r = nginxTest(files);
    assert.ok(r.ok, r.output);
  });

  it('every quick fix keeps the configuration valid for nginx -t and removes its finding', () => {
    let applied = 0;
    let checkedWithNginx = 0;
    const wrong: string[] = [];
    for (const fx of fixtures) {
      const { findings } = lintFixture(fx);
      for (const f of findings) {
        for (const fix of f.fixes ?? []) {
          applied++;
          const patched = applyFix(fx.files, fix);
          const again = lintFixture(fx, patched).findings;
          if (again.some((g) => g.ruleId === f.ruleId && g.rel === f.rel && g.range.start.line === f.range.start.line && g.message === f.message)) {
            wrong.push(`${fx.name}: "${fix.title}" did not remove ${describeFinding(f)}`);
          }
          if (fx.nginxT !== 'pass') continue;
          const nginxFiles = { ...fx.nginxFiles, ...patched };
          const r = nginxTest(nginxFiles);
          checkedWithNginx++;
          if (!r.ok) wrong.push(`${fx.name}: "${fix.title}" for ${describeFinding(f)} breaks nginx -t:\n${r.output}`);
        }
      }
    }
    console.log(`quick fixes: ${applied} applied, ${checkedWithNginx} re-checked with nginx -t, ${wrong.length} problems`);
    assert.ok(applied > 30, `only ${applied} quick fixes were exercised`);
    assert.deepEqual(wrong, []);
  });
});

