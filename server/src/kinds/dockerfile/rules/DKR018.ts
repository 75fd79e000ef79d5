// DKR018: TLS verification disabled through environment or tool configuration.
import type { Fix } from '../../../engine/types';
import { packageManager, parseOptions, PIP_SPEC, YUM_SPEC } from '../cli';
import { deleteWordEdit, replaceEdit } from '../edits';
import { deletePropertyEdit } from './DKR006';
import { fix, meta, reportAt, runCommands, type DRule } from '../ruleutil';

const FALSEY = /^(0|false|no|off)$/i;

/** Why an environment assignment disables TLS verification, if it does. */
export function insecureEnv(name: string, value: string): string | undefined {
  const n = name.toUpperCase();
  if (n === 'PYTHONHTTPSVERIFY' && value === '0') return 'PYTHONHTTPSVERIFY=0 turns off certificate verification in Python\'s urllib/http.client';
  if (n === 'NODE_TLS_REJECT_UNAUTHORIZED' && value === '0') return 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate verification in Node.js';
  if ((n === 'NPM_CONFIG_STRICT_SSL' || n === 'YARN_STRICT_SSL' || n === 'YARN_ENABLE_STRICT_SSL') && FALSEY.test(value)) return `${name}=${value} turns off certificate verification in npm/yarn`;
  if (n === 'GIT_SSL_NO_VERIFY' && value !== '') return 'GIT_SSL_NO_VERIFY turns off certificate verification in git (any value)';
  if (n === 'PIP_TRUSTED_HOST' && value !== '') return `PIP_TRUSTED_HOST=${value} makes pip skip certificate verification for ${value}`;
  if (n === 'GOINSECURE' && value !== '') return `GOINSECURE=${value} lets go fetch modules without TLS verification`;
  if (n === 'GOFLAGS' && /(^|\s)-insecure(\s|=|$)/.test(value)) return 'GOFLAGS=-insecure lets go fetch without TLS verification';
  if ((n === 'REQUESTS_CA_BUNDLE' || n === 'CURL_CA_BUNDLE') && value === '') return `${name}="" turns off certificate verification in Python requests`;
  if (n === 'CONDA_SSL_VERIFY' && FALSEY.test(value)) return 'CONDA_SSL_VERIFY=false turns off certificate verification in conda';
  return undefined;
}

