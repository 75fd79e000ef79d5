// NGX040: ssl_prefer_server_ciphers on with an all-AEAD cipher list and no PrioritizeChaCha.
import { fix } from '../model';
import { enabledElements, protocolsOf, tls13Only } from './tls';
import { meta, related, report, type Ctx } from './util';

const AEAD = /GCM|CHACHA|POLY1305|CCM/i;

export default {
  meta: meta({
    id: 'NGX040',
    title: 'Server cipher preference with an all-AEAD list',
    severity: 'info',
    fix: 'yes',
    why: 'When every offered suite is strong, letting the client choose is better: phones without AES hardware pick the faster ChaCha20.',
    anchors: 'gixy weak_ssl_tls (LOW); Mozilla TLS server_preferred_order: false; h5bp ssl_engine.conf',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    const reported = new Set<unknown>();
    const levels = unit.servers().filter((s) => unit.isTls(s));
    for (const n of unit.named('ssl_prefer_server_ciphers')) if (!levels.includes(unit.levelOf(n))) levels.push(unit.levelOf(n));
    for (const level of levels) {
      const n = unit.effective(level, 'ssl_prefer_server_ciphers');
      if (!n || n.args[0]?.text !== 'on' || reported.has(n)) continue;
      const ciphers = unit.effective(level, 'ssl_ciphers');
      const allAead = tls13Only(protocolsOf(unit, level)) || (ciphers !== undefined && enabledElements(ciphers.args[0]?.text ?? '').every((e) => AEAD.test(e)));
      if (!allAead) continue;
      let chacha = false;
      for (let l: typeof level | undefined = level; l && !chacha; l = unit.parentLevel(l)) {
        chacha = unit.own(l, 'ssl_conf_command').some((c) => c.args[0]?.text === 'Options' && /PrioritizeChaCha/i.test(c.args[1]?.text ?? ''));
      }
      if (chacha) continue;
      reported.add(n);
      report(ctx, n, 'ssl_prefer_server_ciphers on with an all-AEAD cipher list: let clients choose (off), or add "ssl_conf_command Options PrioritizeChaCha;"', {
        related: ciphers ? [related(unit, ciphers, 'the cipher list in force')] : [],
        fixes: fix('Set ssl_prefer_server_ciphers off', [edits.replaceToken(n, n.args[0], 'off')]),
      });
    }
  },
};
