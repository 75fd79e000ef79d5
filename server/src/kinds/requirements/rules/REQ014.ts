// REQ014: include-graph problems: an -r/-c file that is missing, a cycle, and one package pinned
// to different versions by files installed together (reported at each later pin, with the first
// as related information).
import { parseVersion } from '../../../advisories/version';
import type { Rule } from '../../../engine/kind';
import { exactSpec, requirementHead } from '../helpers';
import { commonIncluder, type OrderedRequirement, type UnitModel } from '../model';

export const REQ014: Rule<UnitModel> = {
  meta: {
    id: 'REQ014',
    kind: 'requirements',
    title: 'Include graph problem: missing file, cycle or conflicting pins',
    severity: 'warning',
    fix: 'no',
    why: 'With layered requirements files the version that gets installed is not the one a reader sees in one file, and a missing or cyclic include makes pip fail outright.',
    anchors: '— (Dependabot confusion with layered files: dependabot-core#1213, #9409, #2272)',
  },
  check({ model, report }) {
    for (const p of model.includeProblems) report({ file: p.file, range: p.range, message: p.message, severity: p.severity });

    const first = new Map<string, { r: OrderedRequirement; version: string; canonical: string }>();
    for (const r of model.requirements) {
      const req = r.entry.requirement!;
      if (!req.key || req.form !== 'name' || req.url) continue;
      const spec = exactSpec(req);
      if (!spec) continue;
      const canonical = parseVersion(spec.version)?.canonical ?? spec.version;
      const seen = first.get(req.key);
      if (!seen) {
        first.set(req.key, { r, version: spec.version, canonical });
        continue;
      }
      if (seen.canonical === canonical) continue;
      const a = seen.r.entry.requirement!;
      // Pins under different environment markers apply to different installs.
      if ((a.marker?.text ?? '') !== (req.marker?.text ?? '')) continue;
      const where = seen.r.file === r.file ? `line ${seen.r.entry.range.start.line + 1}` : `${seen.r.file.rel}:${seen.r.entry.range.start.line + 1}`;
      const kind = (x: OrderedRequirement) => (x.constraint ? 'constraint' : 'requirement');
      report({
        file: r.file.file,
        range: requirementHead(req),
        message: `${req.name} is pinned to ${spec.version} here but to ${seen.version} in ${where} (${kind(seen.r)}), and both are read in the same install of ${commonIncluder(seen.r.file, r.file).rel}: pip cannot satisfy both and stops with a conflict`,
        related: [{ file: seen.r.file.file, range: requirementHead(a), message: `${a.name}==${seen.version} (first pin)` }],
      });
    }
  },
};