export const DKR018: DRule = {
  meta: meta(
    'DKR018',
    'TLS verification disabled by environment or configuration',
    'error',
    'yes',
    'Turning off certificate checks lets anyone on the network path serve modified packages; set through ENV it also stays on in every running container.',
    'CKV2_DOCKER_4, _5, _6, _12, _13, _14, _15, _16 (GOINSECURE proposed as CKV2_DOCKER_18, not in main)',
  ),
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.allInstructions) {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') continue;
      for (const p of instr.properties) {
        if (p.value === undefined || !p.resolved) continue;
        const why = insecureEnv(p.name, p.value);
        if (!why) continue;
        reportAt(ctx, p.start, p.end, `${instr.keyword} ${why}${instr.keyword === 'ENV' ? ', here for every container started from the image' : ''}`, {
          fixes: instr.onbuild ? undefined : [fix(`Remove ${p.name}`, [deletePropertyEdit(model, instr, p)], { isPreferred: true })],
        });
      }
    }
    for (const rc of runCommands(model)) {
      const { inv, cmd } = rc;
      // Shell assignments / exports.
      const assigns = [...cmd.assignments, ...(['export', 'declare'].includes(inv.name) ? inv.args : [])];
      for (const w of assigns) {
        const eq = w.raw.indexOf('=');
        if (eq <= 0 || !w.resolved) continue;
        const why = insecureEnv(w.raw.slice(0, eq), w.value.slice(w.value.indexOf('=') + 1));
        if (why) reportAt(ctx, w.start, w.end, `RUN sets ${why}`);
      }
      const pm = packageManager(cmd);
      if (pm?.tool === 'pip') {
        const p = parseOptions(pm.inv.args, PIP_SPEC);
        for (const o of p.opts) {
          if (o.name !== 'trusted-host') continue;
          const end = o.valueWord ? o.valueWord.end : o.word.end;
          reportAt(ctx, o.word.start, end, `pip --trusted-host ${o.value ?? ''} skips certificate verification (and allows plain HTTP) for that host`, {
            fixes: [fix('Remove --trusted-host', [deleteWordEdit(model, o.word.start, end)], { isPreferred: true })],
          });
        }
        const vals = pm.inv.args.map((w) => w.value);
        const ci = vals.indexOf('config');
        if (ci >= 0 && vals[ci + 1] === 'set' && /(^|\.)trusted-host$/.test(vals[ci + 2] ?? '')) {
          reportAt(ctx, cmd.start, cmd.end, `pip config set ${vals[ci + 2]} makes pip skip certificate verification for ${vals[ci + 3] ?? 'a host'}`);
        }
      }
      if (pm?.tool === 'yum') {
        for (const o of parseOptions(pm.inv.args, YUM_SPEC).opts) {
          if (o.name === 'setopt' && o.value && /(^|\.)sslverify=(0|false|no|off)$/i.test(o.value)) {
            const end = o.valueWord ? o.valueWord.end : o.word.end;
            reportAt(ctx, o.word.start, end, `${pm.inv.name} --setopt=${o.value} turns off certificate verification for repositories`, {
              fixes: [fix('Remove the --setopt', [deleteWordEdit(model, o.word.start, end)], { isPreferred: true })],
            });
          }
        }
      }
      if (inv.name === 'yum-config-manager' || inv.name === 'dnf') {
        for (const w of inv.args) {
          if (/^--setopt=(.*\.)?sslverify=(0|false|no|off)$/i.test(w.value) && pm?.tool !== 'yum') reportAt(ctx, w.start, w.end, `${inv.name} ${w.value} turns off certificate verification for repositories`);
        }
      }
      // npm/yarn config set strict-ssl false
      if (inv.name === 'npm' || inv.name === 'yarn' || inv.name === 'pnpm' || inv.name === 'conda') {
        const a = inv.args;
        const si = a.findIndex((w) => w.value === 'set' || w.value === '--set');
        const key = si >= 0 ? a[si + 1] : undefined;
        const val = si >= 0 ? a[si + 2] : undefined;
        if (key && val && /^(strict-ssl|enableStrictSsl|ssl_verify|strict_ssl)$/.test(key.value) && FALSEY.test(val.value)) {
          const fixes: Fix[] | undefined = val.raw === val.value ? [fix('Set it to true', [replaceEdit(model, val.start, val.end, 'true')], { isPreferred: true })] : undefined;
          reportAt(ctx, key.start, val.end, `${inv.name} config ${key.value} ${val.value} turns off certificate verification for the registry`, { fixes });
        }
      }
      // echo "sslverify=0" >> /etc/yum.conf
      if (inv.name === 'echo' || inv.name === 'printf') {
        for (const w of inv.args) if (/sslverify\s*=\s*(0|false|no|off)\b/i.test(w.value)) reportAt(ctx, w.start, w.end, `${inv.name} writes sslverify=${/sslverify\s*=\s*(\w+)/i.exec(w.value)![1]} into a repository configuration: certificate verification is off`);
      }
    }
    // Heredoc bodies writing sslverify=0 into repo files.
    for (const instr of model.allInstructions) {
      for (const h of instr.heredocs) {
        const re = /sslverify\s*=\s*(0|false|no|off)\b/gi;
        for (let m = re.exec(h.text); m; m = re.exec(h.text)) reportAt(ctx, h.start + m.index, h.start + m.index + m[0].length, `${m[0]} in a heredoc turns off certificate verification for a repository`);
      }
    }
  },
};
