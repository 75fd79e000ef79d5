// The sshd model checked against the real daemon (Debian openssh-server): for every fixture, the
// effective value of every security keyword the rules read equals what `sshd -T` prints (with
// `-C user=…,host=…,addr=…` for Match cases); sshd refuses exactly the fixtures we report as
// unreadable (SSH000/SSH033 errors); and every quick fix offered yields a file `sshd -t` accepts and
// removes the finding it was offered for.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Engine, MemoryWorkspace, applyEdits, type Finding } from '../../../server/src/engine';
import { sshdKind } from '../../../server/src/kinds/sshd';
import { buildModel } from '../../../server/src/kinds/sshd/model';
import { versionText } from '../../../server/src/kinds/sshd/versions';
import { COMPARED, findSshd, fixtures, installedVersion, materialize, ourDump, readTree, sshdDump, sshdTest } from './daemon-helpers';

const sshd = findSshd();
const ROOT = '/fx';

if (!sshd && !process.env.CI) {
  console.log('SKIPPED sshd daemon agreement tests: /usr/sbin/sshd is missing (apt-get install openssh-server); CI runs them.');
} else {
  describe('agreement with the real sshd', () => {
    assert.ok(sshd, 'sshd is required in CI: apt-get install -y openssh-server');
    const version = installedVersion(sshd);
    const all = fixtures();
    const config = { openssh: { version: version.label } };
    const stats = { dumps: 0, values: 0, fixes: 0 };
    after(() => console.log(`sshd ${versionText(version)}: ${all.length} fixtures, ${stats.dumps} sshd -T dumps, ${stats.values} effective values equal, ${stats.fixes} quick fixes accepted by sshd -t`));

    it(`has at least 30 fixtures (target ${versionText(version)})`, () => {
      assert.ok(all.filter((f) => !f.invalid).length >= 30, `only ${all.length} fixtures`);
    });

    for (const fx of all) {
      const files = readTree(fx.dir);
      const memFiles = Object.fromEntries(Object.entries(files).map(([rel, text]) => [`${ROOT}/${rel}`, text]));
      const model = () => buildModel(new MemoryWorkspace(memFiles, [ROOT]), `${ROOT}/sshd_config`, { version });

      it(`${fx.name}: sshd refuses it exactly when we report a fatal SSH000/SSH033`, () => {
        const tmp = materialize(files);
        const daemon = sshdTest(sshd, path.join(tmp, 'sshd_config'));
        const errors = model().diagnostics.filter((d) => d.fatal);
        if (fx.invalid) assert.equal(daemon.ok, false, `${fx.name} is meant to be refused by sshd`);
        assert.equal(errors.length === 0, daemon.ok, `sshd says "${daemon.error}", we report ${JSON.stringify(errors.map((e) => e.message))}`);
        fs.rmSync(tmp, { recursive: true, force: true });
      });

      if (fx.invalid) continue;

      for (const conn of [...(fx.plain ? [undefined] : []), ...fx.connections]) {
        it(`${fx.name}: effective values equal sshd -T${conn ? ` -C ${JSON.stringify(conn)}` : ''}`, () => {
          const tmp = materialize(files);
          const daemon = sshdDump(sshd, path.join(tmp, 'sshd_config'), conn);
          fs.rmSync(tmp, { recursive: true, force: true });
          const m = model();
          if (!daemon.ok) {
            // Version-gated fixtures: this daemon refuses the file, and so do we (checked above).
            assert.ok(m.diagnostics.some((d) => d.fatal), `sshd -T fails (${daemon.error}) but we report nothing fatal`);
            return;
          }
          const mismatches: string[] = [];
          for (const option of COMPARED) {
            let theirs = daemon.lines.get(option) ?? [];
            if (option === 'hostkey') theirs = theirs.slice(1); // the -h key comes first
            const ours = ourDump(m, option, conn ?? {});
            if (JSON.stringify(theirs) !== JSON.stringify(ours)) mismatches.push(`${option}: sshd ${JSON.stringify(theirs)} / ours ${JSON.stringify(ours)}`);
          }
          assert.deepEqual(mismatches, []);
          stats.dumps++;
          stats.values += COMPARED.length;
        });
      }

      it(`${fx.name}: every quick fix keeps sshd -t happy and removes its finding`, () => {
        const rels = Object.keys(files).filter((r) => r === 'sshd_config' || sshdKind.claims(r, () => undefined));
        const lintAll = (texts: Record<string, string>) => {
          const ws = new MemoryWorkspace(
            { ...Object.fromEntries(Object.entries(texts).map(([r, t]) => [`${ROOT}/${r}`, t])), [`${ROOT}/.deployguard.json`]: JSON.stringify({ ...config, rules: { SSH030: 'on', SSH031: 'on' } }) },
            [ROOT],
          );
          const engine = new Engine(ws, [ROOT], [sshdKind]);
          return rels.flatMap((r) => engine.lintFile(`${ROOT}/${r}`).findings);
        };
        const key = (f: Finding) => `${f.ruleId}|${f.file}|${f.message}`;
        const before = lintAll(files);
        const original = materialize(files);
        const accepted = sshdTest(sshd, path.join(original, 'sshd_config')).ok;
        fs.rmSync(original, { recursive: true, force: true });
        if (!accepted) return; // refused before any fix (version-gated fixture)
        for (const finding of before) {
          for (const fix of finding.fixes ?? []) {
            const fixed = { ...files };
            const byFile = new Map<string, typeof fix.edits>();
            for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
            for (const [file, edits] of byFile) {
              const rel = file.slice(ROOT.length + 1);
              assert.ok(rel in fixed, `fix "${fix.title}" edits unknown file ${file}`);
              fixed[rel] = applyEdits(fixed[rel], edits);
            }
            const tmp = materialize(fixed);
            const daemon = sshdTest(sshd, path.join(tmp, 'sshd_config'));
            fs.rmSync(tmp, { recursive: true, force: true });
            assert.ok(daemon.ok, `sshd -t rejects the result of "${fix.title}" (${finding.ruleId}): ${daemon.error}`);
            const count = (list: Finding[]) => list.filter((f) => key(f) === key(finding)).length;
            assert.ok(count(lintAll(fixed)) < count(before), `"${fix.title}" did not remove ${finding.ruleId}: ${finding.message}`);
            stats.fixes++;
          }
        }
      });
    }
  });
}
