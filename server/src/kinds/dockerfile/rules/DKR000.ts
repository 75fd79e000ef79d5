// DKR000: the Dockerfile cannot be read as BuildKit reads it (computed by syntax.ts).
import { meta, reportAt, type DRule } from '../ruleutil';

export const DKR000: DRule = {
  meta: meta(
    'DKR000',
    'Dockerfile syntax error',
    'error',
    'no',
    'BuildKit refuses the file (or /bin/sh refuses a RUN), so the image cannot be built; findings from the parts that parsed are still reported.',
    'BuildKit parser errors; dockerfile-utils (Docker VS Code extension) syntax diagnostics',
  ),
  check(ctx) {
    for (const p of ctx.model.syntax) reportAt(ctx, p.start, p.end, p.message);
  },
};
