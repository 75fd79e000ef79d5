// How analysis cost grows with input size, for the linearity tests: the CPU time of a task on an
// input of size n and on one of size 4n. Linear work gives a ratio near 4, quadratic work 16; the
// check allows 10, so a busy machine does not make it fail while a quadratic step does.
import { strict as assert } from 'node:assert';

/** CPU milliseconds of `task` (user + system), the least of `runs` runs: the machine may be busy. */
export function cpuMs(task: () => void, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    task();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/**
 * Asserts that `setup(n)` returns a task whose cost grows at most about linearly: the task for 4n
 * costs less than 10× the task for n. `setup` is not timed (building inputs, warming caches).
 */
export function assertLinear(what: string, setup: (n: number) => () => void, n: number): { small: number; large: number } {
  setup(Math.max(1, Math.floor(n / 8)))(); // warm the JIT up
  const small = cpuMs(setup(n));
  const large = cpuMs(setup(4 * n));
  assert.ok(large < 10 * Math.max(small, 1), `${what}: ${small.toFixed(1)} ms for n=${n}, ${large.toFixed(1)} ms for 4n (${(large / small).toFixed(1)}×; linear work gives about 4×)`);
  return { small, large };
}
