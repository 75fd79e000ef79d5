// REQ012: a package name that looks like a typo of a popular package (typosquatting).
import type { Rule } from '../../../engine/kind';
import type { UnitModel } from '../model';
import { KNOWN_NEIGHBOURS, POPULAR_PACKAGES } from '../popular';

const POPULAR = new Set(POPULAR_PACKAGES);
const MIN_LENGTH = 5;

/** Optimal string alignment distance, capped: returns max+1 as soon as it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j];
    prev = cur;
  }
  return prev[b.length];
}

/** The popular package a name imitates, and how. */
export function lookalikeOf(key: string): { target: string; how: string } | undefined {
  if (POPULAR.has(key) || KNOWN_NEIGHBOURS.has(key)) return undefined;
  if (POPULAR.has(`python-${key}`)) return { target: `python-${key}`, how: `is the name of the popular python-${key} without its "python-" prefix` };
  if (key.startsWith('python-') && POPULAR.has(key.slice(7))) return { target: key.slice(7), how: `is the popular ${key.slice(7)} with a "python-" prefix added` };
  if (key.length < MIN_LENGTH) return undefined;
  for (const p of POPULAR_PACKAGES) {
    if (p.length < MIN_LENGTH || Math.abs(p.length - key.length) > 1) continue;
    if (editDistance(key, p, 1) <= 1) return { target: p, how: `is one character away from the popular ${p}` };
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
