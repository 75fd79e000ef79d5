// DJG030: autoescaping turned off for a template engine.
import type { Rule } from '../../../engine/kind';
import { replaceAt, reportAt, type DjangoModel } from '../model';
import { meta } from './common';
import { templateOptions, writtenIn } from './templates';

export const DJG030: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG030',
    title: 'Template autoescaping is off',
    severity: 'error',
    fix: 'yes',
    why: 'With autoescape off, every variable rendered in a template is raw HTML: any user-controlled value becomes cross-site scripting.',
    anchors: 'semgrep python.django.security.audit.xss.global-autoescape-off',
  }),
  check(ctx) {
    const m = ctx.model;
    for (const { b, entry, index } of templateOptions(m, 'autoescape')) {
      const v = entry.value;
      if (v.t !== 'bool' || v.v || !writtenIn(entry)) continue;
      reportAt(ctx, {
        loc: entry.loc,
        binding: b,
        message: `TEMPLATES[${index}]['OPTIONS']['autoescape'] is False: every template variable is rendered as raw HTML (XSS)`,
        fixes: [{ title: 'Turn autoescaping back on', edits: [replaceAt(m, v.loc, 'True')], isPreferred: true }],
      });
    }
  },
};
