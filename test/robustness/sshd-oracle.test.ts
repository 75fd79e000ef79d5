// Mutated sshd configurations against the real daemon (issue 9, item 1: a file that fails to parse
// is never reported clean). Seeded mutations of the valid sshd fixtures (characters that matter to
// sshd's tokenizer inserted or deleted, lines cut, keywords and values retyped) are given to
// `sshd -t` and to our model: when sshd refuses the configuration, we report a fatal SSH000/SSH033
// (never "clean"); when sshd accepts it, we report nothing fatal (no invented syntax error), and the
// effective value of every security keyword the rules read equals what `sshd -T` prints.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MemoryWorkspace } from '../../server/src/engine';
import { buildModel } from '../../server/src/kinds/sshd/model';
import { COMPARED, findSshd, fixtures, installedVersion, materialize, ourDump, readTree, sshdDump } from '../kinds/sshd/daemon-helpers';
import { mutate, type Mutation } from './fuzz-lib';

const RUNS = Number(process.env.DEPLOYGUARD_SSHD_ORACLE_RUNS ?? 300);
const SEED = Number(process.env.DEPLOYGUARD_SSHD_ORACLE_SEED ?? 20261201);
const ROOT = '/fx';

/** What sshd's tokenizer and keyword table care about. */
const PIECES = ['"', "'", '\\', '#', '\n', ' ', '\t', '=', ',', '*', '!', '@', ':', '-', '+', '^', 'yes', 'no', '0', '22', 'Match ', 'Match all\n', 'Include ', 'all', 'User ', 'Port ', 'PermitRootLogin ', 'Ciphers ', 'aes256-ctr', 'AuthenticationMethods ', 'publickey', 'none', 'X11Forwarding ', 'LogLevel ', 'VERBOSE', 'Subsystem ', 'sftp', '\r\n'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...PIECES) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
);

const sshd = findSshd();
if (!sshd && !process.env.CI) console.log('SKIPPED sshd oracle: /usr/sbin/sshd is missing (apt-get install openssh-server); CI runs it.');

describe('mutated sshd configurations: sshd refuses exactly what we report as fatal, and reads the same values', { skip: !sshd && !process.env.CI }, () => {
  it(`${RUNS} seeded mutations of the valid fixtures (seed ${SEED})`, () => {
    assert.ok(sshd, 'sshd is required in CI: apt-get install -y openssh-server');
    const version = installedVersion(sshd);
    const check = (files: Record<string, string>) => {
      const tmp = materialize(files);
      try {
        return sshdDump(sshd, path.join(tmp, 'sshd_config'));
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    };
    // Fixtures with a Match LocalPort make plain `sshd -T` demand -C lport=: they are not used.
    const cases = fixtures()
      .filter((f) => !f.invalid && f.plain)
      .map((f) => ({ name: f.name, files: readTree(f.dir) }))
      .filter((c) => check(c.files).ok);
    assert.ok(cases.length >= 20, `only ${cases.length} fixtures sshd accepts`);
    const stats = { refused: 0, accepted: 0, values: 0, skipped: 0 };
    const wrong: string[] = [];
    fc.assert(
      fc.property(fc.nat({ max: cases.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (k, ops) => {
        const c = cases[k];
        const files = { ...c.files, sshd_config: mutate(c.files.sshd_config, ops) };
        // materialize() rewrites Include arguments unquoted: an escaped or quoted one would change meaning.
        if (/^[ \t]*include\b[^\n]*["'\\]/im.test(files.sshd_config)) {
          stats.skipped++;
          return true;
        }
        const daemon = check(files);
        const memFiles = Object.fromEntries(Object.entries(files).map(([r, t]) => [`${ROOT}/${r}`, t]));
        const model = buildModel(new MemoryWorkspace(memFiles, [ROOT]), `${ROOT}/sshd_config`, { version });
        const fatal = model.diagnostics.filter((d) => d.fatal);
        const input = JSON.stringify(files.sshd_config).slice(0, 600);
        if (!daemon.ok) {
          stats.refused++;
          if (fatal.length === 0) wrong.push(`${c.name}: sshd refuses it ("${daemon.error.split('\n')[0]}"), we report nothing fatal\n    ${input}`);
          return true;
        }
        stats.accepted++;
        if (fatal.length > 0) {
          wrong.push(`${c.name}: sshd accepts it, we report "${fatal[0].message}"\n    ${input}`);
          return true;
        }
        for (const option of COMPARED) {
          let theirs = daemon.lines.get(option) ?? [];
          if (option === 'hostkey') theirs = theirs.slice(1); // the -h key comes first
          // sshd prefixes a relative file name with its working directory (derelativise_path); we keep it as written.
          theirs = theirs.map((v) => (v.startsWith(`${process.cwd()}/`) ? v.slice(process.cwd().length + 1) : v));
          const ours = ourDump(model, option, {});
          if (JSON.stringify(theirs) !== JSON.stringify(ours)) {
            wrong.push(`${c.name}: ${option} is ${JSON.stringify(theirs)} for sshd -T, ${JSON.stringify(ours)} for us\n    ${input}`);
            break;
          }
        }
        stats.values += COMPARED.length;
        return true;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`sshd oracle (${version.label}): ${RUNS} mutated configurations (${stats.skipped} with a quoted Include skipped), ${stats.refused} refused by sshd -t, ${stats.accepted} accepted (${stats.values} effective values compared with sshd -T), ${wrong.length} disagreements (seed ${SEED})`);
    assert.ok(wrong.length === 0, `${wrong.length} disagreements with sshd -t:\n${wrong.slice(0, 25).join('\n')}`);
  });
});
