// Our OSV matcher against an independent one in Python (packaging's Version, as vendored by
// Debian's python3-pip) over the shared data: for every package, every version its records name and
// the .post1 / rc1 / .dev0 neighbours of every bound must give the same advisory ids.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FolderAdvisorySource } from '../../server/src/advisories';
import { OSV_DIR, osvDataSkip } from './osv-data';

const PYTHON = '/usr/bin/python3';

function pythonReady(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'from pip._vendor.packaging.version import Version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const skip = osvDataSkip();
const ready = pythonReady();
if (!ready && !process.env.CI) console.log(`SKIPPED OSV agreement test: ${PYTHON} with pip is missing (apt-get install python3-pip); CI runs it.`);

describe('OSV matching agrees with a Python reference', { skip: skip || (!ready && !process.env.CI ? 'python3-pip missing' : false) }, () => {
  it('gives the same advisory ids for every version named in the data', () => {
    assert.ok(ready, `${PYTHON} with pip is required in CI: apt-get install -y python3-pip`);
    const source = new FolderAdvisorySource(OSV_DIR);
    const sample = source.packageNames().sort();
    const script = path.join(__dirname, 'osv_reference.py');
    const ref = JSON.parse(execFileSync(PYTHON, [script, OSV_DIR, ...sample], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8')) as [string, string, string[]][];
    let differ = 0;
    const examples: string[] = [];
    for (const [name, version, ids] of ref) {
      const answer = source.lookup(name, version);
      const got = answer.state === 'ok' ? answer.advisories.map((a) => a.id).sort() : [answer.state];
      if (JSON.stringify(got) !== JSON.stringify(ids)) {
        differ++;
        if (examples.length < 10) examples.push(`${name} ${version}: python ${ids.join(' ')} / ours ${got.join(' ')}`);
      }
    }
    console.log(`OSV agreement: ${ref.length} (package, version) queries over ${sample.length} packages, ${differ} differ`);
    assert.ok(ref.length > 100_000, `${ref.length} queries`);
    assert.deepEqual(examples, []);
  });
});
