// REQ006: --trusted-host, which turns off TLS verification for a host.
import type { Rule } from '../../../engine/kind';
import { deleteEntry, deleteOption } from '../helpers';
import type { UnitModel } from '../model';

export const REQ006: Rule<UnitModel> = {
  meta: {
    id: 'REQ006',
    kind: 'requirements',
    title: '--trusted-host disables TLS verification',
    severity: 'error',
    fix: 'yes',
    why: '--trusted-host makes pip accept any certificate (and plain HTTP) from that host, so a machine-in-the-middle can serve any package.',
    anchors: 'CKV2_DOCKER_4 / CKV2_DOCKER_16 (Dockerfile analogues)',
  },
  check({ model, report }) {
    for (const file of model.files) {
      for (const entry of file.parsed.entries) {
        const hosts = entry.options.filter((o) => o.name === '--trusted-host');
        for (const o of hosts) {
          const onlyThis = entry.kind === 'options' && entry.options.length === 1;
          const edit = onlyThis ? deleteEntry(file, entry) : deleteOption(file, o.range);
          report({
            file: file.file,
            range: o.range,
            message: `${o.spelled} ${o.value ?? ''} turns off TLS certificate checks for ${o.value ?? 'this host'}: a machine-in-the-middle can serve any package. Give the index a valid certificate (or add its CA with --cert / PIP_CERT) instead`,
            fixes: [{ title: `Remove ${o.spelled} ${o.value ?? ''}`.trim(), edits: [edit], isPreferred: true, caveat: 'If the index has a self-signed or private CA certificate, point pip at that CA (PIP_CERT or pip.conf "cert") so installs keep working.' }],
          });
        }
      }
    }
  },
};
