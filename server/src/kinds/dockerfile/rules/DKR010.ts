// DKR010: COPY --from=<stage> / (the entire filesystem of another stage).
import { copyParts } from './DKR008';
import { meta, reportAt, type DRule } from '../ruleutil';

export const DKR010: DRule = {
  meta: meta(
    'DKR010',
    'Entire filesystem copied from another stage',
    'warning',
    'no',
    'Copying / from another stage drags its credentials, caches, setuid binaries and package databases into this stage, defeating the point of a multi-stage build.',
    'hadolint DL3067',
  ),
  check(ctx) {
    for (const instr of ctx.model.instructions) {
      if (instr.keyword !== 'COPY') continue;
      const from = instr.flags.find((f) => f.name === 'from');
      if (!from) continue;
      for (const src of copyParts(instr).sources) {
        if (!src.resolved || !['/', '/.', '/*', '//'].includes(src.value)) continue;
        reportAt(ctx, src.start, src.end, `COPY --from=${from.value} ${src.value} copies the entire filesystem of ${from.value}: copy only the paths you need`);
      }
    }
  },
};
