// DKR037: stage-graph errors (bad COPY --from / RUN --mount from=, duplicate or reserved stage
// names, FROM of a later stage) and EXPOSE values BuildKit rejects or misreads.
import { replaceEdit } from '../edits';
import { parsePortSpec } from '../syntax';
import type { DInstruction, Stage } from '../model';
import { fix, meta, related, reportAt, type DContext, type DRule } from '../ruleutil';

function checkRef(ctx: DContext, instr: DInstruction, value: string, start: number, end: number, what: string): void {
  const { model } = ctx;
  const st = instr.stage;
  if (!st) return;
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    if (n >= st.index) reportAt(ctx, start, end, `${what}=${value} refers to ${n === st.index ? 'its own stage' : 'a later stage'}: only earlier stages can be used`);
    return;
  }
  const lower = value.toLowerCase();
  if (st.name === lower) {
    reportAt(ctx, start, end, `${what}=${value} refers to its own stage`);
    return;
  }
  const idx = model.stages.findIndex((s) => s.name === lower);
  if (idx > st.index) {
    reportAt(ctx, start, end, `${what}=${value} refers to a stage defined later: BuildKit will pull an image named ${value} instead`, {
      related: [related(model, model.stages[idx].nameStart!, model.stages[idx].nameEnd!, `stage ${value}`)],
    });
    return;
  }
  if (idx >= 0) return;
  if (/[:/@.]/.test(value) || value.includes('$')) return;
  reportAt(ctx, start, end, `${what}=${value} is not a stage of this Dockerfile: BuildKit will pull docker.io/library/${lower}:latest instead (write the image with a tag if that is intended)`);
}

export const DKR037: DRule = {
  meta: meta(
    'DKR037',
    'Stage reference or EXPOSE error',
    'error',
    'partial',
    'A --from that names no earlier stage silently pulls an image of that name from a registry; duplicate or reserved stage names and malformed EXPOSE values break the build or do something else than intended.',
    'hadolint DL3022, DL3023, DL3024, DL3063, DL3011; CKV_DOCKER_11; DS-0006, DS-0008, DS-0011, DS-0012; BK `DuplicateStageName`, `ReservedStageName`, `ExposeInvalidFormat`, `ExposeProtoCasing`',
  ),
  check(ctx) {
    const { model } = ctx;
    const seen = new Map<string, Stage>();
    for (const st of model.stages) {
      if (st.name !== undefined && st.nameStart !== undefined) {
        const first = seen.get(st.name);
        if (first) {
          reportAt(ctx, st.nameStart, st.nameEnd!, `Duplicate stage name "${st.name}"`, { related: [related(model, first.nameStart!, first.nameEnd!, 'first defined here')] });
        } else seen.set(st.name, st);
        if (st.name === 'scratch' || st.name === 'context') reportAt(ctx, st.nameStart, st.nameEnd!, `"${st.name}" is a reserved stage name`);
      }
      const img = st.image;
      if (img && img.resolved && !st.parent && !img.tag && !img.digest && !img.registry && !img.repository.includes('/')) {
        const later = model.stages.find((s) => s.index > st.index && s.name === img.text.toLowerCase());
        if (later) reportAt(ctx, img.start, img.end, `FROM ${img.text} names a stage defined later: BuildKit pulls an image named ${img.text} instead`);
      }
    }
    for (const instr of model.instructions) {
      if (instr.keyword === 'COPY' || instr.keyword === 'ADD') {
        const from = instr.flags.find((f) => f.name === 'from');
        if (from?.value && from.resolved) checkRef(ctx, instr, from.value, from.valueStart ?? from.start, from.valueEnd ?? from.end, 'COPY --from');
      }
      if (instr.keyword === 'RUN') {
        for (const f of instr.flags) {
          if (f.name !== 'mount' || !f.value || !f.resolved) continue;
          const m = /(?:^|,)from=([^,]+)/.exec(f.value);
          if (m) checkRef(ctx, instr, m[1], f.start, f.end, 'RUN --mount from');
        }
      }
      if (instr.keyword === 'EXPOSE') {
        for (const a of instr.args) {
          if (!a.resolved) continue;
          if (/^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]*\]):/.test(a.value)) {
            const host = a.value.slice(0, a.value.lastIndexOf(':') + 1);
            reportAt(ctx, a.start, a.end, `EXPOSE ${a.value}: EXPOSE takes container ports only; the address and host port belong in docker run -p`, {
              fixes: a.raw === a.value ? [fix(`Expose ${a.value.slice(host.length)}`, [replaceEdit(model, a.start, a.start + host.length, '')])] : undefined,
            });
            continue;
          }
          const spec = parsePortSpec(a.value);
          if (!spec.ok) continue;
          if (spec.ports.some((p) => p < 1 || p > 65535)) reportAt(ctx, a.start, a.end, `EXPOSE ${a.value}: ports range from 1 to 65535`);
          else if (spec.hostForm) reportAt(ctx, a.start, a.end, `EXPOSE ${a.value}: EXPOSE takes container ports only; the host port belongs in docker run -p`);
          if (spec.proto && spec.proto !== spec.proto.toLowerCase() && ['tcp', 'udp', 'sctp'].includes(spec.proto.toLowerCase())) {
            const slash = a.raw.indexOf('/');
            reportAt(ctx, a.start, a.end, `EXPOSE ${a.value}: write the protocol in lower case (${spec.proto.toLowerCase()})`, {
              severity: 'warning',
              fixes: slash >= 0 && a.raw === a.value ? [fix('Lower-case the protocol', [replaceEdit(model, a.start + slash + 1, a.end, spec.proto.toLowerCase())])] : undefined,
            });
          }
        }
      }
    }
  },
};
