// DKR005: world-writable or setuid/setgid files, and code owned by the runtime user.
import { parseOptions } from '../cli';
import { meta, reportAt, runCommands, type DRule } from '../ruleutil';

const TMP = /^(\/tmp|\/var\/tmp|\/dev\/shm|\/run\/lock)(\/|$)/;

/** What a chmod mode grants that is dangerous, if anything. */
export function dangerousMode(mode: string): string | undefined {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const digits = mode.padStart(4, '0');
    const special = Number(digits[0]);
    const other = Number(digits[3]);
    if (special & 4) return 'setuid';
    if (special & 2) return 'setgid';
    if (other & 2) return 'world-writable';
    return undefined;
  }
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)([+=])([rwxXst]*)$/.exec(clause);
    if (!m) continue;
    const who = m[1];
    const perms = m[3];
    if (perms.includes('s') && (who === '' || /[uga]/.test(who))) return who.includes('g') && !who.includes('u') && !who.includes('a') ? 'setgid' : 'setuid';
    if (perms.includes('w') && (who.includes('o') || who.includes('a'))) return 'world-writable';
  }
  return undefined;
}

export const DKR005: DRule = {
  meta: meta(
    'DKR005',
    'Setuid, world-writable or runtime-user-owned files',
    'info',
    'no',
    'Files the runtime user (or everyone) can write let an attacker in the container replace code or binaries; setuid binaries are privilege-escalation paths.',
    'KICS "Chown Flag Exists" (ownership of executables); chmod/setuid part —',
  ),
  check(ctx) {
    const { model } = ctx;
    for (const rc of runCommands(model)) {
      if (rc.inv.name !== 'chmod') continue;
      const p = parseOptions(rc.inv.args, { long: ['reference'] });
      const [mode, ...targets] = p.operands;
      if (!mode || !mode.resolved) continue;
      const what = dangerousMode(mode.value);
      if (!what) continue;
      if (targets.length > 0 && targets.every((t) => TMP.test(t.value))) continue;
      reportAt(ctx, mode.start, mode.end, `chmod ${mode.value} makes ${targets.map((t) => t.value).join(' ') || 'files'} ${what}`);
    }
    for (const instr of model.instructions) {
      if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
      const chmod = instr.flags.find((f) => f.name === 'chmod');
      if (chmod?.value && chmod.resolved) {
        const what = dangerousMode(chmod.value);
        if (what) reportAt(ctx, chmod.start, chmod.end, `--chmod=${chmod.value} makes the copied files ${what}`);
      }
      const chown = instr.flags.find((f) => f.name === 'chown');
      const st = instr.stage;
      const runtime = model.finalStage?.user;
      if (!chown?.value || !chown.resolved || !st?.shipped || !runtime?.value || !runtime.resolved) continue;
      const owner = chown.value.split(':')[0];
      const runUser = runtime.value.split(':')[0];
      if (owner !== runUser || owner === 'root' || owner === '0') continue;
      if (chmod?.value && /^[0-7]{3,4}$/.test(chmod.value) && !(Number(chmod.value.padStart(4, '0')[1]) & 2)) continue;
      reportAt(ctx, chown.start, chown.end, `--chown=${chown.value} gives the runtime user ${runUser} write access to the copied code: keep it owned by root (the default) and read-only for the app`);
    }
  },
};
