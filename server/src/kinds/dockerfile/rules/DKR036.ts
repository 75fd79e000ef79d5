// DKR036: ADD for local files (COPY is explicit).
import { replaceEdit } from '../edits';
import { copyParts } from './DKR008';
import { fix, meta, reportAt, type DRule } from '../ruleutil';

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tar\.lzma|tlz)$/i;
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude']);

export const DKR036: DRule = {
  meta: meta(
    'DKR036',
    'ADD used for local files',
    'warning',
    'yes',
    'ADD also downloads URLs and unpacks archives; for plain local files COPY says exactly what happens, so a renamed file cannot turn into a remote fetch or an extraction.',
    'hadolint DL3020; CKV_DOCKER_4; DS-0005; KICS "Add Instead of Copy"',
  ),
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.allInstructions) {
      if (instr.keyword !== 'ADD') continue;
      const { sources } = copyParts(instr);
      const heredoc = instr.args.some((a) => a.raw.startsWith('<<'));
      if (sources.length === 0 && !heredoc) continue;
      if (sources.some((s) => !s.resolved || /^[a-z][a-z0-9+.-]*:\/\//i.test(s.value) || /^git@/.test(s.value) || ARCHIVE.test(s.value))) continue;
      const compatible = instr.flags.every((f) => COPY_FLAGS.has(f.name));
      const written = model.text.slice(instr.keywordStart, instr.keywordEnd);
      const copy = written === written.toLowerCase() ? 'copy' : written === 'Add' ? 'Copy' : 'COPY';
      reportAt(ctx, instr.keywordStart, instr.keywordEnd, `ADD of local files: use COPY (ADD also fetches URLs and unpacks archives)`, {
        fixes: compatible ? [fix('Replace ADD with COPY', [replaceEdit(model, instr.keywordStart, instr.keywordEnd, copy)], { isPreferred: true })] : undefined,
      });
    }
  },
};
