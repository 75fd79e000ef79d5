// REQ009: a VCS or URL requirement that does not pin immutable content.
import type { Rule } from '../../../engine/kind';
import type { UnitModel } from '../model';
import { urlSites } from './shared';

const FULL_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/i;

export const REQ009: Rule<UnitModel> = {
  meta: {
    id: 'REQ009',
    kind: 'requirements',
    title: 'VCS or URL requirement not pinned to immutable content',
    severity: 'warning',
    fix: 'partial',
    why: 'A branch, tag or unhashed download can change after review: a force-push, a moved tag or a compromised host silently changes the code you deploy.',
  },
  check({ model, report }) {
    for (const site of urlSites(model)) {
      const req = site.req;
      const parts = site.ref.parts;
      if (!req || !parts) continue;
      const name = req.name ?? 'This requirement';
      if (parts.vcs) {
        const rev = parts.rev?.value;
        let problem: string | undefined;
        if (!rev) problem = `${name} follows the default branch of ${parts.host || 'the repository'}: no @<commit> is given`;
        else if (parts.vcs === 'git' || parts.vcs === 'hg') {
          if (!FULL_SHA.test(rev)) problem = `${name} is pinned to @${rev}, a branch, tag or short hash that can move`;
        } else if (!/^\d+$/.test(rev)) {
          problem = `${name} is pinned to @${rev}, which is not a fixed revision number`;
        }
        if (problem) {
          report({
            file: site.file.file,
            range: parts.rev ? site.ref.at({ start: parts.rev.start - 1, end: parts.rev.end }) : site.ref.range,
            message: `${problem}; pin the full commit hash (…@<40-hex commit>) so the reviewed code is what gets installed`,
          });
        }
        continue;
      }
      if (!['http', 'https', 'ftp'].includes(parts.scheme)) continue;
      if (parts.hashes.length > 0 || req.hashes.length > 0) continue;
      report({
        file: site.file.file,
        range: site.ref.range,
        message: `${req.name ? req.name : 'This requirement'} is downloaded from ${site.ref.text} without a hash: if the file there changes, pip installs it unnoticed. Add --hash=sha256:<digest> (or #sha256=<digest>)`,
      });
    }
  },
};
