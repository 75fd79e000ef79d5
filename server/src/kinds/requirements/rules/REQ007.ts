// REQ007: --extra-index-url (dependency confusion).
import type { Rule } from '../../../engine/kind';
import type { UnitModel } from '../model';

export const REQ007: Rule<UnitModel> = {
  meta: {
    id: 'REQ007',
    kind: 'requirements',
    title: '--extra-index-url allows dependency confusion',
    severity: 'warning',
    fix: 'no',
    why: 'pip picks the highest version of a name across all indexes, so anyone can publish a package on PyPI with an internal package\'s name and a higher version and have it installed.',
  },
  check({ model, report }) {
    for (const file of model.files) {
      for (const entry of file.parsed.entries) {
        for (const o of entry.options) {
          if (o.name !== '--extra-index-url') continue;
          report({
            file: file.file,
            range: o.range,
            message: `${o.spelled} ${o.value ?? ''} adds a second index: pip installs the highest version of a name found on any index, so a public package can shadow an internal one (dependency confusion). Serve both through one proxying --index-url instead`,
          });
        }
      }
    }
  },
};
