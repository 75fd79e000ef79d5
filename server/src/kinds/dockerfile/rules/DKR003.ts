// DKR003: passwords set or blanked in the image.
import { meta, reportAt, runCommands, type DRule } from '../ruleutil';

export const DKR003: DRule = {
  meta: meta(
    'DKR003',
    'Password set or blanked in the image',
    'error',
    'no',
    'A password set at build time is the same in every container started from the image, is visible in the image history, and a blanked password lets anyone log in.',
    'CKV2_DOCKER_17',
  ),
  check(ctx) {
    for (const rc of runCommands(ctx.model)) {
      const { inv, cmd } = rc;
      const vals = inv.args.map((w) => w.value);
      let why: string | undefined;
      if (inv.name === 'chpasswd' || inv.name === 'chgpasswd') why = `${inv.name} sets passwords in the image`;
      else if (inv.name === 'passwd' && vals.some((v) => v === '-d' || v === '--delete')) why = 'passwd -d leaves the account without a password';
      else if (inv.name === 'passwd' && vals.includes('--stdin')) why = 'passwd --stdin sets a password in the image';
      else if ((inv.name === 'usermod' || inv.name === 'useradd') && vals.some((v) => v === '-p' || v === '--password' || v.startsWith('--password=') || /^-p./.test(v))) {
        why = `${inv.name} -p sets a password hash in the image`;
      }
      if (why) reportAt(ctx, cmd.start, cmd.end, `${why}: every container shares it and it is readable in the image history`);
    }
  },
};
