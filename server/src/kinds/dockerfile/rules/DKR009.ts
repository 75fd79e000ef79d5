// DKR009: the whole build context is copied while .dockerignore is missing or lets .git / .env* through.
import * as path from 'node:path';
import { LineIndex } from '../../../engine/text';
import { Dockerignore, REQUIRED_EXCLUSIONS, dockerignoreTemplate } from '../dockerignore';
import { copyParts } from './DKR008';
import { fix, meta, reportAt, type DRule } from '../ruleutil';

const BROAD = new Set(['.', './', '*', './*', '/', '/.', '/*', './.']);

export const DKR009: DRule = {
  meta: meta(
    'DKR009',
    'Whole build context copied without a .dockerignore for .git and .env',
    'warning',
    'yes',
    'COPY . copies everything in the build context: the .git history (with every secret ever committed) and local .env files end up in the image unless .dockerignore excludes them.',
    undefined,
  ),
  check(ctx) {
    const { model } = ctx;
    if (!path.isAbsolute(model.file)) return;
    const ignore = model.dockerignore ? new Dockerignore(model.dockerignore.text) : undefined;
    const missing = ignore ? REQUIRED_EXCLUSIONS.filter((r) => r.samples.some((s) => !ignore.excludes(s))) : [];
    if (ignore && missing.length === 0) return;
    const eol = model.index.eol;
    for (const instr of model.instructions) {
      if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || instr.flags.some((f) => f.name === 'from')) continue;
      const { sources } = copyParts(instr);
      const broad = sources.find((s) => s.resolved && BROAD.has(s.value));
      if (!broad) continue;
      if (!ignore) {
        reportAt(ctx, broad.start, broad.end, `${instr.keyword} ${broad.value} copies the whole build context and there is no .dockerignore: .git and .env files go into the image`, {
          fixes: [fix('Create a .dockerignore', [], { createFiles: [{ file: model.dockerignorePath, text: dockerignoreTemplate(eol) }], isPreferred: true })],
        });
        continue;
      }
      const di = model.dockerignore!;
      const text = di.text;
      const sep = text === '' || /[\r\n]$/.test(text) ? '' : eol;
      const idx = new LineIndex(text);
      const at = idx.positionAt(text.length);
      reportAt(ctx, broad.start, broad.end, `${instr.keyword} ${broad.value} copies the whole build context, and ${di.file.slice(di.file.lastIndexOf('/') + 1)} does not exclude ${missing.map((m) => m.pattern).join(' and ')}`, {
        fixes: [
          fix(
            `Add ${missing.map((m) => m.pattern).join(', ')} to ${di.file.slice(di.file.lastIndexOf('/') + 1)}`,
            [{ file: di.file, range: { start: at, end: at }, newText: sep + missing.map((m) => m.pattern).join(eol) + eol }],
            { isPreferred: true },
          ),
        ],
      });
    }
  },
};
