// REQ002: a requirement in a production file that does not pin a version (no upper bound at all).
import type { Rule } from '../../../engine/kind';
import type { Fix } from '../../../engine/types';
import { exactSpec, requirementHead } from '../helpers';
import type { UnitModel } from '../model';
import { constrainedKeys, isVersionedName } from './shared';

const UPPER = new Set(['==', '===', '~=', '<', '<=']);

export const REQ002: Rule<UnitModel> = {
  meta: {
    id: 'REQ002',
    kind: 'requirements',
    title: 'Unpinned requirement in a production file',
    severity: 'warning',
    fix: 'partial',
    why: 'Without a pinned version every deploy may install a different release (including a compromised or broken one), and scanners that need exact pins cannot see which version runs.',
    anchors: 'hadolint DL3013 (inside Dockerfiles); Trivy (only == parsed); pip-audit --no-deps requires exact pins',
  },
  check({ model, report }) {
    const constrained = constrainedKeys(model);
    for (const { file, entry } of model.requirements) {
      const req = entry.requirement!;
      if (file.role !== 'production' || file.input || !isVersionedName(req) || constrained.has(req.key!)) continue;
      if (req.specifiers.some((s) => UPPER.has(s.op)) || exactSpec(req)) continue;
      const name = req.name!;
      let message: string;
      const fixes: Fix[] = [];
      if (req.specifiers.length === 0) {
        message = `${name} is not pinned: any release can be installed. Pin the version you tested, e.g. ${name}==<version>`;
      } else {
        const spec = req.specifiers.map((s) => s.op + s.version).join(',');
        message = `${name}${spec} has no upper bound: any newer release can be installed. Pin the version you tested with ==`;
        const lower = req.specifiers.length === 1 && req.specifiers[0].op === '>=' ? req.specifiers[0] : undefined;
        if (lower) {
          fixes.push({
            title: `Pin ${name}==${lower.version}`,
            edits: [{ file: file.file, range: { start: lower.range.start, end: lower.versionRange.start }, newText: '==' }],
            caveat: `${lower.version} is the lowest version the range allowed; pin the version you actually test with if it is newer.`,
          });
        }
      }
      report({ file: file.file, range: requirementHead(req), message, fixes: fixes.length ? fixes : undefined });
    }
  },
};
