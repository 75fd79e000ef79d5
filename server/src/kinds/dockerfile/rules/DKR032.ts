// DKR032: more than one CMD, ENTRYPOINT or HEALTHCHECK in a stage.
import { deleteInstructionEdit } from '../edits';
import { fix, meta, related, reportAt, type DRule } from '../ruleutil';

export const DKR032: DRule = {
  meta: meta(
    'DKR032',
    'Repeated CMD, ENTRYPOINT or HEALTHCHECK',
    'warning',
    'yes',
    'Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect; the earlier ones mislead reviewers about what the container runs.',
    'hadolint DL4003, DL4004, DL3012; DS-0016, DS-0007, DS-0023; BK `MultipleInstructionsDisallowed`',
  ),
  check(ctx) {
    const { model } = ctx;
    for (const st of model.stages) {
      for (const kw of ['CMD', 'ENTRYPOINT', 'HEALTHCHECK']) {
        const list = st.instructions.filter((i) => i.keyword === kw);
        const last = list[list.length - 1];
        for (const i of list.slice(0, -1)) {
          reportAt(ctx, i.keywordStart, i.lineEnd, `Only the last ${kw} of a stage takes effect: this one is overridden (line ${model.index.positionAt(last.start).line + 1})`, {
            related: [related(model, last.keywordStart, last.lineEnd, `the ${kw} that takes effect`)],
            fixes: [fix(`Delete this ${kw}`, [deleteInstructionEdit(model, i)], { isPreferred: true })],
          });
        }
      }
    }
  },
};
