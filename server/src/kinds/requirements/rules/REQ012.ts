// REQ012: a package name that looks like a typo of a popular package (typosquatting).
import type { Rule } from '../../../engine/kind';
import type { UnitModel } from '../model';
import { KNOWN_NEIGHBOURS, POPULAR_PACKAGES } from '../popular';

const POPULAR = new Set(POPULAR_PACKAGES);
const MIN_LENGTH = 5;

/** True when `b` is `a` with one character inserted, deleted, replaced, or two neighbours swapped. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const BY_LENGTH = new Map<number, string[]>();
for (const p of POPULAR) {
  if (p.length < MIN_LENGTH) continue;
  const list = BY_LENGTH.get(p.length);
  if (list) list.push(p);
  else BY_LENGTH.set(p.length, [p]);
}
const verdicts = new Map<string, { target: string; how: string } | null>();

/** The popular package a name imitates, and how (memoised per name). */
export function lookalikeOf(key: string): { target: string; how: string } | undefined {
  const hit = verdicts.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const found = imitated(key);
  if (verdicts.size > 50_000) verdicts.clear();
  verdicts.set(key, found ?? null);
  return found;
}

function imitated(key: string): { target: string; how: string } | undefined {
  if (POPULAR.has(key) || KNOWN_NEIGHBOURS.has(key)) return undefined;
  if (POPULAR.has(`python-${key}`)) return { target: `python-${key}`, how: `is the name of the popular python-${key} without its "python-" prefix` };
  if (key.startsWith('python-') && POPULAR.has(key.slice(7))) return { target: key.slice(7), how: `is the popular ${key.slice(7)} with a "python-" prefix added` };
  if (key.length < MIN_LENGTH) return undefined;
  // Only names of length ±1 can be one edit away.
  for (let len = key.length - 1; len <= key.length + 1; len++) {
    for (const p of BY_LENGTH.get(len) ?? []) {
      if (withinOneEdit(key, p)) return { target: p, how: `is one character away from the popular ${p}` };
    }
  }
  return undefined;
}

export const REQ012: Rule<UnitModel> = {
  meta: {
    id: 'REQ012',
    kind: 'requirements',
    title: 'Package name looks like a typosquat',
    severity: 'warning',
    fix: 'no',
    why: 'Attackers publish packages whose names are one typo away from popular ones; installing one runs its setup code on the build machine and ships it to production.',
    anchors: '— (OSV MAL- only for already-reported packages, via REQ001)',
  },
  check({ model, report }) {
    for (const { file, entry } of model.requirements) {
      const req = entry.requirement!;
      if (!req.key || !req.nameRange || req.form !== 'name') continue;
      const hit = lookalikeOf(req.key);
      if (!hit) continue;
      report({
        file: file.file,
        range: req.nameRange,
        message: `${req.name} ${hit.how}: typosquatting packages use such names to run malware at install time. Check the name (did you mean ${hit.target}?)`,
      });
    }
  },
};
