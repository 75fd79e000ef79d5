// SSH014: RSA keys below 3072 bits accepted (RequiredRSASize absent or lower, OpenSSH >= 9.1), or an
// RSA host key in the workspace shorter than 3072 bits (read from its .pub file).
import type { Rule } from '../../../engine/kind';
import { globalWinner, mapIncludePath, type SshdModel } from '../model';
import { checkExplicit, directiveRange, fileStartRange, insertWinningLineFix, meta, scopes } from '../ruleutil';
import { versionAtLeast } from '../versions';

const MIN_BITS = 3072;

/** Modulus size of an "ssh-rsa AAAA…" public key line, or undefined. */
export function rsaPublicKeyBits(text: string): number | undefined {
  const fields = text
    .split('\n')
    .map((l) => l.trim().split(/[ \t]+/))
    .find((f) => f[0] === 'ssh-rsa' && f.length > 1);
  if (!fields) return undefined;
  const buf = Buffer.from(fields[1], 'base64');
  let off = 0;
  const next = (): Buffer | undefined => {
    if (off + 4 > buf.length) return undefined;
    const len = buf.readUInt32BE(off);
    off += 4;
    if (off + len > buf.length) return undefined;
    const out = buf.subarray(off, off + len);
    off += len;
    return out;
  };
  if (next()?.toString() !== 'ssh-rsa' || !next()) return undefined;
  const n = next();
  if (!n) return undefined;
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  if (i === n.length) return 0;
  return (n.length - i) * 8 - (Math.clz32(n[i]) - 24);
}

export const SSH014: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH014',
    title: 'Short RSA keys accepted',
    severity: 'info',
    fix: 'yes',
    why: 'RSA keys shorter than 3072 bits are below current recommendations (NIST, BSI) for keys that must stay secure for years; sshd accepts 1024-bit user keys unless RequiredRSASize says otherwise.',
    anchors: 'ssh-audit hardening guides (RequiredRSASize 3072) and policy hostkey_sizes 4096; baseline sshd-50 (RSA host key ≥4096); devsec-role ssh_host_rsa_key_size: 4096',
  }),
  check(ctx) {
    const model = ctx.model;
    if (versionAtLeast(model.version, '9.1')) {
      checkExplicit(
        ctx,
        'requiredrsasize',
        (v) => (Number(v) < MIN_BITS ? `RequiredRSASize ${v} accepts RSA keys shorter than ${MIN_BITS} bits` : undefined),
        String(MIN_BITS),
      );
      if (model.complete && !globalWinner(model, 'requiredrsasize')) {
        ctx.report({
          message: `RequiredRSASize is not set: sshd accepts RSA keys down to 1024 bits (set ${MIN_BITS})`,
          file: model.root,
          range: fileStartRange(model),
          fixes: [insertWinningLineFix(model, `RequiredRSASize ${MIN_BITS}`, `Add "RequiredRSASize ${MIN_BITS}"`)],
        });
      }
    }
    const hostKeys = scopes(model)[0].all('hostkey');
    const keys = hostKeys.length
      ? hostKeys.map((s) => ({ path: s.parsed.value, s }))
      : model.complete
        ? [{ path: '/etc/ssh/ssh_host_rsa_key', s: undefined }]
        : [];
    for (const k of keys) {
      const mapped = mapIncludePath(k.path, model.sshDir);
      if (!mapped) continue;
      const text = model.readText(`${mapped}.pub`);
      const pub = text === undefined ? undefined : rsaPublicKeyBits(text);
      if (pub === undefined || pub >= MIN_BITS) continue;
      ctx.report({
        message: `RSA host key ${k.path} is ${pub} bits (regenerate it: ssh-keygen -t rsa -b 4096)`,
        file: k.s ? k.s.d.file : model.root,
        range: k.s ? directiveRange(model, k.s.d) : fileStartRange(model),
      });
    }
  },
};
