import * as fs from 'node:fs';
import { KINDS } from '../../server/src/kinds';
import { fuzzKind } from './fuzz-lib';
const only = process.argv[2];
for (const kind of KINDS) {
  if (only && kind.id !== only) continue;
  const c0 = process.cpuUsage(); const t0 = Date.now();
  const r = fuzzKind(kind, { runs: 20000, seed: 20261128 });
  const c = process.cpuUsage(c0);
  console.log(`${kind.id}: wall ${((Date.now()-t0)/1000).toFixed(1)} s, cpu ${((c.user+c.system)/1e6).toFixed(1)} s, ${r.inputs} inputs, ${r.failures.length} failures`);
  if (r.failures.length) fs.writeFileSync(`/tmp/dgx/fuzz-fail-${kind.id}.json`, JSON.stringify(r.failures, null, 1));
}
