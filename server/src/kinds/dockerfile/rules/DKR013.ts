// DKR013 (opt-in): final-stage base image not pinned by digest.
import { meta, reportAt, stageChain, type DRule } from '../ruleutil';

export const DKR013: DRule = {
  meta: meta(
    'DKR013',
    'Final base image not pinned by digest',
    'info',
    'no',
    'Tags are mutable: whoever controls the registry (or a poisoned mirror) can change what a tag points to; a @sha256 digest cannot change.',
    '— (OpenSSF Scorecard Pinned-Dependencies)',
    true,
  ),
  check(ctx) {
    const st = ctx.model.finalStage;
    if (!st) return;
    const root = stageChain(st)[0];
    const img = root.image;
    if (!img || !img.resolved || root.scratch || img.digest) return;
    reportAt(ctx, img.start, img.end, `The shipped image builds on ${img.text}, a mutable tag: pin it by digest (${img.text}@sha256:…)`);
  },
};
