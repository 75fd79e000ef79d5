// DKR017: TLS verification disabled on download tools (curl -k, wget --no-check-certificate, git http.sslVerify=false).
import type { FileEdit } from '../../../engine/types';
import { parseOptions, CURL_SPEC, WGET_SPEC } from '../cli';
import { deleteWordEdit, replaceEdit } from '../edits';
import { fix, meta, reportAt, runCommands, type DRule } from '../ruleutil';

const FALSE = /^(false|0|no|off)$/i;

/** `http.sslVerify=…` or `http.<url>.sslVerify=…` (any case, one line), as `git -c` takes it. */
function sslVerifySetting(s: string): boolean {
  const lower = s.toLowerCase();
  return lower.startsWith('http.') && lower.indexOf('.sslverify=', 4) >= 0 && !/[\n\r\u2028\u2029]/.test(s);
}

export const DKR017: DRule = {
  meta: meta(
    'DKR017',
    'TLS verification disabled in a download tool',
    'error',
    'yes',
    'Without certificate verification anyone on the network path (or a rogue mirror) can serve modified build inputs over a "secure" connection.',
    'CKV2_DOCKER_2 (curl), CKV2_DOCKER_3 (wget)',
  ),
  check(ctx) {
    const { model } = ctx;
    for (const rc of runCommands(model)) {
      const { inv } = rc;
      if (inv.name === 'curl') {
        for (const o of parseOptions(inv.args, CURL_SPEC).opts) {
          if (o.name !== 'k' && o.name !== 'insecure' && o.name !== 'proxy-insecure') continue;
          const w = o.word;
          let edit: FileEdit | undefined;
          if (o.long || w.value === '-k') edit = w.raw === w.value ? deleteWordEdit(model, w.start, w.end) : undefined;
          else if (o.charIndex !== undefined && w.raw === w.value && w.end - w.start === w.raw.length) edit = replaceEdit(model, w.start + o.charIndex, w.start + o.charIndex + 1, '');
          reportAt(ctx, w.start, w.end, `curl ${o.long ? '--' + o.name : '-k'} disables TLS certificate verification`, {
            fixes: edit ? [fix(`Remove ${o.long ? '--' + o.name : '-k'}`, [edit], { isPreferred: true })] : undefined,
          });
        }
      } else if (inv.name === 'wget') {
        for (const o of parseOptions(inv.args, WGET_SPEC).opts) {
          if (o.name !== 'no-check-certificate') continue;
          reportAt(ctx, o.word.start, o.word.end, 'wget --no-check-certificate disables TLS certificate verification', {
            fixes: [fix('Remove --no-check-certificate', [deleteWordEdit(model, o.word.start, o.word.end)], { isPreferred: true })],
          });
        }
      } else if (inv.name === 'git') {
        const args = inv.args;
        for (let k = 0; k < args.length; k++) {
          const v = args[k].value;
          if (v === '-c' && args[k + 1] && sslVerifySetting(args[k + 1].value) && FALSE.test(args[k + 1].value.split('=')[1])) {
            const a = args[k];
            const b = args[k + 1];
            reportAt(ctx, a.start, b.end, `git -c ${b.value} disables TLS certificate verification`, {
              fixes: [fix(`Remove -c ${b.value}`, [deleteWordEdit(model, a.start, b.end)], { isPreferred: true })],
            });
            k++;
          }
        }
        if (args[0]?.value === 'config') {
          const keyIdx = args.findIndex((w, k) => k > 0 && /^http\.(.*\.)?sslverify$/i.test(w.value));
          const val = keyIdx > 0 ? args[keyIdx + 1] : undefined;
          if (val && FALSE.test(val.value)) {
            reportAt(ctx, args[keyIdx].start, val.end, `git config ${args[keyIdx].value} ${val.value} disables TLS certificate verification for later git commands`, {
              fixes: val.raw === val.value ? [fix('Set it to true', [replaceEdit(model, val.start, val.end, 'true')], { isPreferred: true })] : undefined,
            });
          }
        }
      }
    }
  },
};
