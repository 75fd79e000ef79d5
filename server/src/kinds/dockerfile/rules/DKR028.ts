// DKR028: apt-get install without --no-install-recommends.
import { hasOpt, packageManager } from '../cli';
import { insertEdit } from '../edits';
import { fix, meta, reportAt, runCommands, stageChain, type DRule } from '../ruleutil';
import type { DockerModel, Stage } from '../model';

const RECOMMENDS_OFF = /APT::Install-Recommends\s*"?(0|false)"?/i;

/** An earlier RUN (in the stage chain) that turns recommends off in apt.conf. */
function recommendsOffInConfig(model: DockerModel, stage: Stage | undefined, before: number, firstOff: Map<Stage, number>): boolean {
  if (!stage) return false;
  return stageChain(stage).some((st) => {
    let at = firstOff.get(st);
    if (at === undefined) {
      const i = st.instructions.find((x) => x.keyword === 'RUN' && RECOMMENDS_OFF.test(model.text.slice(x.start, x.end)));
      at = i ? i.index : Infinity;
      firstOff.set(st, at);
    }
    return st !== stage ? at !== Infinity : at < before;
  });
}

export const DKR028: DRule = {
  meta: meta(
    'DKR028',
    'apt-get install without --no-install-recommends',
    'info',
    'yes',
    'Recommended packages are pulled in by default: more software in the image means more vulnerabilities to patch and more tools for an attacker.',
    'hadolint DL3015; DS-0029; KICS "APT-GET Not Avoiding Additional Packages"',
  ),
  check(ctx) {
    const { model } = ctx;
    const firstOff = new Map<Stage, number>();
    for (const rc of runCommands(model)) {
      const pm = packageManager(rc.cmd);
      if (!pm || pm.tool !== 'apt' || pm.sub !== 'install' || pm.inv.name === 'aptitude' || !pm.subWord) continue;
      if (hasOpt(pm.parsed, 'no-install-recommends')) continue;
      if (pm.parsed.opts.some((o) => (o.name === 'o' || o.name === 'option') && /APT::Install-Recommends\s*=\s*(false|0|no)/i.test(o.value ?? ''))) continue;
      if (recommendsOffInConfig(model, rc.instr.stage, rc.instr.index, firstOff)) continue;
      const sub = pm.subWord;
      reportAt(ctx, pm.inv.nameWord.start, sub.end, `${pm.inv.name} install without --no-install-recommends pulls in recommended packages too`, {
        fixes: [fix('Add --no-install-recommends', [insertEdit(model, sub.end, ' --no-install-recommends')], { isPreferred: true })],
      });
    }
  },
};
