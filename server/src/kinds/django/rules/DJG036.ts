// DJG036: mail and LDAP credentials sent without TLS; EMAIL_USE_TLS and EMAIL_USE_SSL both on.
import type { Rule } from '../../../engine/kind';
import { certain, rangeOf, reportAt, setSettingFix, setting, type DjangoModel } from '../model';
import { truthy } from '../values';
import { meta } from './common';
import { isRemoteHost } from './DJG023';

/** Whether mail goes to a remote SMTP host with credentials and neither TLS nor SSL (undefined: unknown). */
export function clearTextMail(m: DjangoModel): { host: NonNullable<ReturnType<typeof certain>> } | undefined {
  const backend = certain(m, 'EMAIL_BACKEND');
  if (backend && (backend.v.t !== 'str' || !backend.v.v.endsWith('smtp.EmailBackend'))) return undefined;
  const host = certain(m, 'EMAIL_HOST');
  if (!host || host.v.t !== 'str' || !isRemoteHost(host.v.v)) return undefined;
  for (const n of ['EMAIL_USE_TLS', 'EMAIL_USE_SSL']) {
    const b = setting(m, n);
    if (b && (b.cond || truthy(b.value) !== false)) return undefined;
  }
  return { host };
}

function hasCredentials(m: DjangoModel): boolean {
  for (const n of ['EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD']) {
    const b = setting(m, n);
    if (b && (b.value.t === 'env' || truthy(b.value) !== false)) return true;
  }
  return false;
}

export const DJG036: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG036',
    title: 'Mail or LDAP credentials without TLS',
    severity: 'warning',
    fix: 'partial',
    why: 'SMTP and LDAP logins sent without TLS can be read on the network, and password-reset mails can be altered in transit.',
  }),
  check(ctx) {
    const m = ctx.model;
    const tls = certain(m, 'EMAIL_USE_TLS');
    const ssl = certain(m, 'EMAIL_USE_SSL');
    if (tls && ssl && truthy(tls.v) === true && truthy(ssl.v) === true) {
      reportAt(ctx, {
        loc: tls.b.target,
        binding: tls.b,
        message: 'EMAIL_USE_TLS and EMAIL_USE_SSL are both True: Django refuses to send mail (they are mutually exclusive; use TLS on port 587 or SSL on 465)',
        related: [{ file: ssl.b.target.file, range: rangeOf(m, ssl.b.target), message: 'EMAIL_USE_SSL is set here' }],
      });
    }
    const clear = clearTextMail(m);
    if (clear && hasCredentials(m)) {
      const f = setSettingFix(m, 'EMAIL_USE_TLS', 'True', { preferred: false, caveat: 'STARTTLS is usually on port 587: check EMAIL_PORT.' });
      reportAt(ctx, {
        loc: clear.host.b.target,
        binding: clear.host.b,
        message: `Mail goes to ${(clear.host.v as { v: string }).v} with a login but neither EMAIL_USE_TLS nor EMAIL_USE_SSL: the SMTP password crosses the network in clear text`,
        fixes: f ? [f] : undefined,
      });
    }
    const ldap = certain(m, 'AUTH_LDAP_SERVER_URI');
    if (ldap && ldap.v.t === 'str' && ldap.v.v.trim().toLowerCase().startsWith('ldap://')) {
      const st = certain(m, 'AUTH_LDAP_START_TLS');
      if (!st || truthy(st.v) !== true) {
        const f = setSettingFix(m, 'AUTH_LDAP_START_TLS', 'True', { preferred: false });
        reportAt(ctx, { loc: ldap.b.target, binding: ldap.b, message: 'AUTH_LDAP_SERVER_URI is ldap:// without AUTH_LDAP_START_TLS: user passwords are checked over a clear-text connection', fixes: f ? [f] : undefined });
      }
    }
  },
};
