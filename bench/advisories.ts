// How long indexing an offline OSV advisory folder takes (once per process in the server and CLI),
// and how long lookups take afterwards.
// Usage: node --import tsx bench/advisories.ts [--json] [DIR]   (DIR defaults to ../shared/osv-pypi)
import * as path from 'node:path';
import { FolderAdvisorySource, suggestFix } from '../server/src/advisories';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dir = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.resolve(__dirname, '..', '..', 'shared', 'osv-pypi'));

const source = new FolderAdvisorySource(dir);
const t0 = performance.now();
source.ensureIndexed();
const indexMs = performance.now() - t0;
if (source.problem) {
  console.error(`cannot index ${dir}: ${source.problem}`);
  process.exit(1);
}
const stats = source.stats!;

// Lookups as REQ001 does them: match, then compute the suggested upgrade.
const queries: [string, string][] = [
  ['django', '3.2'],
  ['flask', '2.2.2'],
  ['requests', '2.31.0'],
  ['pyyaml', '5.1'],
  ['jinja2', '3.1.6'],
  ['pillow', '9.0.0'],
];
const t1 = performance.now();
const rounds = 50;
for (let i = 0; i < rounds; i++) {
  for (const [name, version] of queries) {
    const answer = source.lookup(name, version);
    if (answer.state === 'ok') suggestFix(name, version, answer.advisories, answer.all);
  }
}
const lookupMs = (performance.now() - t1) / (rounds * queries.length);

if (json) {
  console.log(JSON.stringify({ dir, indexMs, lookupMs, files: stats.files, records: stats.records, packages: stats.packages, skipped: stats.skipped }));
} else {
  console.log(`indexed ${stats.records} advisories for ${stats.packages} packages (${stats.files} files, ${stats.skipped} skipped) from ${dir}`);
  console.log(`indexing: ${indexMs.toFixed(0)} ms   lookup + upgrade suggestion: ${lookupMs.toFixed(2)} ms per requirement`);
}
