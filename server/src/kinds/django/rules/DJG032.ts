// DJG032: Django REST framework without permissions or throttling, Basic auth without TLS, browsable API.
import type { Rule } from '../../../engine/kind';
import { certain, insertIntoDict, reportAbsent, reportAt, setting, type DjangoModel } from '../model';
import { dictGet, isSeq, type Str } from '../values';
import { listHas, meta } from './common';

export const DJG032: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG032',
    title: 'REST framework defaults leave the API open',
    severity: 'warning',
    fix: 'partial',
    why: 'DRF allows every request by default (AllowAny) and throttles nothing, so endpoints without explicit permissions are public and login endpoints can be brute-forced.',
    anchors: 'semgrep python.django.security.audit.django-rest-framework.missing-throttle-config',
  }),
  check(ctx) {
    const m = ctx.model;
    const installed = listHas(m, 'INSTALLED_APPS', 'rest_framework') === true;
    const b = setting(m, 'REST_FRAMEWORK');
    if (!b) {
      if (installed && m.complete) reportAbsent(ctx, 'rest_framework is installed but REST_FRAMEWORK is not set: every endpoint defaults to AllowAny and nothing is throttled');
      return;
    }
    const c = certain(m, 'REST_FRAMEWORK');
    if (!c || c.v.t !== 'dict') return;
    const d = c.v;
    const strings = (key: string): Str[] | undefined => {
      const e = dictGet(d, key);
      if (!e) return undefined;
      return isSeq(e.value) ? e.value.items.filter((i): i is Str => i.t === 'str') : [];
    };
    const perms = strings('DEFAULT_PERMISSION_CLASSES');
    if (!perms) {
      const edit = insertIntoDict(m, d, '"DEFAULT_PERMISSION_CLASSES"', '["rest_framework.permissions.IsAuthenticated"]');
      reportAt(ctx, {
        loc: c.b.target,
        binding: c.b,
        message: 'REST_FRAMEWORK has no DEFAULT_PERMISSION_CLASSES: DRF defaults to AllowAny, so every view without its own permission_classes is public',
        fixes: edit ? [{ title: 'Require authentication by default (IsAuthenticated)', edits: [edit], isPreferred: false, caveat: 'Mark the views meant to be public with permission_classes = [AllowAny].' }] : undefined,
      });
    } else if (perms.length > 0 && perms.every((p) => p.v.endsWith('.AllowAny'))) {
      reportAt(ctx, { loc: perms[0].loc, binding: c.b, message: 'DEFAULT_PERMISSION_CLASSES is AllowAny: every view without its own permission_classes is public' });
    }
    const missing = ['DEFAULT_THROTTLE_CLASSES', 'DEFAULT_THROTTLE_RATES'].filter((k) => !dictGet(d, k));
    if (missing.length) {
      reportAt(ctx, { loc: c.b.target, binding: c.b, message: `REST_FRAMEWORK has no ${missing.join(' / ')}: nothing limits request rates (brute force, scraping, denial of service)` });
    }
    const redirect = certain(m, 'SECURE_SSL_REDIRECT');
    const tls = redirect?.v.t === 'bool' && redirect.v.v;
    for (const a of strings('DEFAULT_AUTHENTICATION_CLASSES') ?? []) {
      if (a.v.endsWith('.BasicAuthentication') && !tls) {
        reportAt(ctx, { loc: a.loc, binding: c.b, message: 'BasicAuthentication sends the password with every request, and SECURE_SSL_REDIRECT is not True: passwords may cross the network in clear text' });
      }
    }
    if (m.role === 'production') {
      for (const r of strings('DEFAULT_RENDERER_CLASSES') ?? []) {
        if (r.v.endsWith('.BrowsableAPIRenderer')) reportAt(ctx, { loc: r.loc, binding: c.b, severity: 'info', message: 'BrowsableAPIRenderer is enabled in production: the HTML API browser exposes endpoints and forms to anyone' });
      }
    }
  },
};
