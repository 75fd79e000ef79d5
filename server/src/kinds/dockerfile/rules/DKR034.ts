// DKR034: a pipe in RUN without pipefail (failures on the left of | are ignored).
import { invocation } from '../cli';
import { isAlpine } from '../images';
import type { DInstruction, DockerModel, Stage } from '../model';
import type { Script } from '../shell';
import { insertLineBeforeEdit } from '../edits';
import { fix, meta, reportAt, stageChain, type DRule } from '../ruleutil';

const NON_POSIX = /(^|\/)(pwsh|powershell|cmd)(\.exe)?$/i;

/** The SHELL in force for each RUN, computed in one pass over the stages (inherited through FROM <stage>). */
function shellsOf(model: DockerModel): Map<DInstruction, string[] | undefined> {
  const out = new Map<DInstruction, string[] | undefined>();
  const atEnd = new Map<Stage, string[] | undefined>();
  for (const st of model.stages) {
    let shell = st.parent ? atEnd.get(st.parent) : undefined;
    for (const i of st.instructions) {
      if (i.keyword === 'SHELL') {
        try {
          const v = JSON.parse(i.argText.text);
          if (Array.isArray(v)) shell = v.map(String);
        } catch {
          // DKR000 reports a non-JSON SHELL
        }
      }
      out.set(i, shell);
      if (i.trigger) out.set(i.trigger, shell);
    }
    atEnd.set(st, shell);
  }
  return out;
}

function setsPipefail(args: string[]): boolean {
  for (let k = 0; k < args.length; k++) {
    if (/^-[a-z]*o$/.test(args[k]) && args[k + 1] === 'pipefail') return true;
    if (args[k] === '-o' && args[k + 1] === 'pipefail') return true;
    if (args[k] === '--pipefail') return true;
  }
  return false;
}

function pipefailBefore(script: Script, offset: number): boolean {
  return script.commands.some((c) => {
    if (c.start >= offset || c.depth > 0) return false;
    const inv = invocation(c);
    return !!inv && inv.name === 'set' && setsPipefail(inv.args.map((a) => a.value));
  });
}

export const DKR034: DRule = {
  meta: meta(
    'DKR034',
    'Pipe in RUN without pipefail',
    'warning',
    'yes',
    'A RUN succeeds when the last command of a pipe succeeds: a failed download or checksum on the left of | is silently ignored and the build goes on with bad input.',
    'hadolint DL4006; DS-0032 (on a trivy-checks side commit, not in the main snapshot); KICS "Shell Running A Pipe Without Pipefail Flag"',
  ),
  check(ctx) {
    const { model } = ctx;
    const shells = shellsOf(model);
    for (const instr of model.allInstructions) {
      const script = instr.command?.script;
      if (instr.keyword !== 'RUN' || !script || instr.command?.form !== 'shell') continue;
      const shell = shells.get(instr);
      if (shell && (NON_POSIX.test(shell[0] ?? '') || setsPipefail(shell))) continue;
      const p = script.pipelines.find(
        (pl) =>
          pl.depth === 0 &&
          pl.pipes.some((op) => op.op === '|' || op.op === '|&') &&
          !pl.commands.slice(0, -1).every((c) => ['echo', 'printf', 'yes', 'true'].includes(invocation(c)?.name ?? '')) &&
          !pipefailBefore(script, pl.start),
      );
      if (!p) continue;
      const root = instr.stage ? stageChain(instr.stage)[0].image : undefined;
      const shellLine = isAlpine(root) ? 'SHELL ["/bin/ash", "-o", "pipefail", "-c"]' : 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';
      reportAt(ctx, p.start, p.end, 'This pipe ignores failures of the commands before the last one: set pipefail (SHELL ["/bin/bash", "-o", "pipefail", "-c"] or set -o pipefail)', {
        fixes: instr.onbuild ? undefined : [fix(`Add ${shellLine} before this RUN`, [insertLineBeforeEdit(model, instr, shellLine)], { isPreferred: true, caveat: 'Later RUNs of the stage use this shell too; the image must have it.' })],
      });
    }
  },
};
