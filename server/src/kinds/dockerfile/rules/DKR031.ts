// DKR031 (opt-in): the final stage has no HEALTHCHECK.
import { insertLineAfterEdit, insertLineBeforeEdit } from '../edits';
import { fix, meta, reportAt, stageChain, type DRule } from '../ruleutil';

export const DKR031: DRule = {
  meta: meta(
    'DKR031',
    'Final stage without HEALTHCHECK',
    'info',
    'yes',
    'Without a health check Docker cannot tell a hung container from a healthy one; redundant under Kubernetes probes, so this is opt-in and HEALTHCHECK NONE counts as a decision.',
    'CKV_DOCKER_2; DS-0026; hadolint DL3057 (ignored by default); KICS "Healthcheck Instruction Missing"',
    true,
  ),
  check(ctx) {
    const { model } = ctx;
    const st = model.finalStage;
    if (!st) return;
    if (stageChain(st).some((s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK'))) return;
    const target = st.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    const last = st.instructions[st.instructions.length - 1];
    const add = (line: string) => (target ? insertLineBeforeEdit(model, target, line) : insertLineAfterEdit(model, last, line));
    reportAt(ctx, st.from.keywordStart, st.from.lineEnd, 'The final stage has no HEALTHCHECK (add one, or HEALTHCHECK NONE when an orchestrator probes the container)', {
      fixes: [
        fix('Add a HEALTHCHECK (template)', [add('HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD ["/bin/sh", "-c", "wget -qO- http://127.0.0.1:8000/ || exit 1"]')], {
          caveat: 'Adjust the URL and port to the application, and make sure wget (or curl) exists in the image.',
        }),
        fix('Declare HEALTHCHECK NONE (probes are done by the orchestrator)', [add('HEALTHCHECK NONE')]),
      ],
    });
  },
};
