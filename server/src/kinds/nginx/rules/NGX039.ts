// NGX039: ssl_ciphers enabling weak suites (NULL, EXPORT, RC4, DES/3DES, MD5, anonymous, LOW/MEDIUM,
// SEED/IDEA/CAMELLIA, ALL/DEFAULT); a TLS server without ssl_ciphers (info). Irrelevant when only
// TLSv1.3 is enabled.
import { fix } from '../model';
import { enabledElements, MOZILLA_INTERMEDIATE, protocolsOf, tls13Only, tlsAnchor } from './tls';
import { meta, report, type Ctx } from './util';

const WEAK_WORDS = new Set(['NULL', 'ENULL', 'ANULL', 'EXPORT', 'EXP', 'EXPORT40', 'EXPORT56', 'RC4', 'DES', '3DES', 'MD5', 'ADH', 'AECDH', 'LOW', 'MEDIUM', 'SEED', 'IDEA', 'CAMELLIA', 'ALL', 'DEFAULT', 'COMPLEMENTOFALL', 'COMPLEMENTOFDEFAULT', 'SSLV2', 'SSLV3', 'ANON']);
const WEAK_PARTS = /(^|[-+])(NULL|EXP\d*|EXPORT\d*|RC4|DES|3DES|DES-CBC3|CBC3|MD5|ADH|AECDH|SEED|IDEA|CAMELLIA\d*)($|[-+])/i;

export function weakElements(list: string): string[] {
  return enabledElements(list).filter((e) => WEAK_WORDS.has(e.toUpperCase()) || e.split('+').some((p) => WEAK_WORDS.has(p.toUpperCase())) || WEAK_PARTS.test(e));
}

export default {
  meta: meta({
    id: 'NGX039',
    title: 'Weak TLS cipher suites enabled',
    severity: 'error',
    fix: 'yes',
    why: 'Export, NULL, RC4, 3DES and anonymous suites can be broken or downgraded to; a cipher list that enables them undoes the protocol settings.',
    anchors: 'gixy weak_ssl_tls; Mozilla TLS ciphers.openssl',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.all()) {
      if (n.name !== 'ssl_ciphers' && n.name !== 'proxy_ssl_ciphers' || !n.args[0]) continue;
      if (n.name === 'ssl_ciphers' && tls13Only(protocolsOf(unit, unit.levelOf(n)))) continue;
      const weak = weakElements(n.args[0].text);
      if (weak.length === 0) continue;
      const q = n.args[0].quote ?? '';
      report(ctx, n, `${n.name} enables weak suites: ${weak.slice(0, 5).join(', ')}${weak.length > 5 ? ', …' : ''}`, {
        range: unit.tokenRange(n, n.args[0]),
        fixes: fix('Use the Mozilla intermediate cipher list', [edits.replaceToken(n, n.args[0], q + MOZILLA_INTERMEDIATE + q)]),
      });
    }
    for (const s of unit.servers()) {
      if (!unit.isTls(s) || !unit.isComplete(s) || unit.effective(s, 'ssl_ciphers')) continue;
      if (unit.effective(s, 'ssl_reject_handshake')?.args[0]?.text === 'on' || tls13Only(protocolsOf(unit, s))) continue;
      const anchor = tlsAnchor(s);
      const line = `ssl_ciphers ${MOZILLA_INTERMEDIATE};`;
      report(ctx, s, 'No ssl_ciphers for this HTTPS server: the compiled-in default (HIGH:!aNULL:!MD5) still allows CBC and non-forward-secret suites', {
        severity: 'info',
        fixes: fix('Add the Mozilla intermediate cipher list', [anchor ? edits.insertLinesAfter(anchor, [line]) : edits.insertAtBlockStart(s, [line])]),
      });
    }
  },
};
