// DKR004: the final USER is a name, not a numeric uid.
import { replaceEdit } from '../edits';
import { createdUsers, fix, meta, reportAt, type DRule } from '../ruleutil';
import { isRootUser } from './DKR001';

export const DKR004: DRule = {
  meta: meta(
    'DKR004',
    'Non-numeric USER in the final stage',
    'info',
    'partial',
    'Kubernetes runAsNonRoot can only verify a numeric uid; a name is resolved inside the image and may map to root in another base image.',
    'hadolint DL3066 (last USER only since #1239)',
  ),
  check(ctx) {
    const { model } = ctx;
    const st = model.finalStage;
    const u = st?.user;
    if (!st || !u?.instruction || !u.resolved || u.value === undefined || isRootUser(u.value)) return;
    const name = u.value.split(':')[0].trim();
    if (/^\d+$/.test(name)) return;
    const arg = u.instruction.args[0];
    const known = createdUsers(model, st).find((c) => c.name === name && c.uid);
    reportAt(ctx, arg.start, arg.start + Math.max(name.length, 1), `USER ${name} is a name: use the numeric uid${known ? ` (${known.uid})` : ''} so that runAsNonRoot can verify it`, {
      fixes: known && arg.raw.startsWith(name) ? [fix(`Use uid ${known.uid}`, [replaceEdit(model, arg.start, arg.start + name.length, known.uid!)])] : undefined,
    });
  },
};
