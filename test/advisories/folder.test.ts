// The offline folder index on hand-made folders: odd layouts, broken files, withdrawn records,
// names filed by a cheap scan and checked when parsed.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CombinedSource, FolderAdvisorySource, mergeAdvisories, scanPackageNames, trimRecord, type AdvisoryAnswer, type AdvisorySource } from '../../server/src/advisories';

const record = (id: string, affected: unknown[], extra: object = {}) => JSON.stringify({ id, summary: `${id} summary`, affected, ...extra }, null, 1);
const pypi = (name: string, events: object[], versions: string[] = []) => ({ package: { ecosystem: 'PyPI', name }, ranges: [{ type: 'ECOSYSTEM', events }], versions });

describe('offline advisory folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-osv-folder-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'README.md'), '# not a record');
  fs.writeFileSync(path.join(dir, 'A-1.json'), record('A-1', [pypi('Some_Pkg', [{ introduced: '0' }, { fixed: '2.0' }])], { details: 'text with "package": {"name": "decoy", "ecosystem": "PyPI"} inside' }));
  fs.writeFileSync(path.join(dir, 'A-2.json'), record('A-2', [pypi('some-pkg', [{ introduced: '1.5' }])], { withdrawn: '2024-01-01T00:00:00Z' }));
  fs.writeFileSync(path.join(dir, 'A-3.json'), '{ "id": "A-3", "affected": [ {"package": ');
  fs.writeFileSync(path.join(dir, 'A-4.json'), record('A-4', [{ package: { name: 'other', ecosystem: 'npm' }, versions: ['1.0'] }]));
  fs.mkdirSync(path.join(dir, 'vulns', 'nested'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'vulns', 'nested', 'B-1.json'), record('B-1', [pypi('nested', [{ introduced: '0' }, { last_affected: '1.0' }])]));

  it('files records under their PyPI names (any spelling), including sub-folders', () => {
    const src = new FolderAdvisorySource(dir);
    assert.deepEqual(src.packageNames().sort(), ['nested', 'some-pkg'], 'a "package" object quoted inside details is not a package');
    const answer = src.lookup('SOME.PKG', '1.9');
    assert.equal(answer.state, 'ok');
    assert.deepEqual(answer.state === 'ok' ? answer.advisories.map((a) => a.id) : [], ['A-1'], 'the withdrawn A-2 is dropped');
    assert.deepEqual(src.advisoriesFor('decoy'), []);
    const nested = src.lookup('nested', '1.0');
    assert.deepEqual(nested.state === 'ok' ? nested.advisories.map((a) => a.id) : [], ['B-1']);
    const stats = src.stats!;
    assert.equal(stats.files, 5);
    assert.equal(stats.skipped, 2, 'the truncated file and the npm-only record');
  });

  it('is "unavailable" (with the reason) for a missing or empty folder', () => {
    const missing = new FolderAdvisorySource(path.join(dir, 'nope'));
    const a = missing.lookup('x', '1');
    assert.equal(a.state, 'unavailable');
    assert.match(a.state === 'unavailable' ? a.reason : '', /does not exist/);
    const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-osv-empty-'));
    const b = new FolderAdvisorySource(emptyDir).lookup('x', '1');
    assert.match(b.state === 'unavailable' ? b.reason : '', /no OSV records found/);
    fs.rmSync(emptyDir, { recursive: true, force: true });
  });

  it('scans package objects in any key order and gives up on unexpected shapes', () => {
    assert.deepEqual(scanPackageNames('{"affected":[{"package":{"name":"Foo_Bar","ecosystem":"PyPI"}},{"package" : { "ecosystem": "PyPI:3", "purl": "x}", "name": "b"}}]}'), ['foo-bar', 'b']);
    assert.deepEqual(scanPackageNames('{"affected":[{"package":{"name":"x","ecosystem":"Go"}}]}'), []);
    assert.equal(scanPackageNames('{"affected":[{"package":{"name":{"nested":1}}}]}'), undefined);
    assert.equal(scanPackageNames('{"affected":[{"package":{"name":"x"'), undefined);
  });
});

describe('several advisory sources as one', () => {
  const adv = (id: string, aliases: string[]) => trimRecord({ id, aliases, affected: [{ package: { name: 'p', ecosystem: 'PyPI' }, versions: ['1.0'] }] })!;
  const fixed = (answer: AdvisoryAnswer): AdvisorySource => ({ label: 'fixed', lookup: () => answer });

  it('merges records that name each other (PYSEC with its GHSA), keeping the first id', () => {
    const merged = mergeAdvisories([[adv('PYSEC-1', ['CVE-1', 'GHSA-1'])], [adv('GHSA-1', ['CVE-1']), adv('GHSA-2', [])]]);
    assert.deepEqual(merged.map((a) => [a.id, a.aliases.sort()]), [
      ['PYSEC-1', ['CVE-1', 'GHSA-1']],
      ['GHSA-2', []],
    ]);
  });

  it('answers as soon as one source has answered, and says which could not', () => {
    const ok = fixed({ state: 'ok', advisories: [adv('A', [])] });
    const pending = fixed({ state: 'pending' });
    const down = fixed({ state: 'unavailable', reason: 'API down' });
    const a = new CombinedSource([ok, down]).lookup('p', '1.0');
    assert.deepEqual(a.state === 'ok' ? [a.advisories.map((x) => x.id), a.unavailable] : a, [['A'], ['API down']]);
    assert.equal(new CombinedSource([pending, down]).lookup('p', '1.0').state, 'pending');
    assert.deepEqual(new CombinedSource([down, down]).lookup('p', '1.0'), { state: 'unavailable', reason: 'API down; API down' });
  });
});
