// DJG019: Django >= 6.0 CSP settings that are not dicts (W026), allow inline/eval/any script, or only report.
import type { Rule } from '../../../engine/kind';
import { anchor, replaceAt, reportAt, setting, type DjangoModel, versionAtLeast } from '../model';
import { dictGet, isSeq, truthy, type Value } from '../values';
import { meta } from './common';

const WEAK: Record<string, string> = { "'unsafe-inline'": 'UNSAFE_INLINE', "'unsafe-eval'": 'UNSAFE_EVAL', '*': 'WILDCARD' };

/** Weak sources of a directive value (a list of sources, a space-separated string, or CSP.* constants). */
function weakSources(v: Value | undefined): { src: string; loc: Value['loc'] }[] {
  if (!v) return [];
  const items = isSeq(v) ? v.items : [v];
  const out: { src: string; loc: Value['loc'] }[] = [];
  for (const i of items) {
    if (i.t === 'str') {
      for (const tok of i.v.split(/\s+/)) if (tok in WEAK) out.push({ src: tok, loc: i.loc });
    } else if (i.t === 'obj') {
      const last = i.q.split('.').pop()!;
      const hit = Object.entries(WEAK).find(([, c]) => c === last);
      if (hit) out.push({ src: hit[0], loc: i.loc });
    }
  }
  return out;
}

/** A CSP header string ("default-src 'self'; img-src *") as the dict Django 6.0 expects, in Python. */
export function policyDict(policy: string): string | undefined {
  const entries: string[] = [];
  for (const part of policy.split(';')) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) continue;
    const [directive, ...sources] = tokens;
    entries.push(`${pyStr(directive)}: [${sources.map(pyStr).join(', ')}]`);
  }
  return entries.length ? `{${entries.join(', ')}}` : undefined;
}

function pyStr(s: string): string {
  return s.includes('"') && !s.includes("'") ? `'${s.replace(/\\/g, '\\\\')}'` : `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export const DJG019: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG019',
    title: 'Content-Security-Policy settings are broken or toothless',
    severity: 'warning',
    fix: 'partial',
    why: 'A CSP setting that is not a dict is ignored; a policy allowing inline or eval’d scripts, or any host, does not stop XSS; a report-only policy blocks nothing.',
    anchors: 'DJ security.W026',
  }),
  check(ctx) {
    const m = ctx.model;
    if (!versionAtLeast(m, 6, 0)) return;
    for (const name of ['SECURE_CSP', 'SECURE_CSP_REPORT_ONLY']) {
      const b = setting(m, name);
      if (!b || b.cond) continue;
      const v = b.value;
      if (v.t === 'unknown' || v.t === 'env' || v.t === 'obj' || v.t === 'call') continue;
      if (truthy(v) && v.t !== 'dict') {
        const dict = v.t === 'str' ? policyDict(v.v) : undefined;
        const plain = v.loc.file === b.stmt.file && v.loc.from > b.target.to && v.loc.to <= b.stmt.to && m.unit.files.has(v.loc.file);
        reportAt(ctx, {
          loc: b.target,
          binding: b,
          message: `${name} must be a dict of directives; Django ignores this value${anchor('security.W026')}`,
          fixes: dict && plain ? [{ title: `Write ${name} as a dict of directives`, edits: [replaceAt(m, v.loc, dict)], isPreferred: false, caveat: 'Check the policy: the directives are copied from the string as they are.' }] : undefined,
        });
        continue;
      }
      if (v.t !== 'dict') continue;
      const script = dictGet(v, 'script-src') ?? dictGet(v, 'default-src');
      for (const w of weakSources(script?.value)) {
        reportAt(ctx, { loc: w.loc, binding: b, message: `${name} allows ${w.src} for scripts: the policy does not stop injected scripts (XSS)` });
      }
    }
    const report = setting(m, 'SECURE_CSP_REPORT_ONLY');
    const enforce = setting(m, 'SECURE_CSP');
    if (m.role === 'production' && report && !report.cond && report.value.t === 'dict' && truthy(report.value) && (!enforce || (!enforce.cond && truthy(enforce.value) === false))) {
      reportAt(ctx, { loc: report.target, binding: report, message: 'The Content-Security-Policy is only in report-only mode (SECURE_CSP is not set): it blocks nothing in production' });
    }
  },
};
