// REQ005: a package source over plain HTTP (index, extra index, find-links, -r/-c URL, direct URL).
import type { Rule } from '../../../engine/kind';
import { isLoopback } from '../urls';
import type { UnitModel } from '../model';
import { urlSites } from './shared';

export const REQ005: Rule<UnitModel> = {
  meta: {
    id: 'REQ005',
    kind: 'requirements',
    title: 'Package source over plain HTTP',
    severity: 'error',
    fix: 'yes',
    why: 'Over plain HTTP anyone on the network path can substitute packages or index pages; PyPI-style indexes have no signatures to catch it.',
    anchors: '— (Dockerfile analogue CKV2_DOCKER_4 only for trusted-host)',
  },
  check({ model, report }) {
    for (const site of urlSites(model)) {
      const parts = site.ref.parts!;
      if (!parts || parts.scheme !== 'http' || isLoopback(parts)) continue;
      const what = site.option ? `${site.option.spelled} ${site.ref.text}` : `The package URL ${site.ref.text}`;
      report({
        file: site.file.file,
        range: site.ref.range,
        message: `${what} uses plain HTTP: anyone on the network path can substitute the packages. Use https://`,
        fixes: [{ title: 'Use https://', edits: [{ file: site.file.file, range: site.ref.at(parts.schemeSpan), newText: 'https' }], isPreferred: true }],
      });
    }
  },
};
