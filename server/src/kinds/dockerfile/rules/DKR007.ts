// DKR007: secret values written in the Dockerfile (token formats, URL passwords, random-looking literals).
import { parseOptions } from '../cli';
import { classifySecretName, findSecretValues, looksRandomSecret } from '../secrets';
import { meta, reportAt, runCommands, type DContext, type DRule } from '../ruleutil';
import type { Mapped } from '../text';

function scanMapped(ctx: DContext, m: Mapped, where: string, seen: Set<number>): void {
  for (const hit of findSecretValues(m.text)) {
    const start = m.map[hit.start];
    if (seen.has(start)) continue;
    seen.add(start);
    reportAt(ctx, start, m.map[hit.end - 1] + 1, `${hit.kind} in ${where}: it is committed with the Dockerfile and baked into the image`);
  }
}

function scanRaw(ctx: DContext, start: number, end: number, where: string, seen: Set<number>): void {
  const text = ctx.model.text.slice(start, end);
  for (const hit of findSecretValues(text)) {
    if (seen.has(start + hit.start)) continue;
    seen.add(start + hit.start);
    reportAt(ctx, start + hit.start, start + hit.end, `${hit.kind} in ${where}: it is committed with the Dockerfile and baked into the image`);
  }
}

export const DKR007: DRule = {
  meta: meta(
    'DKR007',
    'Secret value in the Dockerfile',
    'error',
    'no',
    'A credential written in the Dockerfile is in version control and in the image; anyone with either can use it until it is revoked.',
    'KICS "Passwords And Secrets - Dockerfile"; Checkov secrets framework (CKV_SECRET_*); Trivy secret scanner',
  ),
  check(ctx) {
    const { model } = ctx;
    const seen = new Set<number>();
    for (const instr of model.allInstructions) {
      const kw = instr.keyword;
      if (kw === 'ENV' || kw === 'ARG' || kw === 'LABEL') {
        for (const p of instr.properties) {
          if (p.valueStart === undefined || p.valueEnd === undefined || p.value === undefined) continue;
          const before = seen.size;
          scanRaw(ctx, p.valueStart, p.valueEnd, `${kw} ${p.name}`, seen);
          if (seen.size > before) continue;
          const literal = p.value.replace(/^["']|["']$/g, '');
          if (p.resolved && looksRandomSecret(literal) && !classifySecretName(p.name, p.value).exempt) {
            seen.add(p.valueStart);
            reportAt(ctx, p.valueStart, p.valueEnd, `${kw} ${p.name} holds a random-looking literal (high entropy): if it is a credential, it is committed and baked into the image`);
          }
        }
        continue;
      }
      if (instr.command?.text) scanMapped(ctx, instr.command.text, kw, seen);
      else if (instr.command) scanRaw(ctx, instr.command.start, instr.command.end, kw, seen);
      if (kw === 'COPY' || kw === 'ADD') {
        for (const a of instr.args) scanRaw(ctx, a.start, a.end, kw, seen);
        for (const h of instr.heredocs) scanRaw(ctx, h.start, h.end, `${kw} heredoc`, seen);
      }
      if (kw === 'RUN' && !instr.command?.text) for (const h of instr.heredocs) scanRaw(ctx, h.start, h.end, 'RUN heredoc', seen);
    }
    // Passwords given on command lines, and secret-named shell variables with literal values.
    for (const rc of runCommands(model)) {
      const { inv, cmd } = rc;
      const candidates: { word: { start: number; end: number; value: string; resolved: boolean }; what: string }[] = [];
      if (inv.name === 'curl') {
        for (const o of parseOptions(inv.args, { short: 'u', long: ['user'] }).opts) {
          if ((o.name === 'u' || o.name === 'user') && o.value && o.value.includes(':') && (o.valueWord ?? o.word).resolved) candidates.push({ word: o.valueWord ?? o.word, what: 'curl --user password' });
        }
      } else if (inv.name === 'wget') {
        for (const w of inv.args) if (/^--(http-|ftp-|proxy-)?password=./.test(w.value) && w.resolved) candidates.push({ word: w, what: 'wget password' });
      } else if (inv.name === 'sshpass') {
        const k = inv.args.findIndex((w) => w.value === '-p' || /^-p./.test(w.value));
        const w = k >= 0 ? (inv.args[k].value === '-p' ? inv.args[k + 1] : inv.args[k]) : undefined;
        if (w?.resolved) candidates.push({ word: w, what: 'sshpass password' });
      }
      const assigns = [...cmd.assignments, ...(['export', 'declare', 'readonly'].includes(inv.name) ? inv.args : [])];
      for (const w of assigns) {
        const eq = w.raw.indexOf('=');
        if (eq <= 0) continue;
        const name = w.raw.slice(0, eq);
        const value = w.value.slice(w.value.indexOf('=') + 1);
        if (!w.resolved || value === '' || w.expansions.length > 0) continue;
        if (classifySecretName(name, value).secret && (looksRandomSecret(value) || value.length >= 8)) candidates.push({ word: w, what: `${name} assignment` });
      }
      for (const c of candidates) {
        if (seen.has(c.word.start)) continue;
        seen.add(c.word.start);
        reportAt(ctx, c.word.start, c.word.end, `Literal secret in RUN (${c.what}): it is committed and recorded in the image history; use RUN --mount=type=secret`);
      }
    }
  },
};
