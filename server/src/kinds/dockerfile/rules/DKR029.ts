// DKR029 (opt-in): package-manager caches left in shipped layers.
import type { Fix } from '../../../engine/types';
import { hasOpt, invocation, isInstall, packageManager } from '../cli';
import type { DInstruction } from '../model';
import type { Command, Script } from '../shell';
import { insertEdit } from '../edits';
import { fix, meta, reportAt, runCommands, type DRule } from '../ruleutil';

function cacheMount(instr: DInstruction, dir: RegExp): boolean {
  return instr.flags.some((f) => f.name === 'mount' && f.value && /type=cache/.test(f.value) && dir.test(f.value));
}

function laterCommand(script: Script, after: Command, test: (c: Command) => boolean): boolean {
  return script.commands.some((c) => c.start > after.start && test(c));
}

function rmOf(c: Command, dir: RegExp): boolean {
  const inv = invocation(c);
  return !!inv && inv.name === 'rm' && inv.args.some((a) => dir.test(a.value));
}

export const DKR029: DRule = {
  meta: meta(
    'DKR029',
    'Package-manager cache left in the image',
    'info',
    'yes',
    'Package indexes and download caches left in a layer make the image bigger and keep stale metadata around; low security value on its own, so this is opt-in.',
    'hadolint DL3009, DL3019, DL3032, DL3036, DL3040, DL3042, DL3060; DS-0015, DS-0019, DS-0020, DS-0025, DS-0027; KICS equivalents',
    true,
  ),
  check(ctx) {
    const { model } = ctx;
    for (const rc of runCommands(model, { triggers: false, shippedOnly: true })) {
      const pm = packageManager(rc.cmd);
      if (!pm || !isInstall(pm) || !pm.subWord) continue;
      const { instr, script, cmd } = rc;
      const end = cmd.end;
      const sub = pm.subWord;
      let message: string | undefined;
      let fx: Fix | undefined;
      switch (pm.tool) {
        case 'apt':
          if (cacheMount(instr, /\/var\/(lib|cache)\/apt/) || laterCommand(script, cmd, (c) => rmOf(c, /^\/var\/lib\/apt\/lists/))) break;
          message = `${pm.inv.name} install leaves the package lists in /var/lib/apt/lists`;
          fx = fix('Remove the lists after installing', [insertEdit(model, end, ' && rm -rf /var/lib/apt/lists/*')]);
          break;
        case 'apk':
          if (hasOpt(pm.parsed, 'no-cache') || cacheMount(instr, /\/var\/cache\/apk/) || laterCommand(script, cmd, (c) => rmOf(c, /^\/var\/cache\/apk/))) break;
          message = 'apk add without --no-cache leaves the package index in /var/cache/apk';
          fx = fix('Add --no-cache', [insertEdit(model, sub.end, ' --no-cache')]);
          break;
        case 'yum': {
          const tool = pm.inv.name;
          if (cacheMount(instr, /\/var\/cache\/(yum|dnf)/) || laterCommand(script, cmd, (c) => /^(yum|dnf|microdnf|tdnf|dnf5)$/.test(invocation(c)?.name ?? '') && invocation(c)!.args.some((a) => a.value === 'clean'))) break;
          message = `${tool} install without a later "${tool} clean all" leaves its cache in the layer`;
          fx = fix(`Add ${tool} clean all`, [insertEdit(model, end, ` && ${tool} clean all`)]);
          break;
        }
        case 'zypper':
          if (laterCommand(script, cmd, (c) => invocation(c)?.name === 'zypper' && invocation(c)!.args.some((a) => a.value === 'clean' || a.value === 'cc'))) break;
          message = 'zypper install without a later "zypper clean" leaves its cache in the layer';
          fx = fix('Add zypper clean --all', [insertEdit(model, end, ' && zypper clean --all')]);
          break;
        case 'pip': {
          if (hasOpt(pm.parsed, 'no-cache-dir') || cacheMount(instr, /\.cache\/pip/)) break;
          const env = instr.lookup('PIP_NO_CACHE_DIR');
          if (typeof env === 'string' && /^(1|true|yes|on|off|0|false)$/i.test(env)) break;
          message = 'pip install without --no-cache-dir keeps downloaded wheels in ~/.cache/pip';
          fx = fix('Add --no-cache-dir', [insertEdit(model, sub.end, ' --no-cache-dir')]);
          break;
        }
        default:
          break;
      }
      if (message) reportAt(ctx, pm.inv.nameWord.start, sub.end, message, { fixes: fx ? [{ ...fx, isPreferred: true }] : undefined });
    }
    // yarn install without yarn cache clean
    for (const rc of runCommands(model, { triggers: false, shippedOnly: true })) {
      const inv = rc.inv;
      if (inv.name !== 'yarn' || !(inv.args.length === 0 || inv.args[0].value === 'install')) continue;
      if (cacheMount(rc.instr, /yarn/) || laterCommand(rc.script, rc.cmd, (c) => invocation(c)?.name === 'yarn' && invocation(c)!.args[0]?.value === 'cache')) continue;
      reportAt(ctx, rc.cmd.start, rc.cmd.end, 'yarn install without a later "yarn cache clean" keeps the cache in the layer', {
        fixes: [fix('Add yarn cache clean', [insertEdit(model, rc.cmd.end, ' && yarn cache clean')], { isPreferred: true })],
      });
    }
  },
};
