// SSH016: RHEL-family system crypto policy bypassed, judged from workspace files that mirror the
// host's filesystem (the ssh directory is <mirror>/etc/ssh): a CRYPTO_POLICY= override in
// etc/sysconfig/sshd, or a crypto-policies back-end that the configuration no longer includes.
import * as path from 'node:path';
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { fileStartRange, meta } from '../ruleutil';

const BACKEND = 'etc/crypto-policies/back-ends/opensshserver.config';

export const SSH016: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH016',
    title: 'System crypto policy bypassed',
    severity: 'info',
    fix: 'no',
    why: 'On RHEL-family systems the host-wide crypto policy keeps every daemon\'s algorithms in line; an sshd-specific override drifts silently when the policy is tightened.',
    anchors: 'baseline sshd-49; CIS (RHEL) "system-wide crypto policy is not over-ridden"',
  }),
  check(ctx) {
    const model = ctx.model;
    if (!model.complete) return;
    const dir = model.sshDir.split(path.sep).join('/');
    if (!dir.endsWith('/etc/ssh')) return;
    const mirror = dir.slice(0, -'/etc/ssh'.length) || '/';
    const sysconfig = model.readText(path.join(mirror, 'etc/sysconfig/sshd'));
    if (sysconfig !== undefined) {
      const line = sysconfig.split('\n').find((l) => /^\s*CRYPTO_POLICY=/.test(l) && /-o\s*(Ciphers|MACs|KexAlgorithms|HostKeyAlgorithms|PubkeyAcceptedKeyTypes|PubkeyAcceptedAlgorithms)/i.test(l));
      if (line) {
        ctx.report({
          message: `etc/sysconfig/sshd overrides the system crypto policy (${line.trim().slice(0, 80)}): sshd no longer follows update-crypto-policies`,
          file: model.root,
          range: fileStartRange(model),
        });
      }
    }
    const backend = path.join(mirror, BACKEND);
    if (model.readText(backend) !== undefined && !model.files.has(backend)) {
      ctx.report({
        message: `This host uses system crypto policies (${BACKEND} exists) but the configuration does not Include it: sshd ignores the system policy`,
        file: model.root,
        range: fileStartRange(model),
      });
    }
  },
};
