// DJG033: SameSite=None cookies and cookie domains shared with other tenants.
import type { Rule } from '../../../engine/kind';
import { certain, reportAt, setSettingFix, type DjangoModel } from '../model';
import { truthy } from '../values';
import { meta } from './common';
import { SHARED_TENANT_DOMAINS } from './DJG021';

export const DJG033: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG033',
    title: 'Cookie SameSite or domain widens CSRF exposure',
    severity: 'warning',
    fix: 'yes',
    why: 'SameSite=None sends session and CSRF cookies with cross-site requests; a cookie domain shared with other tenants lets their pages read or overwrite your cookies (cookie tossing).',
  }),
  check(ctx) {
    const m = ctx.model;
    for (const [name, secureName] of [
      ['SESSION_COOKIE_SAMESITE', 'SESSION_COOKIE_SECURE'],
      ['CSRF_COOKIE_SAMESITE', 'CSRF_COOKIE_SECURE'],
    ]) {
      const c = certain(m, name);
      if (!c) continue;
      const none = c.v.t === 'none' || (c.v.t === 'str' && c.v.v.toLowerCase() === 'none');
      if (!none) continue;
      const secure = certain(m, secureName);
      const notSecure = !secure || truthy(secure.v) !== true;
      const f = setSettingFix(m, name, "'Lax'");
      reportAt(ctx, {
        loc: c.b.target,
        binding: c.b,
        message: `${name} is ${c.v.t === 'none' ? 'None' : "'None'"}: the cookie is sent with cross-site requests${notSecure ? `, and ${secureName} is not True` : ''}`,
        fixes: f ? [f] : undefined,
      });
    }
    for (const name of ['SESSION_COOKIE_DOMAIN', 'CSRF_COOKIE_DOMAIN']) {
      const c = certain(m, name);
      if (!c || c.v.t !== 'str') continue;
      const d = c.v.v.replace(/^\./, '').toLowerCase();
      const shared = SHARED_TENANT_DOMAINS.find((s) => d === s);
      if (shared || (d && !d.includes('.'))) {
        reportAt(ctx, { loc: c.b.target, binding: c.b, message: `${name} is '${c.v.v}': every site under ${d} can read and overwrite this cookie` });
      }
    }
  },
};
