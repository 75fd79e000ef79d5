// DKR014: base image from a registry outside docker.trustedRegistries.
import picomatch from 'picomatch';
import { registryOf } from '../images';
import { meta, reportAt, type DRule } from '../ruleutil';

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

export const DKR014: DRule = {
  meta: meta(
    'DKR014',
    'Base image from an untrusted registry',
    'warning',
    'no',
    'Images from registries the team has not vetted may be unmaintained, typosquatted or malicious.',
    'hadolint DL3026 (`trustedRegistries`)',
  ),
  check(ctx) {
    const trusted = ctx.config.docker?.trustedRegistries;
    if (!trusted || trusted.length === 0) return;
    const patterns = trusted.map((t) => t.toLowerCase());
    const isTrusted = (reg: string) =>
      patterns.some((p) => p === reg || (DOCKER_HUB.has(p) && DOCKER_HUB.has(reg)) || (p.includes('*') && picomatch.isMatch(reg, p, { dot: true })));
    for (const st of ctx.model.stages) {
      const img = st.image;
      if (!img || !img.resolved || st.scratch || st.parent) continue;
      const reg = registryOf(img);
      if (isTrusted(reg)) continue;
      reportAt(ctx, img.start, img.end, `FROM ${img.text} comes from ${reg}, which is not in docker.trustedRegistries (${trusted.join(', ')})`);
    }
  },
};
