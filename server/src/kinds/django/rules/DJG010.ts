// DJG010: HSTS without includeSubDomains (W005) or preload (W021).
import type { Rule } from '../../../engine/kind';
import type { Fix } from '../../../engine/types';
import { anchor, appendLines, insertAfterStatement, reportAt, setSettingFix, setting, type DjangoModel } from '../model';
import { truthy } from '../values';
import { boolTypes, hasMiddleware, isTrue, judge, lit, meta, reportJudgement, SECURITY_MW } from './common';

export const DJG010: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG010',
    title: 'HSTS without includeSubDomains or preload',
    severity: 'info',
    fix: 'yes',
    why: 'Without includeSubDomains an attacker can still downgrade sub-domains and set cookies for the parent; without preload the very first visit is unprotected.',
    anchors: 'DJ security.W005, security.W021',
  }),
  check(ctx) {
    const m = ctx.model;
    if (hasMiddleware(m, SECURITY_MW) !== true) return;
    const hsts = setting(m, 'SECURE_HSTS_SECONDS');
    if (!hsts || hsts.cond) return;
    const on = hsts.value.t === 'env' ? hsts.value.env.required || truthy(hsts.value.env.dflt) === true : truthy(hsts.value) === true;
    if (!on) return;
    for (const [name, id, what] of [
      ['SECURE_HSTS_INCLUDE_SUBDOMAINS', 'security.W005', 'sub-domains can still be reached over HTTP and used to attack the site'],
      ['SECURE_HSTS_PRELOAD', 'security.W021', 'the site cannot be submitted to the browsers’ HSTS preload list'],
    ] as const) {
      const j = judge(m, name, lit('bool', false), isTrue, boolTypes);
      if (j.kind === 'absent') {
        // Points at the explicit SECURE_HSTS_SECONDS (catalog §0 "More locations").
        if (!m.complete) continue;
        const edit = hsts.stmt.file === m.root ? insertAfterStatement(m, hsts.stmt, `${name} = True`) : appendLines(m, m.root, [`${name} = True`]);
        const fixes: Fix[] | undefined = edit ? [{ title: `Set ${name} = True`, edits: [edit], isPreferred: true }] : undefined;
        reportAt(ctx, { loc: hsts.target, binding: hsts, message: `HSTS is on but ${name} is not set: ${what}${anchor(id)}`, fixes });
        continue;
      }
      if (j.kind === 'literal') {
        const f = setSettingFix(m, name, 'True');
        reportAt(ctx, { loc: j.b.target, binding: j.b, message: `${name} is not True: ${what}${anchor(id)}`, fixes: f ? [f] : undefined });
        continue;
      }
      reportJudgement(ctx, j, name, { goodText: 'True', predicate: 'is not True', impact: what, envTypeText: 'a string, which is never True' });
    }
  },
};
