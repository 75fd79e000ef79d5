// NGX035: server_tokens on/build, or a full configuration without server_tokens (default on).
import { fix } from '../model';
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX035',
    title: 'nginx version disclosed (server_tokens)',
    severity: 'warning',
    fix: 'yes',
    why: 'The exact version in the Server header and on error pages tells an attacker which published vulnerabilities apply.',
    anchors: 'gixy version_disclosure (missing-directive check in full-config mode); h5bp server_software_information.conf; yandex/gixy#108',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    const all = [...unit.named('server_tokens')];
    for (const n of all) {
      const v = n.args[0]?.text.toLowerCase();
      if (v !== 'on' && v !== 'build') continue;
      report(ctx, n, `server_tokens ${v} sends the nginx version${v === 'build' ? ' and build name' : ''} in every Server header and error page`, {
        fixes: fix('Set server_tokens off', [edits.replaceToken(n, n.args[0], 'off')]),
      });
    }
    const http = unit.http();
    if (unit.complete && http && all.length === 0) {
      report(ctx, http, 'server_tokens is not set: nginx sends its version in every Server header and error page (the default is on)', {
        fixes: fix('Add "server_tokens off;" to http', [edits.insertAtBlockStart(http, ['server_tokens off;'])]),
      });
    }
  },
};
