// `npm run fuzz -- [--runs N] [--seed S] [--kind sshd,nginx,…]`: the mutation fuzzer of
// test/robustness, for longer runs. Prints the seed of any failure so that it can be replayed.
import { KINDS } from '../server/src/kinds';
import { fuzzKind } from '../test/robustness/fuzz-lib';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.split('=')[1];
}

const runs = Number(arg('runs') ?? 100_000);
const seed = Number(arg('seed') ?? Date.now() % 2 ** 31);
const only = arg('kind')?.split(',');
let failed = 0;
for (const kind of KINDS) {
  if (only && !only.includes(kind.id)) continue;
  const t0 = Date.now();
  const { inputs, failures } = fuzzKind(kind, { runs, seed });
  console.log(`${kind.id}: ${inputs} inputs in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${failures.length} failures (seed ${seed})`);
  for (const f of failures) {
    failed++;
    console.log(`  FAIL seed=${f.seed} ${f.input.rel}: ${f.problem}\n  input: ${JSON.stringify(f.input.text).slice(0, 1000)}`);
  }
}
console.log(failed === 0 ? `no failures (seed ${seed}, ${runs} runs per kind)` : `${failed} failures: replay with --seed ${seed} --runs ${runs}`);
process.exit(failed === 0 ? 0 : 1);
