// DKR006: ARG/ENV names that denote secrets (catalog §0: name segments, not substrings).
import type { Fix, FileEdit } from '../../../engine/types';
import type { DInstruction, DProperty, Stage } from '../model';
import { deleteInstructionEdit, insertEdit, replaceEdit } from '../edits';
import { classifySecretName } from '../secrets';
import { fix, meta, reportAt, stageSeverity, type DRule } from '../ruleutil';
import type { DockerModel } from '../model';
import { isWordChar } from '../scan';

/** Deletes one property of an ENV/ARG/LABEL (the whole instruction when it is the only one). */
export function deletePropertyEdit(model: DockerModel, instr: DInstruction, p: DProperty): FileEdit {
  if (instr.properties.length === 1) return deleteInstructionEdit(model, instr);
  const t = model.text;
  let end = p.end;
  while (end < t.length && (t[end] === ' ' || t[end] === '\t')) end++;
  if (end >= instr.lineEnd) {
    // Last property: remove the blanks before it instead.
    let start = p.start;
    while (start > 0 && (t[start - 1] === ' ' || t[start - 1] === '\t')) start--;
    return replaceEdit(model, start, p.end, '');
  }
  return replaceEdit(model, p.start, end, '');
}

/** Does the instruction reference `$name` or `${name…}`? */
function usesVar(model: DockerModel, instr: DInstruction, name: string): boolean {
  const t = model.text.slice(instr.keywordEnd, instr.end);
  const at = (k: number) => t.startsWith(name, k) && !isWordChar(t[k + name.length]);
  for (let i = t.indexOf('$'); i >= 0; i = t.indexOf('$', i + 1)) {
    if ((t[i + 1] === '{' && at(i + 2)) || at(i + 1)) return true;
  }
  return false;
}

/** For each name, the instructions of the stage referencing `$NAME` or `${NAME…}` (in order). */
const stageReferences = new WeakMap<Stage, Map<string, DInstruction[]>>();

function referencesIn(model: DockerModel, st: Stage): Map<string, DInstruction[]> {
  let refs = stageReferences.get(st);
  if (refs) return refs;
  refs = new Map();
  for (const i of st.instructions) {
    const t = model.text.slice(i.keywordEnd, i.end);
    for (let k = t.indexOf('$'); k >= 0; k = t.indexOf('$', k + 1)) {
      const a = t[k + 1] === '{' ? k + 2 : k + 1;
      let b = a;
      while (b < t.length && isWordChar(t[b])) b++;
      if (b === a) continue;
      const name = t.slice(a, b);
      const list = refs.get(name) ?? [];
      if (list[list.length - 1] !== i) list.push(i);
      refs.set(name, list);
    }
  }
  stageReferences.set(st, refs);
  return refs;
}

/** ARG NAME only used by RUNs of its stage: drop it and mount the value as a build secret instead. */
function secretMountFix(model: DockerModel, instr: DInstruction, p: DProperty): Fix | undefined {
  const st = instr.stage;
  if (!st) return undefined;
  // A name of word characters is looked up in the stage's references (computed once per stage).
  const users = /^\w+$/.test(p.name)
    ? (referencesIn(model, st).get(p.name) ?? []).filter((i) => i.index > instr.index)
    : st.instructions.filter((i) => i.index > instr.index && usesVar(model, i, p.name));
  if (users.some((i) => i.keyword !== 'RUN' || i.command?.form !== 'shell')) return undefined;
  const id = p.name.toLowerCase().replace(/_/g, '-');
  const edits: FileEdit[] = [deletePropertyEdit(model, instr, p)];
  for (const u of users) edits.push(insertEdit(model, u.keywordEnd, ` --mount=type=secret,id=${id},env=${p.name}`));
  return fix(`Pass ${p.name} as a build secret (RUN --mount=type=secret)`, edits, {
    caveat: `Build with: docker build --secret id=${id},env=${p.name} … (the env= option needs Dockerfile syntax 1.10 / BuildKit 0.13 or later).`,
  });
}

export const DKR006: DRule = {
  meta: meta(
    'DKR006',
    'Secret in an ARG or ENV name',
    'error',
    'partial',
    'ENV values are stored in the image configuration and ARG values used by RUN in the image history; anyone who can pull the image can read them (docker inspect, docker history).',
    'hadolint DL3064; BK `SecretsUsedInArgOrEnv`; DS-0031; KICS "ENV Instruction Has Secret", "secrets_env"',
  ),
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.instructions) {
      if (instr.keyword !== 'ARG' && instr.keyword !== 'ENV') continue;
      for (const p of instr.properties) {
        if (!p.name) continue;
        const c = classifySecretName(p.name, p.value);
        if (!c.secret) continue;
        if (instr.keyword === 'ENV' && p.value === '') continue;
        const severity = stageSeverity(instr.stage);
        const where = instr.stage ? (instr.stage.shipped ? 'the shipped image' : `builder stage "${instr.stage.name ?? instr.stage.index}"`) : 'a global build argument';
        const exposure =
          instr.keyword === 'ENV'
            ? 'ENV values are stored in the image config (docker inspect) and inherited by every container'
            : 'build-argument values are recorded in the image history (docker history) when a RUN uses them';
        const fx = instr.keyword === 'ARG' ? secretMountFix(model, instr, p) : undefined;
        reportAt(ctx, p.nameStart, p.nameEnd, `${instr.keyword} ${p.name} looks like a secret (${c.because}) in ${where}: ${exposure}; use a build secret (RUN --mount=type=secret) or runtime configuration instead`, {
          severity,
          fixes: fx ? [fx] : undefined,
        });
      }
    }
  },
};
