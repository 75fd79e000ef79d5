// DJG028: signed-cookie sessions (info), pickle serializers for sessions (error) or caches (info).
import type { Rule } from '../../../engine/kind';
import { certain, dictEntryValueLoc, rangeOf, reportAt, type DjangoModel } from '../model';
import { dictGet } from '../values';
import { meta } from './common';

const SIGNED = 'django.contrib.sessions.backends.signed_cookies';

export const DJG028: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG028',
    title: 'Risky session storage or pickle serialization',
    severity: 'error',
    fix: 'no',
    why: 'Pickle turns a leaked SECRET_KEY (or a writable cache) into remote code execution; signed-cookie sessions cannot be revoked server-side.',
  }),
  check(ctx) {
    const m = ctx.model;
    const engine = certain(m, 'SESSION_ENGINE');
    const signed = engine?.v.t === 'str' && engine.v.v === SIGNED;
    const ser = certain(m, 'SESSION_SERIALIZER');
    if (ser && ser.v.t === 'str' && /pickle/i.test(ser.v.v)) {
      reportAt(ctx, {
        loc: ser.b.target,
        binding: ser.b,
        message: signed
          ? 'SESSION_SERIALIZER uses pickle with signed-cookie sessions: anyone who learns SECRET_KEY can send a cookie that runs code on the server'
          : 'SESSION_SERIALIZER uses pickle: a leaked SECRET_KEY or writable session store becomes remote code execution (PickleSerializer was removed in Django 5.0)',
        related: signed ? [{ file: engine!.b.target.file, range: rangeOf(m, engine!.b.target), message: 'signed-cookie sessions are enabled here' }] : undefined,
      });
    }
    if (signed) {
      reportAt(ctx, {
        loc: engine!.b.target,
        binding: engine!.b,
        severity: 'info',
        message: 'SESSION_ENGINE stores sessions in signed cookies: they cannot be revoked on logout, and their content is readable by the client',
      });
    }
    const caches = certain(m, 'CACHES');
    if (caches && caches.v.t === 'dict') {
      for (const alias of caches.v.entries) {
        const s = dictGet(dictGet(alias.value, 'OPTIONS')?.value, 'SERIALIZER');
        if (s && s.value.t === 'str' && /pickle/i.test(s.value.v)) {
          reportAt(ctx, { loc: dictEntryValueLoc(s), binding: caches.b, severity: 'info', message: `CACHES['${alias.key.t === 'str' ? alias.key.v : '?'}'] uses a pickle serializer: whoever can write to the cache can run code in the application` });
        }
      }
    }
  },
};
