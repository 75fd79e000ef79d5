// DKR001: the final stage runs as root (explicit root USER, or no USER on a root base image).
import type { DInstruction } from '../model';
import { insertLineBeforeEdit, insertLineAfterEdit, replaceEdit } from '../edits';
import { createdUsers, fix, meta, reportAt, stageChain, type DRule } from '../ruleutil';

export function isRootUser(value: string): boolean {
  const user = value.split(':')[0].trim();
  return user === 'root' || user === '0';
}

export const DKR001: DRule = {
  meta: meta(
    'DKR001',
    'Final stage runs as root',
    'error',
    'partial',
    'A process that is root inside the container turns any code-execution bug into root in the container, and one kernel or runtime flaw away from root on the host.',
    'hadolint DL3002 (explicit root only); CKV_DOCKER_3 (no USER at all), CKV_DOCKER_8 (last USER == "root", misses `0`); DS-0002 (both cases); KICS "Missing User Instruction", "Last User Is Root"',
  ),
  check(ctx) {
    const { model } = ctx;
    const st = model.finalStage;
    if (!st) return;
    const users = createdUsers(model, st);
    const suggestion = users.length > 0 ? (users[users.length - 1].uid ?? users[users.length - 1].name) : '10001';
    const caveat =
      users.length > 0
        ? `Check that ${suggestion} can read the application files and write where the application writes.`
        : 'uid 10001 has no entry in /etc/passwd: create one (useradd --uid 10001 app) if the application needs a home or a name, and make sure it can read the application files.';
    const u = st.user;
    if (u.instruction) {
      if (!u.resolved || u.value === undefined || !isRootUser(u.value)) return;
      const instr = u.instruction;
      const arg = instr.args[0];
      const userPart = arg.raw.split(':')[0];
      reportAt(ctx, arg.start, instr.args[instr.args.length - 1].end, `The final stage runs as root: USER ${u.value}${instr.stage !== st ? ` (inherited from stage "${instr.stage?.name ?? instr.stage?.index}")` : ''}`, {
        fixes: arg.raw === arg.value ? [fix(`Run as ${suggestion} instead of root`, [replaceEdit(model, arg.start, arg.start + userPart.length, suggestion)], { caveat })] : undefined,
      });
      return;
    }
    if (st.baseNonRoot) return;
    const chain = stageChain(st);
    const root = chain[0];
    const image = root.scratch ? 'scratch (no /etc/passwd: uid 0)' : root.image?.text ?? 'the base image';
    const from = st.from;
    const target = st.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    const last: DInstruction = st.instructions[st.instructions.length - 1];
    const edit = target ? insertLineBeforeEdit(model, target, `USER ${suggestion}`) : insertLineAfterEdit(model, last, `USER ${suggestion}`);
    reportAt(ctx, from.keywordStart, from.lineEnd, `The final stage runs as root: no USER instruction, and ${image} runs as root by default`, {
      fixes: [fix(`Add USER ${suggestion}`, [edit], { caveat })],
    });
  },
};
