// SSH012: weak key exchange (SHA-1, 1024-bit groups, NIST curves, withdrawn PQ), and no hybrid
// post-quantum key exchange in an explicit list on OpenSSH >= 9.0.
import type { Rule } from '../../../engine/kind';
import { kexIssue, PQ_KEX, resolveAlgorithms } from '../crypto';
import type { SshdModel } from '../model';
import { meta, replaceValueFix, reportSetting, scopes, tokenRange } from '../ruleutil';
import { algorithmTables, versionAtLeast } from '../versions';
import { checkAlgorithmList, recommendedListFix } from './cryptoutil';

const RECOMMENDED_KEX = [
  'mlkem768x25519-sha256',
  'sntrup761x25519-sha512',
  'sntrup761x25519-sha512@openssh.com',
  'curve25519-sha256',
  'curve25519-sha256@libssh.org',
  'diffie-hellman-group16-sha512',
  'diffie-hellman-group18-sha512',
];

export const SSH012: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH012',
    title: 'Weak key exchange enabled',
    severity: 'error',
    fix: 'yes',
    why: 'SHA-1 and 1024-bit Diffie-Hellman key exchanges are breakable (Logjam); NIST curves are distrusted; without a hybrid post-quantum exchange recorded traffic can be decrypted later ("store now, decrypt later").',
    anchors: 'ssh-audit (FAIL_SHA1, FAIL_1024BIT_MODULUS, FAIL_LOGJAM_ATTACK, FAIL_NSA_BACKDOORED_CURVE, WARN_2048BIT_MODULUS, WARN_NOT_PQ_SAFE, INFO_WITHDRAWN_PQ_ALG); baseline sshd-02; devsec-role ssh_kex_85_default; Mozilla modern KEX; CIS "only strong Key Exchange algorithms"',
  }),
  check(ctx) {
    const model = ctx.model;
    const known = algorithmTables(model.version).kexAll;
    checkAlgorithmList(ctx, 'kexalgorithms', kexIssue, (s) => recommendedListFix(ctx, s, RECOMMENDED_KEX, known));
    if (!versionAtLeast(model.version, '9.0')) return;
    for (const scope of scopes(model)) {
      const s = scope.winner('kexalgorithms');
      if (!s) continue;
      const { effective, stated } = resolveAlgorithms('kexalgorithms', s.parsed.value, model.version);
      if (stated.length === 0 || effective.some((n) => PQ_KEX.includes(n))) continue;
      const pq = PQ_KEX.filter((n) => known.includes(n));
      reportSetting(ctx, s, `${s.d.keyword} has no hybrid post-quantum key exchange (${pq.join(', ')}): recorded sessions could be decrypted by a future quantum computer`, {
        severity: 'info',
        range: tokenRange(model, s.d),
        fixes: [replaceValueFix(model, s, `${pq[0]},${s.parsed.value}`, `Add ${pq[0]} first`)],
      });
    }
  },
};
