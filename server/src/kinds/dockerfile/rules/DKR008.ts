// DKR008: COPY/ADD of secret-bearing files (keys, .env, credentials), or of a file an ENV names as credentials.
import * as path from 'node:path';
import type { DInstruction } from '../model';
import { classifySecretName, secretFileKind, secretish } from '../secrets';
import { meta, related, reportAt, stageChain, stageSeverity, type DRule } from '../ruleutil';

function isUrl(v: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^git@/.test(v);
}

/** Sources and destination of a COPY/ADD (heredocs excluded). */
export function copyParts(instr: DInstruction): { sources: DInstruction['args']; dest?: DInstruction['args'][number] } {
  const args = instr.args.filter((a) => !a.raw.startsWith('<<'));
  if (instr.args.length < 2) return { sources: [] };
  const dest = instr.args[instr.args.length - 1];
  return { sources: args.filter((a) => a !== dest), dest };
}

export const DKR008: DRule = {
  meta: meta(
    'DKR008',
    'Secret file copied into the image',
    'error',
    'no',
    'A key, .env or credentials file copied into a layer stays in the image even if a later step deletes it; anyone who can pull the image can extract it.',
    'DS-0031 (secret-file env + COPY)',
  ),
  check(ctx) {
    const { model } = ctx;
    const reported = new Set<number>();
    for (const instr of model.instructions) {
      if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
      const { sources } = copyParts(instr);
      for (const src of sources) {
        if (!src.resolved || isUrl(src.value)) continue;
        const kind = secretFileKind(src.value);
        if (!kind) continue;
        reported.add(src.start);
        reportAt(ctx, src.start, src.end, `${instr.keyword} ${src.value} copies ${kind} into ${instr.stage?.shipped ? 'the shipped image' : 'a builder stage'}: it stays in the layer; mount it at build time (RUN --mount=type=secret) or provide it at runtime`, {
          severity: stageSeverity(instr.stage),
        });
      }
    }
    // ENV GOOGLE_APPLICATION_CREDENTIALS=/app/key.json + COPY key.json /app/key.json
    for (const envInstr of model.instructions) {
      if (envInstr.keyword !== 'ENV' || !envInstr.stage) continue;
      for (const p of envInstr.properties) {
        if (!p.value || !p.resolved || !secretish(p.name) || classifySecretName(p.name, p.value).secret) continue;
        if (!p.value.startsWith('/')) continue;
        for (const st of stageChain(envInstr.stage)) {
          for (const instr of st.instructions) {
            if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
            const { sources, dest } = copyParts(instr);
            if (!dest || !dest.resolved) continue;
            for (const src of sources) {
              if (reported.has(src.start) || !src.resolved || isUrl(src.value)) continue;
              const target = dest.value.endsWith('/') ? path.posix.join(dest.value, path.posix.basename(src.value)) : dest.value;
              if (target !== p.value && dest.value !== p.value) continue;
              reported.add(src.start);
              reportAt(ctx, src.start, src.end, `${instr.keyword} ${src.value} puts a credentials file at ${p.value}, which ENV ${p.name} points to: the secret ships in the layer`, {
                severity: stageSeverity(instr.stage),
                related: [related(model, p.start, p.end, `ENV ${p.name} names the file as credentials`)],
              });
            }
          }
        }
      }
    }
  },
};
