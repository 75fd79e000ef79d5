// DKR012: FROM …:latest.
import { meta, reportAt, type DRule } from '../ruleutil';

export const DKR012: DRule = {
  meta: meta(
    'DKR012',
    'Base image tagged latest',
    'warning',
    'no',
    ':latest moves with every release: builds are not reproducible and major upgrades arrive unannounced.',
    'hadolint DL3007; CKV_DOCKER_7; DS-0001; KICS "Image Version Using \'latest\'"',
  ),
  check(ctx) {
    for (const st of ctx.model.stages) {
      const img = st.image;
      if (!img || !img.resolved || st.parent || img.tag?.toLowerCase() !== 'latest' || img.digest) continue;
      reportAt(ctx, img.tagStart ?? img.start, img.tagEnd ?? img.end, `FROM ${img.text} uses the moving tag latest: pin a version tag (or a digest)`);
    }
  },
};
