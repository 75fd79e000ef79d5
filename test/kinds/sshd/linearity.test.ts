// sshd analysis cost grows linearly with the configuration (see test/engine/growth.ts): many Match
// blocks, an option repeated many times (SSH034 lists what it shadows), many drop-ins, a drop-in
// linted through its main file.
import { describe, it } from 'node:test';
import { Engine, MemoryWorkspace } from '../../../server/src/engine';
import { sshdKind } from '../../../server/src/kinds/sshd';
import { assertLinear } from '../../engine/growth';

const MAIN = '/ws/etc/ssh/sshd_config';

function lintOnce(files: Record<string, string>, target = MAIN): () => void {
  const ws = new MemoryWorkspace(files, ['/ws']);
  return () => {
    new Engine(ws, ['/ws'], [sshdKind]).lintFile(target);
  };
}

describe('sshd analysis cost grows linearly', () => {
  it('with the number of Match blocks', () => {
    assertLinear(
      'n Match blocks',
      (n) => {
        const lines = ['PasswordAuthentication no', 'Include /etc/ssh/sshd_config.d/*.conf'];
        for (let i = 0; i < n; i++) lines.push(`Match User u${i} Address 10.0.${i % 250}.0/24`, '    X11Forwarding yes', '    PermitTTY no', '    AllowTcpForwarding local', 'PasswordAuthentication yes');
        return lintOnce({ [MAIN]: lines.join('\n') + '\n', '/ws/etc/ssh/sshd_config.d/a.conf': 'Ciphers aes128-cbc\n' });
      },
      1000,
    );
  });

  it('with the number of times one option is repeated', () => {
    assertLinear(
      'n repeated options',
      (n) => {
        const lines: string[] = [];
        for (let i = 0; i < n; i++) lines.push(i % 2 ? 'PermitRootLogin yes' : 'PermitRootLogin no', `MaxAuthTries ${i % 9}`, `AllowUsers user${i}`);
        return lintOnce({ [MAIN]: lines.join('\n') + '\n' });
      },
      2000,
    );
  });

  it('with the number of drop-ins, also for a drop-in linted through its main file', () => {
    assertLinear(
      'n drop-ins',
      (n) => {
        const files: Record<string, string> = { [MAIN]: 'Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\n' };
        for (let i = 0; i < n; i++) files[`/ws/etc/ssh/sshd_config.d/${String(i).padStart(5, '0')}.conf`] = `ClientAliveInterval ${i}\nMatch User d${i}\n    PermitTTY no\n`;
        return lintOnce(files, '/ws/etc/ssh/sshd_config.d/00000.conf');
      },
      300,
    );
  });
});
