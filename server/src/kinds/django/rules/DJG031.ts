// DJG031: template debug on in production (TEMPLATES OPTIONS debug, TEMPLATE_DEBUG).
import type { Rule } from '../../../engine/kind';
import { certain, replaceAt, reportAt, type DjangoModel } from '../model';
import { meta } from './common';
import { templateOptions, writtenIn } from './templates';

export const DJG031: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG031',
    title: 'Template debug mode in production',
    severity: 'warning',
    fix: 'yes',
    why: 'Template debug mode puts template source and context into error pages and keeps extra data in memory.',
  }),
  check(ctx) {
    const m = ctx.model;
    for (const { b, entry, index } of templateOptions(m, 'debug')) {
      const v = entry.value;
      if (v.t !== 'bool' || !v.v || !writtenIn(entry)) continue;
      reportAt(ctx, {
        loc: entry.loc,
        binding: b,
        message: `TEMPLATES[${index}]['OPTIONS']['debug'] is True: error pages show template source and context`,
        fixes: [{ title: 'Turn template debug off', edits: [replaceAt(m, v.loc, 'False')], isPreferred: true }],
      });
    }
    const td = certain(m, 'TEMPLATE_DEBUG');
    if (td && td.v.t === 'bool' && td.v.v) {
      const plain = td.v.loc.file === td.b.stmt.file && td.v.loc.from > td.b.target.to && td.v.loc.to <= td.b.stmt.to;
      reportAt(ctx, {
        loc: td.b.target,
        binding: td.b,
        message: 'TEMPLATE_DEBUG is True: error pages show template source and context (the setting is obsolete since Django 1.8; remove it)',
        fixes: plain ? [{ title: 'Set TEMPLATE_DEBUG = False', edits: [replaceAt(m, td.v.loc, 'False')], isPreferred: true }] : undefined,
      });
    }
  },
};
