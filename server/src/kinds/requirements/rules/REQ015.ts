// REQ015: risky global options: --pre in production, --no-binary :all:, --no-index with a relative
// --find-links folder. (--use-deprecated is not accepted in a requirements file at all: REQ000.)
import type { Rule } from '../../../engine/kind';
import type { UnitModel } from '../model';

export const REQ015: Rule<UnitModel> = {
  meta: {
    id: 'REQ015',
    kind: 'requirements',
    title: 'Risky pip option',
    severity: 'info',
    fix: 'no',
    why: 'These options install untested pre-releases, force building every package from source (running its build scripts), or take packages from a folder anyone with write access can fill.',
    anchors: 'pip "Secure installs" docs (--only-binary :all: recommendation)',
  },
  check({ model, report }) {
    const noIndex = model.files.some((f) => f.parsed.entries.some((e) => e.options.some((o) => o.name === '--no-index')));
    for (const file of model.files) {
      for (const entry of file.parsed.entries) {
        for (const o of entry.options) {
          if (o.name === '--pre' && file.role === 'production') {
            report({ file: file.file, range: o.range, message: `${o.spelled} lets pip install pre-releases and development releases of every package in production: untested code. Pin the pre-release you need instead` });
          } else if (o.name === '--no-binary' && o.value?.split(',').includes(':all:')) {
            report({ file: file.file, range: o.range, message: `${o.spelled} ${o.value} builds every package from source, running each one's build scripts on this machine; prefer wheels (--only-binary :all:) and name only the packages that must be built` });
          } else if (o.name === '--find-links' && noIndex && o.value && !/^[a-z][a-z0-9+.-]*:/i.test(o.value) && !o.value.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(o.value)) {
            report({ file: file.file, range: o.range, message: `--no-index with ${o.spelled} ${o.value}: packages come only from a relative folder, so whoever can write there (or whatever folder pip is started in) decides what gets installed` });
          }
        }
      }
    }
  },
};
