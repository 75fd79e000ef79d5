// DJG000: the settings module is not valid Python (reported at the exact range; the rest still counts).
import type { Rule } from '../../../engine/kind';
import type { DjangoModel } from '../model';
import { meta } from './common';

export const DJG000: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG000',
    title: 'Python syntax error in a settings module',
    severity: 'error',
    fix: 'no',
    why: 'Django cannot import a settings module with a syntax error, so the site does not start; settings after the error may not be what you think.',
  }),
  check(ctx) {
    for (const py of ctx.model.unit.files.values()) {
      for (const e of py.errors) {
        ctx.report({ file: py.file, range: py.index.range(e.from, e.to), message: `Python syntax error: ${e.message}` });
      }
    }
  },
};
