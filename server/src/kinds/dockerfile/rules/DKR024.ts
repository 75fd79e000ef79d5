// DKR024: package index update in a RUN without an install.
import { invocation, packageManager } from '../cli';
import type { Command } from '../shell';
import { deleteInstructionEdit, insertEdit } from '../edits';
import { fix, meta, reportAt, type DRule } from '../ruleutil';

type Family = 'apt' | 'apk' | 'yum';

function updateFamily(cmd: Command): Family | undefined {
  const pm = packageManager(cmd);
  if (!pm) return undefined;
  if (pm.tool === 'apt' && pm.sub === 'update') return 'apt';
  if (pm.tool === 'apk' && pm.sub === 'update') return 'apk';
  if (pm.tool === 'yum' && pm.sub === 'makecache') return 'yum';
  return undefined;
}

function installFamily(cmd: Command): Family | undefined {
  const pm = packageManager(cmd);
  if (!pm) return undefined;
  if (pm.tool === 'apt' && ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'reinstall'].includes(pm.sub)) return 'apt';
  if (pm.tool === 'apk' && (pm.sub === 'add' || pm.sub === 'upgrade')) return 'apk';
  if (pm.tool === 'yum' && ['install', 'update', 'upgrade', 'groupinstall', 'reinstall', 'distro-sync'].includes(pm.sub)) return 'yum';
  return undefined;
}

export const DKR024: DRule = {
  meta: meta(
    'DKR024',
    'Package index updated without an install in the same RUN',
    'warning',
    'yes',
    'The updated index is cached in its own layer; a later install RUN reuses that stale layer and installs old, vulnerable packages.',
    'CKV_DOCKER_5; DS-0017; KICS "Update Instruction Alone"',
  ),
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.allInstructions) {
      const script = instr.command?.script;
      if (instr.keyword !== 'RUN' || !script) continue;
      const updates = script.commands.filter((c) => updateFamily(c));
      for (const u of updates) {
        const fam = updateFamily(u)!;
        if (script.commands.some((c) => installFamily(c) === fam)) continue;
        const text = model.text.slice(u.start, u.end);
        let fixes;
        const onlyUpdate = script.commands.every((c) => c === u || invocation(c)?.name === 'set');
        if (onlyUpdate && instr.stage && !instr.onbuild) {
          const later = instr.stage.instructions.find((i) => i.index > instr.index && i.keyword === 'RUN' && i.command?.script?.commands.some((c) => installFamily(c) === fam));
          const target = later?.command?.script?.commands.find((c) => installFamily(c) === fam);
          if (later && target && !text.includes('\n')) {
            fixes = [fix(`Merge into the install RUN (line ${model.index.positionAt(later.start).line + 1})`, [deleteInstructionEdit(model, instr), insertEdit(model, target.start, `${text} && `)], { isPreferred: true })];
          }
        }
        reportAt(ctx, u.start, u.end, `${text} runs in a RUN without an install: its cached layer goes stale; update and install in the same RUN`, { fixes });
      }
    }
  },
};
