// DKR026: SSH server in the shipped image (EXPOSE 22, openssh-server installed or sshd started).
import { invocation, isInstall, packageManager } from '../cli';
import { parsePortSpec } from '../syntax';
import type { Command } from '../shell';
import { meta, reportAt, runCommands, type DRule } from '../ruleutil';

const SSH_PACKAGES = /^(openssh-server|openssh|dropbear|openssh-server-pam)([=:-]\d.*)?$/;

function startsSshd(cmd: Command): boolean {
  const inv = invocation(cmd);
  if (!inv) return false;
  if (inv.name === 'sshd' || inv.name === 'dropbear') return true;
  const a = inv.args.map((w) => w.value);
  if ((inv.name === 'service' || inv.name === 'rc-service') && /^(ssh|sshd|dropbear)$/.test(a[0] ?? '') && /^(start|restart)$/.test(a[1] ?? '')) return true;
  if (inv.name === 'systemctl' && /^(start|enable|restart)$/.test(a[0] ?? '') && /^(ssh|sshd)(\.service)?$/.test(a[1] ?? '')) return true;
  return /^\/etc\/init\.d\/(ssh|sshd)$/.test(inv.nameWord.value) && /^(start|restart)$/.test(a[0] ?? '');
}

export const DKR026: DRule = {
  meta: meta(
    'DKR026',
    'SSH server in the shipped image',
    'warning',
    'no',
    'An SSH daemon inside a container is a remote shell with its own keys and passwords to manage; use docker exec / kubectl exec for access.',
    'CKV_DOCKER_1; DS-0004; KICS "Exposing Port 22"; hadolint DL3001 (ssh command)',
  ),
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.instructions) {
      if (!instr.stage?.shipped) continue;
      if (instr.keyword === 'EXPOSE') {
        for (const a of instr.args) {
          if (!a.resolved) continue;
          const spec = parsePortSpec(a.value);
          if (!spec.ok) continue;
          const [lo, hi] = [spec.ports[0], spec.ports[1] ?? spec.ports[0]];
          if (lo <= 22 && 22 <= hi) reportAt(ctx, a.start, a.end, `EXPOSE ${a.value} publishes the SSH port: containers should not run an SSH server`);
        }
      }
      if ((instr.keyword === 'CMD' || instr.keyword === 'ENTRYPOINT') && instr.command) {
        const cl = instr.command;
        if (cl.script) {
          for (const c of cl.script.commands) if (startsSshd(c)) reportAt(ctx, c.start, c.end, `${instr.keyword} starts an SSH server in the container`);
        } else if (cl.exec?.length && /(^|\/)(sshd|dropbear)$/.test(cl.exec[0].value)) {
          reportAt(ctx, cl.exec[0].start, cl.exec[0].end, `${instr.keyword} starts an SSH server in the container`);
        }
      }
    }
    for (const rc of runCommands(model, { triggers: false, shippedOnly: true })) {
      const pm = packageManager(rc.cmd);
      if (pm && ['apt', 'apk', 'yum', 'zypper'].includes(pm.tool) && isInstall(pm)) {
        for (const w of pm.parsed.operands) if (w.resolved && SSH_PACKAGES.test(w.value)) reportAt(ctx, w.start, w.end, `${pm.inv.name} ${pm.sub} ${w.value} puts an SSH server into the shipped image`);
      }
      if (startsSshd(rc.cmd)) reportAt(ctx, rc.cmd.start, rc.cmd.end, 'RUN starts an SSH server');
    }
  },
};
