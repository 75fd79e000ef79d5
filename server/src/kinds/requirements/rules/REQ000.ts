// REQ000: a line pip cannot read (or reads while silently ignoring part of it).
import type { Rule } from '../../../engine/kind';
import type { UnitModel } from '../model';

export const REQ000: Rule<UnitModel> = {
  meta: {
    id: 'REQ000',
    kind: 'requirements',
    title: 'Requirements line pip cannot read',
    severity: 'error',
    fix: 'no',
    why: 'pip stops at the first line it cannot parse, so nothing in the file gets installed; a part pip silently ignores (an option after a requirement, a stray word) does not do what it says.',
  },
  check({ model, report }) {
    for (const f of model.files) {
      for (const p of f.parsed.problems) {
        report({ file: f.file, range: p.range, message: p.message, severity: p.severity });
      }
    }
  },
};
