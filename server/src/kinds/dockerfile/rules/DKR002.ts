// DKR002: sudo in RUN.
import { replaceEdit } from '../edits';
import { fix, meta, reportAt, runCommands, type DRule } from '../ruleutil';

export const DKR002: DRule = {
  meta: meta(
    'DKR002',
    'sudo used in RUN',
    'warning',
    'partial',
    'Build steps already run as the current USER; sudo in an image is an unneeded privilege tool that hides which user a step really needs and stays available to an attacker.',
    'hadolint DL3004; CKV2_DOCKER_1; DS-0010; KICS "Run Using Sudo"',
  ),
  check(ctx) {
    for (const rc of runCommands(ctx.model)) {
      const sudo = rc.inv.sudo;
      if (!sudo) continue;
      const opts = rc.cmd.words.slice(rc.cmd.words.indexOf(sudo) + 1, rc.cmd.words.indexOf(rc.inv.nameWord));
      const simple = opts.every((w) => /^-[EHnS]+$/.test(w.value));
      reportAt(ctx, sudo.start, sudo.end, `sudo in RUN: ${rc.inv.name} runs as the build user anyway${opts.some((w) => /^-u|^--user/.test(w.value)) ? ' (to run as another user, use USER before this RUN)' : ''}`, {
        fixes:
          simple && rc.inv.nameWord !== sudo
            ? [
                fix('Remove sudo', [replaceEdit(ctx.model, sudo.start, rc.inv.nameWord.start, '')], {
                  caveat: 'If this step must run as root while the stage runs as another user, put USER root before it and switch back after.',
                }),
              ]
            : undefined,
      });
    }
  },
};
