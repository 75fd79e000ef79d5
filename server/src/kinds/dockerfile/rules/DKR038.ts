// DKR038: ShellCheck findings with security impact inside RUN (SC2086 on build args, SC2046,
// SC2115, SC2164, SC2155, SC2015).
import { invocation, isInstall, packageManager } from '../cli';
import { kindOfVar } from '../parse';
import { replaceEdit } from '../edits';
import { fix, meta, reportAt, type DRule } from '../ruleutil';

export const DKR038: DRule = {
  meta: meta(
    'DKR038',
    'Shell pitfall with security impact in RUN',
    'info',
    'partial',
    'Unquoted build arguments are split and globbed (a crafted --build-arg injects words), rm -rf "$DIR/" with an empty DIR deletes /, and a failed cd makes the next commands run in the wrong directory.',
    'hadolint (ShellCheck integration: SC2086, SC2046, SC2164, SC2155, SC2015 listed)',
  ),
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.allInstructions) {
      const script = instr.command?.script;
      if (instr.keyword !== 'RUN' || !script || instr.command?.form !== 'shell') continue;
      let errexit = false;
      const top = script.commands.filter((c) => c.depth === 0);
      for (const c of script.commands) {
        const inv = invocation(c);
        if (!inv || c.test) continue;
        if (inv.name === 'set' && inv.args.some((a) => /^-[a-z]*e/.test(a.value) || (a.value === '-o' && false))) errexit = true;
        if (inv.name === 'set' && inv.args.some((a, k) => a.value === '-o' && inv.args[k + 1]?.value === 'errexit')) errexit = true;
        const pm = packageManager(c);
        const listArgs = pm && isInstall(pm);
        // SC2086 (build args) and SC2046
        for (const w of c.words) {
          if (/^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(w.raw)) continue;
          for (const e of w.expansions) {
            if (e.quoted) continue;
            if (e.kind === 'var' && kindOfVar(instr, e.name) === 'arg') {
              const v = instr.lookup(e.name);
              if (typeof v === 'string' && /\s/.test(v)) continue;
              const whole = w.start === e.start && w.end === e.end && !w.quoted;
              reportAt(ctx, e.start, e.end, `SC2086: build argument ${e.name} is unquoted: a --build-arg value with spaces or globs is split into several words; quote it ("$${e.name}")`, {
                fixes: whole ? [fix(`Quote ${model.text.slice(e.start, e.end)}`, [replaceEdit(model, e.start, e.end, `"${model.text.slice(e.start, e.end)}"`)])] : undefined,
              });
            } else if (e.kind === 'cmd' && !listArgs && w !== c.words[0]) {
              reportAt(ctx, e.start, e.end, 'SC2046: unquoted command substitution: its output is split into words and globbed; quote it');
            }
          }
        }
        // SC2155
        if (['export', 'local', 'declare', 'readonly'].includes(inv.name)) {
          for (const w of inv.args) if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.raw) && w.expansions.some((e) => e.kind === 'cmd')) reportAt(ctx, w.start, w.end, `SC2155: ${inv.name} masks the exit status of the command substitution: assign first, then ${inv.name}`);
        }
        // SC2115
        if (inv.name === 'rm' && inv.args.some((a) => /^-[a-zA-Z]*[rR]/.test(a.value) || a.value === '--recursive')) {
          for (const w of inv.args) {
            const e = w.expansions[0];
            if (!e || e.kind !== 'var' || e.guarded || e.defaulted) continue;
            const startsWithVar = w.raw.replace(/^"/, '').startsWith('$');
            const after = model.text.slice(e.end, w.end).replace(/^"/, '');
            if (!startsWithVar || !after.startsWith('/')) continue;
            const v = instr.lookup(e.name);
            if (kindOfVar(instr, e.name) === 'env' && typeof v === 'string' && v !== '') continue;
            reportAt(ctx, w.start, w.end, `SC2115: if ${e.name} is empty, rm -r ${w.raw} deletes from /; write \${${e.name}:?} so that the shell stops instead`);
          }
        }
      }
      // SC2164: cd not guarded, followed by more commands, without set -e.
      for (let k = 0; k < top.length; k++) {
        const c = top[k];
        const inv = invocation(c);
        if (!inv || inv.name !== 'cd' || c.pipeline.commands.length > 1) continue;
        if (c.pipeline.next) continue; // cd … && x / cd … || exit
        const setE = top.slice(0, k).some((d) => invocation(d)?.name === 'set' && invocation(d)!.args.some((a) => /^-[a-z]*e/.test(a.value)));
        if (setE || errexit) continue;
        if (!top.slice(k + 1).some((d) => d.pipeline !== c.pipeline)) continue;
        reportAt(ctx, c.start, c.end, 'SC2164: if this cd fails, the next commands run in the wrong directory: use cd … && …, cd … || exit, or set -e');
      }
      // SC2015: A && B || C is not if-then-else.
      for (const p of script.pipelines) {
        if (p.connector === '||' && p.prev?.connector === '&&') {
          const last = invocation(p.commands[p.commands.length - 1]);
          if (p.commands.length === 1 && last && (last.name === 'true' || last.name === ':')) continue;
          let a = p.prev;
          while (a.prev) a = a.prev;
          reportAt(ctx, a.start, p.end, 'SC2015: in A && B || C, C also runs when B fails: use if … then … else … fi');
        }
      }
    }
  },
};
