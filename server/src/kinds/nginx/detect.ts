// Content signs of an nginx config, shared by the nginx kind and the VS Code client (which bundles
// this module alone: it must stay free of imports).

/** A line `location <args> {` (scanned line by line: no regex, no backtracking). */
export function hasLocationLine(text: string): boolean {
  for (const raw of text.split('\n')) {
    const line = raw.trimStart();
    if (!line.startsWith('location') || (line[8] !== ' ' && line[8] !== '\t')) continue;
    const brace = line.indexOf('{');
    const semi = line.indexOf(';');
    if (brace > 8 && (semi < 0 || semi > brace)) return true;
  }
  return false;
}
