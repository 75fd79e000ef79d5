// DJG001: DEBUG effectively True in production (literal, truthy environment string, or True default).
import type { Rule } from '../../../engine/kind';
import type { Fix } from '../../../engine/types';
import { importOsEdit, replaceAt, reportAt, setSettingFix, type DjangoModel } from '../model';
import { truthy } from '../values';
import { judge, meta, reportJudgement } from './common';

export const DJG001: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG001',
    title: 'DEBUG is enabled in production',
    severity: 'error',
    fix: 'yes',
    why: 'With DEBUG on, any error page shows visitors the traceback, local variables, settings and SQL queries, and Django keeps every query in memory.',
    anchors: 'DJ security.W018 (DEBUG is True); bandit B201 is the Flask analogue; semgrep python.flask.security.audit.debug-enabled analogue',
  }),
  check(ctx) {
    const m = ctx.model;
    const j = judge(m, 'DEBUG', undefined, (v) => {
      const t = truthy(v);
      return t === undefined ? undefined : !t;
    }, (t) => t !== 'str' && t !== 'truthy');
    if (j.kind === 'env-type') {
      // A raw string: "False", "0" and "no" are all truthy. Offer the explicit comparison.
      const b = j.b;
      const name = j.env.name ?? 'DJANGO_DEBUG';
      const fixes: Fix[] = [];
      if (b.target.file === m.root && b.value.loc.file === m.root) {
        fixes.push({
          title: `Compare ${name} explicitly: os.environ.get("${name}", "") == "1"`,
          edits: [replaceAt(m, b.value.loc, `os.environ.get("${name}", "") == "1"`), ...importOsEdit(m, m.root, b.stmt.from)],
          isPreferred: true,
          caveat: `Set ${name}=1 where debugging is wanted; any other value (or none) turns DEBUG off.`,
        });
      }
      const f = setSettingFix(m, 'DEBUG', 'False', { preferred: fixes.length === 0 });
      if (f) fixes.push(f);
      reportAt(ctx, {
        loc: b.target,
        binding: b,
        message: `DEBUG is read from ${j.env.name ?? 'the environment'} as a ${j.env.type === 'truthy' ? 'bool() of a string' : 'string'}: any non-empty value, "False" and "0" included, turns DEBUG on in production`,
        fixes,
      });
      return;
    }
    reportJudgement(ctx, j, 'DEBUG', {
      goodText: 'False',
      predicate: 'is True in production',
      impact: 'error pages show tracebacks, settings and SQL to visitors',
      anchorId: 'security.W018',
    });
  },
};
