// DJG038: sensitive data in logs or responses: DEBUG_PROPAGATE_EXCEPTIONS, DEBUG-level django loggers,
// tracebacks mailed to ADMINS over clear text.
import type { Rule } from '../../../engine/kind';
import { certain, dictEntryValueLoc, reportAt, type DjangoModel } from '../model';
import { dictGet, isSeq } from '../values';
import { meta } from './common';
import { clearTextMail } from './DJG036';

export const DJG038: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG038',
    title: 'Sensitive data in logs or responses',
    severity: 'info',
    fix: 'no',
    why: 'Propagated exceptions reach the WSGI server’s error pages; DEBUG-level Django loggers write SQL with parameters and request data; mailed tracebacks include local variables.',
  }),
  check(ctx) {
    const m = ctx.model;
    const p = certain(m, 'DEBUG_PROPAGATE_EXCEPTIONS');
    if (p && p.v.t === 'bool' && p.v.v) {
      reportAt(ctx, { loc: p.b.target, binding: p.b, message: 'DEBUG_PROPAGATE_EXCEPTIONS is True: exceptions escape Django’s error handling and reach the WSGI server (its error pages and logs)' });
    }
    const logging = certain(m, 'LOGGING');
    const loggers = dictGet(logging?.v, 'loggers')?.value;
    if (logging && loggers?.t === 'dict') {
      for (const name of ['django.db.backends', 'django.request', 'django']) {
        const lg = dictGet(loggers, name);
        const level = dictGet(lg?.value, 'level');
        if (level && level.value.t === 'str' && level.value.v.toUpperCase() === 'DEBUG') {
          reportAt(ctx, {
            loc: dictEntryValueLoc(level),
            binding: logging.b,
            message: `LOGGING logs '${name}' at DEBUG: ${name === 'django.db.backends' ? 'every SQL query with its parameters (passwords, tokens, personal data)' : 'request details and internal data'} ends up in the logs`,
          });
        }
      }
    }
    const admins = certain(m, 'ADMINS');
    if (admins && isSeq(admins.v) && admins.v.items.length > 0) {
      const clear = clearTextMail(m);
      if (clear) reportAt(ctx, { loc: admins.b.target, binding: admins.b, message: 'Error reports with full tracebacks (local variables included) are mailed to ADMINS without TLS' });
    }
  },
};
