// SSH010: broken or CBC ciphers in the effective Ciphers list (names the file states).
import type { Rule } from '../../../engine/kind';
import { cipherIssue } from '../crypto';
import type { SshdModel } from '../model';
import { meta } from '../ruleutil';
import { algorithmTables } from '../versions';
import { checkAlgorithmList, recommendedListFix } from './cryptoutil';

const RECOMMENDED_CIPHERS = ['chacha20-poly1305@openssh.com', 'aes256-gcm@openssh.com', 'aes128-gcm@openssh.com', 'aes256-ctr', 'aes192-ctr', 'aes128-ctr'];

export const SSH010: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH010',
    title: 'Weak cipher enabled',
    severity: 'error',
    fix: 'yes',
    why: 'Broken ciphers (3DES, Blowfish, RC4…) leak plaintext; CBC modes are open to padding-oracle attacks and make Terrapin easier.',
    anchors: 'ssh-audit (FAIL_3DES/BLOWFISH/CAST/RC4/DES/IDEA/RIJNDAEL/PLAINTEXT, WARN_CIPHER_MODE); baseline sshd-01; devsec-role ssh_ciphers_66_default; Mozilla modern Ciphers; CIS "only strong Ciphers"',
  }),
  check(ctx) {
    const known = algorithmTables(ctx.model.version).ciphersAll;
    checkAlgorithmList(ctx, 'ciphers', cipherIssue, (s) => recommendedListFix(ctx, s, RECOMMENDED_CIPHERS, known));
  },
};
