// Where the shared OSV test data lives: ../shared/osv-pypi relative to the repository root
// (read in place; nothing of it is copied into this repository).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
export const OSV_DIR = path.resolve(REPO, '..', 'shared', 'osv-pypi');

/**
 * `false` when the data is there; otherwise a visible skip reason. In CI the data must be there,
 * so a missing folder fails instead of skipping.
 */
export function osvDataSkip(): string | false {
  if (fs.existsSync(path.join(OSV_DIR, 'README.md'))) return false;
  const message = `shared OSV data not found at ${OSV_DIR}: advisory tests skipped`;
  if (process.env.CI) throw new Error(message);
  process.stderr.write(`# ${message}\n`);
  return message;
}
