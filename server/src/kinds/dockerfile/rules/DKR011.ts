// DKR011: FROM without a tag or digest.
import { meta, reportAt, type DRule } from '../ruleutil';

export const DKR011: DRule = {
  meta: meta(
    'DKR011',
    'Base image without a tag or digest',
    'warning',
    'no',
    'An image without tag means :latest, which changes silently: builds are not reproducible and a new major version can arrive unnoticed.',
    'hadolint DL3006; CKV_DOCKER_7; KICS "Image Version Not Explicit"',
  ),
  check(ctx) {
    for (const st of ctx.model.stages) {
      const img = st.image;
      if (!img || !img.resolved || st.scratch || st.parent || img.tag !== undefined || img.digest !== undefined) continue;
      if (img.text.includes('$')) continue;
      const via = st.from.args[0].raw !== img.text ? ` (${st.from.args[0].raw} = ${img.text})` : '';
      reportAt(ctx, img.start, img.end, `FROM ${img.text}${via} has no tag or digest, so it means ${img.text}:latest: pin a version tag (or a digest)`);
    }
  },
};
