// Small sshd workspaces for the protocol and CLI tests, written to a temporary folder per test
// (tests edit them). The layout maps /etc/ssh onto etc/ssh/ of the repository, as a VPS repo does.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const MAIN = 'etc/ssh/sshd_config';
export const DROPIN = 'etc/ssh/sshd_config.d/50-cloud-init.conf';

/** A main sshd_config that includes its drop-ins first (as Debian's does), root login on (SSH001). */
export const MAIN_TEXT = [
  '# Managed by hand',
  'Include /etc/ssh/sshd_config.d/*.conf',
  'PermitRootLogin yes',
  'PasswordAuthentication no',
  'AllowUsers deploy',
  '',
].join('\n');

/** cloud-init's drop-in turning password logins back on (SSH002 here, SSH034 over the main file's "no"). */
export const DROPIN_TEXT = 'PasswordAuthentication yes\n';

export function makeWorkspace(files: Record<string, string> = { [MAIN]: MAIN_TEXT, [DROPIN]: DROPIN_TEXT }): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-proto-')));
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

export function removeWorkspace(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** Position of the first occurrence of `needle` in `text` (0-based line and UTF-16 column). */
export function positionOf(text: string, needle: string): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${JSON.stringify(needle)} not in text`);
  const before = text.slice(0, i).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}
