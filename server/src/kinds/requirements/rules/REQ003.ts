// REQ003: a loose pin in a production file (~=, ==X.*, upper bound only, ===).
import type { Rule } from '../../../engine/kind';
import type { Fix } from '../../../engine/types';
import { parseVersion } from '../../../advisories/version';
import { requirementHead } from '../helpers';
import type { UnitModel } from '../model';
import { constrainedKeys, isVersionedName } from './shared';

export const REQ003: Rule<UnitModel> = {
  meta: {
    id: 'REQ003',
    kind: 'requirements',
    title: 'Loosely pinned requirement in a production file',
    severity: 'info',
    fix: 'partial',
    why: 'A compatible-release or wildcard pin still lets the installed version drift between deploys, and tools that audit only exact pins skip it.',
    anchors: 'Trivy (skips .*/~= by default)',
  },
  check({ model, report }) {
    const constrained = constrainedKeys(model);
    for (const { file, entry } of model.requirements) {
      const req = entry.requirement!;
      if (file.role !== 'production' || file.input || !isVersionedName(req) || constrained.has(req.key!)) continue;
      if (req.specifiers.some((s) => s.op === '==' && !s.wildcard)) continue;
      const name = req.name!;
      const arbitrary = req.specifiers.find((s) => s.op === '===');
      const compatible = req.specifiers.find((s) => s.op === '~=');
      const wildcard = req.specifiers.find((s) => s.op === '==' && s.wildcard);
      const upper = req.specifiers.find((s) => s.op === '<' || s.op === '<=');
      const fixes: Fix[] = [];
      let message: string;
      if (arbitrary) {
        message = `${name}===${arbitrary.version} uses arbitrary string equality, which bypasses PEP 440 version semantics; pin with == instead`;
        if (parseVersion(arbitrary.version)) {
          fixes.push({ title: `Pin ${name}==${arbitrary.version}`, edits: [{ file: file.file, range: { start: arbitrary.range.start, end: arbitrary.versionRange.start }, newText: '==' }] });
        }
      } else if (compatible) {
        message = `${name}~=${compatible.version} allows any compatible release: the installed version drifts between deploys; pin it with ==`;
        fixes.push({
          title: `Pin ${name}==${compatible.version}`,
          edits: [{ file: file.file, range: { start: compatible.range.start, end: compatible.versionRange.start }, newText: '==' }],
          caveat: `${compatible.version} is the lowest version the range allowed; pin the version you actually test with if it is newer.`,
        });
      } else if (wildcard) {
        message = `${name}==${wildcard.version} matches a whole release series: the installed version drifts between deploys; pin an exact version`;
      } else if (upper) {
        message = `${name}${req.specifiers.map((s) => s.op + s.version).join(',')} is a range, not a pin: the installed version drifts between deploys; pin an exact version`;
      } else {
        continue; // no upper bound at all: REQ002
      }
      report({ file: file.file, range: requirementHead(req), message, fixes: fixes.length ? fixes : undefined });
    }
  },
};
