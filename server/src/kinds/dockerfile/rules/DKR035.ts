// DKR035: relative WORKDIR without an absolute one before it, WORKDIR in system trees, RUN cd.
import { invocation } from '../cli';
import { replaceEdit } from '../edits';
import { fix, meta, reportAt, stageChain, type DRule } from '../ruleutil';

const SYSTEM = /^\/(proc|boot|dev|initrd|lost\+found)(\/|$)/;

export const DKR035: DRule = {
  meta: meta(
    'DKR035',
    'Unpredictable or system working directory',
    'info',
    'yes',
    'A relative WORKDIR depends on the base image\'s working directory; a WORKDIR under /proc, /boot or /dev writes into system trees; RUN cd only lasts for one RUN, so later steps run elsewhere than intended.',
    'hadolint DL3000, DL3003; CKV_DOCKER_10; DS-0009, DS-0013, DS-0030; BK `WorkdirRelativePath`',
  ),
  check(ctx) {
    const { model } = ctx;
    for (const st of model.stages) {
      let absolute = stageChain(st)
        .slice(0, -1)
        .some((s) => s.instructions.some((i) => i.keyword === 'WORKDIR' && i.args[0]?.value.startsWith('/')));
      for (const instr of st.instructions) {
        if (instr.keyword !== 'WORKDIR' || instr.args.length === 0) continue;
        const a = instr.args[0];
        const v = a.value;
        if (!a.resolved || v.startsWith('$')) continue;
        if (/^[A-Za-z]:[\\/]/.test(v)) {
          absolute = true;
          continue;
        }
        if (v.startsWith('/')) {
          absolute = true;
          if (SYSTEM.test(v)) reportAt(ctx, a.start, a.end, `WORKDIR ${v} is inside a system tree: use an application folder such as /app`);
          continue;
        }
        if (absolute) continue;
        reportAt(ctx, a.start, a.end, `WORKDIR ${v} is relative and no absolute WORKDIR comes before it: the result depends on the base image's working directory`, {
          fixes: a.raw === v ? [fix(`Use /${v}`, [replaceEdit(model, a.start, a.end, '/' + v)], { caveat: 'This assumes the base image works in /; check its WORKDIR.' })] : undefined,
        });
      }
    }
    for (const instr of model.allInstructions) {
      const script = instr.command?.script;
      if (instr.keyword !== 'RUN' || !script || instr.command?.heredocScript) continue;
      const first = script.commands.find((c) => c.depth === 0 && !c.compound);
      if (!first || invocation(first)?.name !== 'cd' || first.pipeline.commands.length > 1) continue;
      reportAt(ctx, first.start, first.end, `RUN ${model.text.slice(first.start, first.end)} only changes the directory for this RUN: use WORKDIR`);
    }
  },
};
