// Fixed-seed sample of the mutation fuzzer for every registered kind (npm run fuzz runs longer).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { KINDS } from '../../server/src/kinds';
import { fuzzKind, kindFixtures } from './fuzz-lib';

const RUNS = Number(process.env.DEPLOYGUARD_FUZZ_RUNS ?? 20000);
const SEED = 20261128;

describe('fuzzed parsers (fixed seed)', () => {
  for (const kind of KINDS) {
    it(`${kind.id}: ${RUNS} mutated inputs neither crash, hang nor report ranges outside the document`, () => {
      assert.ok(Object.keys(kindFixtures(kind)).length > 0, `${kind.id} has no fixtures to mutate`);
      const { inputs, failures } = fuzzKind(kind, { runs: RUNS, seed: SEED });
      console.log(`fuzz ${kind.id}: ${inputs} inputs, ${failures.length} failures (seed ${SEED})`);
      assert.deepEqual(
        failures.map((f) => `${f.input.rel}: ${f.problem}\n--- input (JSON) ---\n${JSON.stringify(f.input.text).slice(0, 2000)}`),
        [],
      );
    });
  }
});
