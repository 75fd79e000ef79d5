// NGX043: ssl_ecdh_curve naming post-quantum groups without the "?" prefix (the whole list is
// rejected by OpenSSL versions that do not know them, and nginx does not start), or unknown groups.
import { fix } from '../model';
import { meta, report, type Ctx } from './util';

const KNOWN = new Set([
  'auto', 'x25519', 'x448', 'prime256v1', 'secp256r1', 'secp384r1', 'secp521r1', 'secp224r1', 'secp256k1', 'p-256', 'p-384', 'p-521', 'p-224',
  'brainpoolp256r1', 'brainpoolp384r1', 'brainpoolp512r1', 'brainpoolp256r1tls13', 'brainpoolp384r1tls13', 'brainpoolp512r1tls13',
  'ffdhe2048', 'ffdhe3072', 'ffdhe4096', 'ffdhe6144', 'ffdhe8192', 'x25519mlkem768', 'secp256r1mlkem768', 'secp384r1mlkem1024',
  'mlkem512', 'mlkem768', 'mlkem1024', 'x25519kyber768draft00', 'x25519kyber768', 'p256kyber768draft00',
]);
const PQ = /mlkem|kyber/i;

export default {
  meta: meta({
    id: 'NGX043',
    title: 'ssl_ecdh_curve can stop nginx from starting',
    severity: 'warning',
    fix: 'yes',
    why: 'OpenSSL rejects the whole group list when it does not know one name: nginx then refuses to start, typically after an OS upgrade or on a different host.',
    anchors: 'gixy ssl_ecdh_curve; Mozilla TLS 6.0 tls_curves',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.named('ssl_ecdh_curve')) {
      const tok = n.args[0];
      if (!tok) continue;
      const groups = tok.text.split(':');
      const unprefixedPq = groups.filter((g) => PQ.test(g) && !g.startsWith('?'));
      const unknown = groups.filter((g) => g && !g.startsWith('?') && !KNOWN.has(g.toLowerCase()) && !g.startsWith('*'));
      if (unprefixedPq.length > 0) {
        const newText = groups.map((g) => (PQ.test(g) && !g.startsWith('?') ? '?' + g : g)).join(':');
        const q = tok.quote ?? '';
        report(ctx, n, `ssl_ecdh_curve names ${unprefixedPq.join(', ')} without "?": with an OpenSSL that does not know ${unprefixedPq.length > 1 ? 'them' : 'it'} (before 3.5) the whole list is rejected and nginx does not start`, {
          range: unit.tokenRange(n, tok),
          fixes: fix('Prefix post-quantum groups with "?" (ignored when unsupported)', [edits.replaceToken(n, tok, q + newText + q)]),
        });
      } else if (unknown.length > 0) {
        report(ctx, n, `ssl_ecdh_curve names unknown group${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: OpenSSL rejects the list and nginx does not start`, { range: unit.tokenRange(n, tok) });
      }
    }
  },
};
