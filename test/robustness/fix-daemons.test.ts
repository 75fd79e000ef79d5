// Quick fixes keep the daemons happy on variants of the fixtures too (issue 9, item 4). The kinds'
// own suites check that every fix on every fixture passes `sshd -t` / `nginx -t`; here the same is
// checked on variants that the daemon itself still accepts (CRLF line breaks, tab indentation,
// comment lines, trailing comments: fixture-variants.ts). On the way, the parser must agree with the
// daemon about each variant: no syntax error reported on a variant the daemon accepts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, Engine, MemoryWorkspace, type Fix } from '../../server/src/engine';
import { sshdKind } from '../../server/src/kinds/sshd';
import { buildModel } from '../../server/src/kinds/sshd/model';
import { findSshd, fixtures as sshdFixtures, installedVersion, materialize, readTree, sshdTest } from '../kinds/sshd/daemon-helpers';
import { lintFixture, loadFixtures, nginxBinary, nginxTest, PREFIX } from '../kinds/nginx/fixtures-lib';
import { describeFinding } from '../helpers/rule-tester';
import { variantOf, type VariantName } from './fixture-variants';

/** The variants where a daemon's reading can differ (line breaks, indentation, comments after values). */
const SSHD_VARIANTS: VariantName[] = ['crlf', 'trailing-comments'];
const NGINX_VARIANTS: VariantName[] = ['crlf', 'tabs', 'trailing-comments'];

/** A fix applied to a set of files keyed relative to `base` (absolute paths in the edits). */
function applyFixTo(files: Record<string, string>, fix: Fix, base: string): Record<string, string> {
  const out = { ...files };
  for (const c of fix.createFiles ?? []) out[c.file.slice(base.length + 1)] = c.text;
  const byFile = new Map<string, Fix['edits']>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, edits] of byFile) {
    const rel = file.slice(base.length + 1);
    assert.ok(rel in out, `the fix edits a file outside the fixture: ${file}`);
    out[rel] = applyEdits(out[rel], edits);
  }
  return out;
}

function missing(binary: string, install: string): boolean {
  if (process.env.CI) return false;
  console.log(`SKIPPED fixes on fixture variants against ${binary}: it is not installed (${install}); CI runs them.`);
  return true;
}

const sshd = findSshd();
describe('quick fixes on still-valid variants of the sshd fixtures keep sshd -t green', { skip: !sshd && missing('sshd', 'apt-get install openssh-server') }, () => {
  it('every fix on every variant sshd accepts', () => {
    assert.ok(sshd, 'sshd is required in CI: apt-get install -y openssh-server');
    const ROOT = '/fx';
    const version = installedVersion(sshd);
    const config = JSON.stringify({ openssh: { version: version.label }, rules: { SSH030: 'on', SSH031: 'on' } });
    const stats = { variants: 0, refused: 0, fixes: 0 };
    const wrong: string[] = [];
    for (const fx of sshdFixtures().filter((f) => !f.invalid)) {
      const files = readTree(fx.dir);
      const rels = Object.keys(files).filter((r) => r === 'sshd_config' || sshdKind.claims(r, () => files[r]));
      const lint = (texts: Record<string, string>) => {
        const ws = new MemoryWorkspace({ ...Object.fromEntries(Object.entries(texts).map(([r, t]) => [`${ROOT}/${r}`, t])), [`${ROOT}/.deployguard.json`]: config }, [ROOT]);
        const engine = new Engine(ws, [ROOT], [sshdKind]);
        return rels.flatMap((r) => engine.lintFile(`${ROOT}/${r}`).findings);
      };
      const accepts = (texts: Record<string, string>) => {
        const tmp = materialize(texts);
        try {
          return sshdTest(sshd, path.join(tmp, 'sshd_config'));
        } finally {
          fs.rmSync(tmp, { recursive: true, force: true });
        }
      };
      if (!accepts(files).ok) continue; // version-gated fixture: refused as it is
      for (const variant of SSHD_VARIANTS) {
        const changed = { ...files };
        for (const r of rels) changed[r] = variantOf(variant, files[r], 'sshd') ?? files[r];
        if (rels.every((r) => changed[r] === files[r])) continue;
        const daemon = accepts(changed);
        const findings = lint(changed);
        // What we say sshd refuses: the model's fatal diagnostics (SSH000, SSH033 for keywords not allowed in Match).
        const memFiles = Object.fromEntries(Object.entries(changed).map(([r, t]) => [`${ROOT}/${r}`, t]));
        const fatal = buildModel(new MemoryWorkspace(memFiles, [ROOT]), `${ROOT}/sshd_config`, { version }).diagnostics.filter((d) => d.fatal);
        if (!daemon.ok) {
          stats.refused++;
          if (fatal.length === 0) wrong.push(`${fx.name} [${variant}]: sshd refuses it ("${daemon.error}") but we report nothing fatal`);
          continue;
        }
        stats.variants++;
        if (fatal.length > 0) wrong.push(`${fx.name} [${variant}]: sshd accepts it, we report ${fatal.map((d) => d.message).join('; ')}`);
        for (const f of findings) {
          for (const fix of f.fixes ?? []) {
            stats.fixes++;
            const r = accepts(applyFixTo(changed, fix, ROOT));
            if (!r.ok) wrong.push(`${fx.name} [${variant}]: "${fix.title}" for ${describeFinding(f)} makes sshd -t fail: ${r.error}`);
          }
        }
      }
    }
    console.log(`sshd variants: ${stats.variants} accepted by sshd -t (${stats.refused} refused), ${stats.fixes} fixes re-checked with sshd -t, ${wrong.length} problems`);
    assert.ok(stats.fixes > 100, `only ${stats.fixes} fixes were exercised`);
    assert.ok(wrong.length === 0, wrong.join('\n'));
  });
});

