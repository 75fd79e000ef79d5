// REQ008: a VCS requirement over an unauthenticated or unencrypted transport.
import type { Rule } from '../../../engine/kind';
import type { Fix } from '../../../engine/types';
import { isLoopback } from '../urls';
import type { UnitModel } from '../model';
import { urlSites } from './shared';

const INSECURE = new Set(['git', 'http', 'svn', 'static-http', 'ftp']);

export const REQ008: Rule<UnitModel> = {
  meta: {
    id: 'REQ008',
    kind: 'requirements',
    title: 'VCS requirement over an insecure transport',
    severity: 'error',
    fix: 'yes',
    why: 'git://, svn:// and http:// transports are neither encrypted nor authenticated: anyone on the network path can serve different source code.',
  },
  check({ model, report }) {
    for (const site of urlSites(model)) {
      const parts = site.ref.parts;
      if (!site.req || !parts?.vcs || !INSECURE.has(parts.transport) || isLoopback(parts)) continue;
      const fixes: Fix[] = [];
      let replacement: string | undefined;
      if (parts.vcs === 'git' && parts.transport === 'git') replacement = 'git+https';
      else if (parts.transport === 'http') replacement = `${parts.vcs}+https`;
      if (replacement) {
        fixes.push({ title: `Use ${replacement}://`, edits: [{ file: site.file.file, range: site.ref.at(parts.schemeSpan), newText: replacement }], isPreferred: true });
      }
      report({
        file: site.file.file,
        range: site.ref.at({ start: 0, end: parts.schemeSpan.end + 3 > site.ref.text.length ? site.ref.text.length : parts.schemeSpan.end + 3 }),
        message: `${parts.scheme}:// fetches ${site.req.name ?? 'this requirement'} without encryption or server authentication: anyone on the network path can serve different code. Use ${replacement ?? `${parts.vcs}+https`}:// (or ${parts.vcs}+ssh://)`,
        fixes: fixes.length ? fixes : undefined,
      });
    }
  },
};
