// DKR033: shell-form CMD/ENTRYPOINT in the shipped image.
import { replaceEdit } from '../edits';
import { fix, meta, reportAt, type DRule } from '../ruleutil';

export const DKR033: DRule = {
  meta: meta(
    'DKR033',
    'Shell-form CMD or ENTRYPOINT',
    'info',
    'yes',
    'In shell form /bin/sh is PID 1: SIGTERM is not forwarded to the application (no clean shutdown, killed after the timeout), and values from the environment are shell-interpreted.',
    'hadolint DL3025; BK `JSONArgsRecommended`; KICS "Not Using JSON In CMD And ENTRYPOINT Arguments"',
  ),
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.instructions) {
      if ((instr.keyword !== 'CMD' && instr.keyword !== 'ENTRYPOINT') || !instr.stage?.shipped) continue;
      const cl = instr.command;
      if (!cl || cl.form !== 'shell' || !cl.script || !cl.text || cl.text.text.trim() === '') continue;
      const cmds = cl.script.commands;
      // `exec app …` replaces the shell: the application is PID 1 and gets SIGTERM.
      if (cmds.length === 1 && cmds[0].words[0]?.value === 'exec' && !cmds[0].pipeline.next && cmds[0].pipeline.commands.length === 1) continue;
      const singleQuotedJson = /^\[\s*'/.test(cl.text.text);
      const simple =
        cmds.length === 1 &&
        cmds[0].depth === 0 &&
        cmds[0].pipeline.commands.length === 1 &&
        !cmds[0].pipeline.prev &&
        !cmds[0].pipeline.next &&
        cmds[0].redirects.length === 0 &&
        cmds[0].assignments.length === 0 &&
        cmds[0].words.length > 0 &&
        cmds[0].words.every((w) => w.expansions.length === 0 && w.resolved && !/[*?[]/.test(w.raw));
      const usesVars = cmds.some((c) => c.words.some((w) => w.expansions.length > 0));
      reportAt(ctx, cl.start, cl.end, `${instr.keyword} in shell form runs under /bin/sh -c, which does not forward SIGTERM to the application${singleQuotedJson ? ' (a JSON array needs double quotes: with single quotes it is shell form)' : usesVars ? '; to keep the variable expansion, start the command with exec' : ''}`, {
        fixes: singleQuotedJson && /^\[\s*'[^'"]*'(\s*,\s*'[^'"]*')*\s*\]$/.test(cl.text.text) && cl.text.text.length === cl.end - cl.start
          ? [fix('Use double quotes (JSON form)', [replaceEdit(model, cl.start, cl.end, cl.text.text.replace(/'/g, '"'))], { isPreferred: true })]
          : simple
          ? [fix(`Use the JSON (exec) form`, [replaceEdit(model, cl.start, cl.end, JSON.stringify(cmds[0].words.map((w) => w.value)).replace(/","/g, '", "'))], { isPreferred: true })]
          : undefined,
      });
    }
  },
};