const nginx = nginxBinary();
describe('quick fixes on still-valid variants of the nginx fixtures keep nginx -t green', { skip: !nginx && missing('nginx', 'apt-get install nginx-light') }, () => {
  it('every fix on every variant nginx accepts', () => {
    assert.ok(nginx, 'nginx is required in CI: apt-get install -y nginx-light');
    const stats = { variants: 0, refused: 0, fixes: 0 };
    const wrong: string[] = [];
    for (const fx of loadFixtures().filter((f) => f.nginxT === 'pass')) {
      for (const variant of NGINX_VARIANTS) {
        const changed: Record<string, string> = {};
        for (const [rel, text] of Object.entries(fx.files)) changed[rel] = rel === 'mime.types' ? text : (variantOf(variant, text, 'nginx') ?? text);
        if (Object.keys(changed).every((r) => changed[r] === fx.files[r])) continue;
        const daemon = nginxTest({ ...fx.nginxFiles, ...changed });
        const { findings } = lintFixture(fx, changed);
        const syntax = findings.filter((f) => f.ruleId === 'NGX000' && f.severity === 'error');
        if (!daemon.ok) {
          stats.refused++;
          if (syntax.length === 0) wrong.push(`${fx.name} [${variant}]: nginx -t refuses it but we report no NGX000:\n${daemon.output}`);
          continue;
        }
        stats.variants++;
        if (syntax.length > 0) wrong.push(`${fx.name} [${variant}]: nginx -t accepts it, we report ${syntax.map(describeFinding).join('; ')}`);
        for (const f of findings) {
          for (const fix of f.fixes ?? []) {
            stats.fixes++;
            const r = nginxTest({ ...fx.nginxFiles, ...applyFixTo(changed, fix, PREFIX) });
            if (!r.ok) wrong.push(`${fx.name} [${variant}]: "${fix.title}" for ${describeFinding(f)} makes nginx -t fail:\n${r.output}`);
          }
        }
      }
    }
    console.log(`nginx variants: ${stats.variants} accepted by nginx -t (${stats.refused} refused), ${stats.fixes} fixes re-checked with nginx -t, ${wrong.length} problems`);
    assert.ok(stats.fixes > 100, `only ${stats.fixes} fixes were exercised`);
    assert.ok(wrong.length === 0, wrong.join('\n'));
  });
});
