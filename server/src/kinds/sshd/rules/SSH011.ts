// SSH011: weak MACs (MD5, SHA-1, RIPEMD-160, 64-bit tags: error; encrypt-and-MAC: info).
import type { Rule } from '../../../engine/kind';
import { macIssue } from '../crypto';
import type { SshdModel } from '../model';
import { meta } from '../ruleutil';
import { algorithmTables } from '../versions';
import { checkAlgorithmList, recommendedListFix } from './cryptoutil';

const RECOMMENDED_MACS = ['hmac-sha2-512-etm@openssh.com', 'hmac-sha2-256-etm@openssh.com', 'umac-128-etm@openssh.com'];

export const SSH011: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH011',
    title: 'Weak MAC enabled',
    severity: 'error',
    fix: 'yes',
    why: 'MD5 and SHA-1 MACs and 64-bit tags give weak integrity protection; encrypt-and-MAC modes authenticate the plaintext instead of the ciphertext.',
    anchors: 'ssh-audit (FAIL_MD5/SHA1/RIPEMD, WARN_TAG_SIZE, WARN_ENCRYPT_AND_MAC); baseline sshd-03; devsec-role ssh_macs_76_default; Mozilla; CIS "only strong MAC algorithms"',
  }),
  check(ctx) {
    const known = algorithmTables(ctx.model.version).macsAll;
    checkAlgorithmList(ctx, 'macs', macIssue, (s) => recommendedListFix(ctx, s, RECOMMENDED_MACS, known));
  },
};
