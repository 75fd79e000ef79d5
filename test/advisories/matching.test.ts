// OSV matching over the real PyPA advisory data in ../shared/osv-pypi (see its README: the worked
// examples and the quirks a matcher must survive).
import { strict as assert } from 'node:assert';
import { before, describe, it } from 'node:test';
import { affects, FolderAdvisorySource, suggestFix, type Advisory } from '../../server/src/advisories';
import { OSV_DIR, osvDataSkip } from './osv-data';

const skip = osvDataSkip();

describe('OSV matching over the shared PyPI data', { skip }, () => {
  let source: FolderAdvisorySource;
  const ids = (name: string, version: string): string[] => {
    const answer = source.lookup(name, version);
    assert.equal(answer.state, 'ok');
    return answer.state === 'ok' ? answer.advisories.map((a) => a.id).sort() : [];
  };
  const byId = new Map<string, Advisory>();
  const record = (id: string): Advisory => {
    const found = byId.get(id);
    assert.ok(found, `${id} is in the data`);
    return found;
  };

  before(() => {
    source = new FolderAdvisorySource(OSV_DIR);
    for (const name of source.packageNames()) for (const a of source.advisoriesFor(name)) byId.set(a.id, a);
  });

  it('indexes every record of the folder (README.md is not a record)', () => {
    const stats = source.stats!;
    assert.equal(stats.files, 6811);
    assert.equal(stats.records, 6811);
    assert.equal(stats.skipped, 0);
    assert.equal(stats.packages, 1469);
  });

  it('finds exactly the advisories of the README worked examples', () => {
    assert.deepEqual(ids('flask', '2.2.2'), ['PYSEC-2023-62', 'PYSEC-2026-2151']);
    assert.deepEqual(ids('requests', '2.31.0'), ['PYSEC-2026-1872', 'PYSEC-2026-1873', 'PYSEC-2026-2275']);
    assert.deepEqual(ids('PyYAML', '5.1'), ['PYSEC-2020-176', 'PYSEC-2020-96', 'PYSEC-2021-142']);
    assert.deepEqual(ids('gunicorn', '21.2.0'), ['PYSEC-2026-1433', 'PYSEC-2026-1434']);
    assert.deepEqual(ids('jinja2', '3.1.6'), []);
  });

  it('normalises names as PEP 503 does, for queries and for records (jw.util)', () => {
    assert.deepEqual(ids('Flask', '2.2.2'), ids('flask', '2.2.2'));
    assert.deepEqual(ids('pyyaml', '5.1'), ids('PyYAML', '5.1'));
    assert.deepEqual(ids('JW_Util', '2.2'), ['PYSEC-2020-341']);
    assert.deepEqual(ids('jw.util', '2.0.0'), ['PYSEC-2020-341'], '2.0.0 equals the listed 2 and 2.0');
    assert.deepEqual(ids('jw-util', '2.3'), []);
  });

  it('treats fixed as exclusive and introduced as inclusive (flask PYSEC-2023-62)', () => {
    const a = record('PYSEC-2023-62');
    const at = (v: string) => affects(a, 'flask', v);
    assert.deepEqual(['2.2.4', '2.2.5', '2.3.0', '2.3.1', '2.3.2', '0.1'].map(at), [true, false, true, true, false, true]);
  });

  it('treats last_affected as inclusive, with pre- and post-releases on the right side (paramiko PYSEC-2026-2858)', () => {
    const a = record('PYSEC-2026-2858');
    const at = (v: string) => affects(a, 'paramiko', v);
    assert.equal(at('4.0.0'), true);
    assert.equal(at('4.0'), true, '4.0 == 4.0.0');
    assert.equal(at('4.0.0rc1'), true, 'a pre-release sorts before its release');
    assert.equal(at('4.0.0.post1'), false, 'a post-release sorts after its release');
    assert.equal(at('4.0.1.dev0'), false);
    assert.equal(at('4.0.1'), false);
  });

  it('compares post-release bounds by PEP 440 (beaker PYSEC-2012-1: fixed 1.6.5.post1)', () => {
    const a = record('PYSEC-2012-1');
    const at = (v: string) => affects(a, 'beaker', v);
    assert.deepEqual(['1.6.5', '1.6.5.post0', '1.6.5.post1', '1.6.5-1', '1.6.6'].map(at), [true, true, false, false, false]);
  });

  it('matches pre-releases listed in versions[] that the ranges leave out (django PYSEC-2023-61)', () => {
    const a = record('PYSEC-2023-61');
    assert.equal(affects(a, 'django', '4.2rc1'), true);
    assert.equal(affects(a, 'django', '4.2.0rc1'), true, 'PEP 440 equality, not string equality');
    assert.equal(affects(a, 'django', '4.2c1'), true, 'c is an alternative spelling of rc');
    assert.equal(affects(a, 'django', '4.2.1'), false);
    assert.ok(ids('django', '4.2rc1').includes('PYSEC-2023-61'));
  });

  it('skips range bounds that are not PEP 440 (apache-airflow PYSEC-2024-264: last_affected 2.9.0-NA)', () => {
    // Events: introduced 0, last_affected 2.9.0-NA (skipped), 2.9.0-beta1, -beta2, -rc1, -rc2, -rc3.
    // The walk turns "affected" off past the first last_affected (2.9.0b1) and nothing turns it on again.
    const a = record('PYSEC-2024-264');
    const at = (v: string) => affects(a, 'apache-airflow', v);
    assert.deepEqual(['2.8.0', '2.9.0b1', '2.9.0b2', '2.9.0rc3', '2.9.0'].map(at), [true, true, false, false, false]);
  });

  it('sorts events written out of order (django PYSEC-2022-190)', () => {
    const a = record('PYSEC-2022-190');
    const at = (v: string) => affects(a, 'django', v);
    assert.deepEqual(['4.0.3', '4.0.4', '3.2.12', '3.2.13', '2.2.27', '2.2.28'].map(at), [true, false, true, false, true, false]);
  });

  it('survives the tie of PYSEC-2024-258 and the overlap of PYSEC-2021-114 through versions[]', () => {
    const scrapy = record('PYSEC-2024-258');
    assert.deepEqual(['1.8.0', '2.0.0', '2.5.0', '2.11.1', '2.11.2'].map((v) => affects(scrapy, 'scrapy', v)), [true, true, true, true, false]);
    const wagtail = record('PYSEC-2021-114');
    assert.equal(affects(wagtail, 'wagtail', '2.11.6'), true);
    assert.equal(affects(wagtail, 'wagtail', '2.11.7'), false);
  });

  it('matches versions that are not PEP 440 by their exact text, and never crashes on them', () => {
    assert.deepEqual(ids('paramiko', '0.1-bulbasaur'), ['PYSEC-2008-8', 'PYSEC-2018-19', 'PYSEC-2022-166', 'PYSEC-2026-2858']);
    assert.deepEqual(ids('paramiko', 'trunk'), []);
    assert.deepEqual(ids('paramiko', ''), []);
  });

  it('reads records with two affected entries (PYSEC-2026-3486) and entries without ranges', () => {
    assert.ok(ids('mistral', '20.1.0').includes('PYSEC-2026-3486'));
    assert.ok(!ids('mistral', '20.1.1').includes('PYSEC-2026-3486'));
  });

  it('finds every listed version affected by its own record, for every record in the data', () => {
    let checked = 0;
    for (const adv of byId.values()) {
      for (const entry of adv.affected) {
        for (const v of entry.versions) {
          checked++;
          if (!affects(adv, entry.name, v)) assert.fail(`${adv.id} lists ${entry.name} ${v} but does not match it`);
        }
      }
    }
    assert.equal(byId.size, 6811);
    assert.ok(checked > 100_000, `checked ${checked} listed versions`);
  });

  it('suggests the lowest version above the pin that no known advisory affects', () => {
    const fix = (name: string, v: string) => {
      const answer = source.lookup(name, v);
      assert.equal(answer.state, 'ok');
      return answer.state === 'ok' ? suggestFix(name, v, answer.advisories, answer.all) : undefined;
    };
    assert.equal(fix('flask', '2.2.2')!.version, '3.1.3');
    assert.equal(fix('requests', '2.31.0')!.version, '2.33.0');
    assert.equal(fix('PyYAML', '5.1')!.version, '5.4');
    assert.equal(fix('gunicorn', '21.2.0')!.version, '22.0.0');
    // Every advisory of the package is checked at the suggested version.
    const django = fix('django', '3.2')!.version!;
    assert.deepEqual(ids('django', django), []);
    // An advisory without a fixed version above the pin leaves no version to suggest.
    const scrapy = fix('scrapy', '2.0.0')!;
    assert.equal(scrapy.version, undefined);
    assert.ok(scrapy.unfixed.some((a) => a.id === 'PYSEC-2017-83'));
  });
});
