// SSH013: weak host/user key algorithms: ssh-rsa (SHA-1), ssh-dss, v00 certificates in
// HostKeyAlgorithms, PubkeyAcceptedAlgorithms, HostbasedAcceptedAlgorithms, CASignatureAlgorithms;
// a HostKey pointing at a DSA key.
import * as path from 'node:path';
import type { Rule } from '../../../engine/kind';
import type { Fix } from '../../../engine/types';
import { keyAlgIssue, type AlgoOption } from '../crypto';
import type { Setting, SshdModel } from '../model';
import { deleteLineFix, meta, replaceValueFix, reportSetting, scopes } from '../ruleutil';
import { checkAlgorithmList } from './cryptoutil';

const OPTIONS: AlgoOption[] = ['hostkeyalgorithms', 'pubkeyacceptedalgorithms', 'hostbasedacceptedalgorithms', 'casignaturealgorithms'];

/** Removes the flagged names when they are written literally; deletes the line when none is left. */
function removeNamesFix(model: SshdModel, s: Setting, flagged: string[]): Fix | undefined {
  const value = s.parsed.value;
  const prefix = /^[+^]/.test(value) ? value[0] : '';
  const names = value.slice(prefix.length).split(',');
  if (!flagged.every((n) => names.includes(n))) return undefined;
  const kept = names.filter((n) => !flagged.includes(n));
  if (kept.length === 0) return deleteLineFix(model, s.d, `Remove this ${s.d.keyword} line`);
  return replaceValueFix(model, s, prefix + kept.join(','), `Remove ${flagged.join(', ')}`);
}

function isDsaKeyPath(p: string): boolean {
  const base = path.basename(p);
  return /(^|_)dsa_key/.test(base) && !base.includes('ecdsa');
}

export const SSH013: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH013',
    title: 'Weak host or user key algorithm',
    severity: 'warning',
    fix: 'yes',
    why: 'ssh-rsa signs with SHA-1 (chosen-prefix collisions are practical) and DSA keys are 1024-bit and removed in OpenSSH 10.0; accepting them lets weaker keys and signatures in.',
    anchors: 'ssh-audit (FAIL_SHA1 for ssh-rsa, FAIL_1024BIT_MODULUS for ssh-dss, FAIL_NSA_BACKDOORED_CURVE for ECDSA); baseline sshd-14; Mozilla (HostKey order ed25519, rsa, ecdsa); ssh-audit hardening guides (HostKeyAlgorithms/CASignatureAlgorithms lists)',
  }),
  check(ctx) {
    for (const option of OPTIONS) checkAlgorithmList(ctx, option, keyAlgIssue, (s, flagged) => removeNamesFix(ctx.model, s, flagged));
    for (const scope of scopes(ctx.model)) {
      if (scope.block) continue;
      for (const s of scope.all('hostkey')) {
        if (!isDsaKeyPath(s.parsed.value)) continue;
        reportSetting(ctx, s, `HostKey ${s.parsed.value} is a DSA key (1024-bit, removed in OpenSSH 10.0)`, {
          fixes: [deleteLineFix(ctx.model, s.d, 'Remove this HostKey line')],
        });
      }
    }
  },
};
