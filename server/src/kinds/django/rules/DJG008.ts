// DJG008: CsrfViewMiddleware absent or commented out (W003).
import type { Rule } from '../../../engine/kind';
import type { DjangoModel } from '../model';
import { CSRF_MW, meta, SESSION_MW } from './common';
import { checkMiddleware } from './middleware';

export const DJG008: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG008',
    title: 'CsrfViewMiddleware is not installed',
    severity: 'error',
    fix: 'yes',
    why: 'Without the CSRF middleware, every POST view that is not decorated with csrf_protect accepts forged cross-site requests.',
    anchors: 'DJ security.W003',
  }),
  check(ctx) {
    checkMiddleware(ctx, {
      entry: CSRF_MW,
      short: 'CsrfViewMiddleware',
      consequence: 'forms and POST views accept cross-site request forgeries unless each view is decorated',
      anchorId: 'security.W003',
      // startproject order: Security, Session, Common, Csrf, Auth, Messages, XFrame.
      position: (w) => {
        const common = w.indexOf('django.middleware.common.CommonMiddleware');
        if (common >= 0) return common + 1;
        const session = w.indexOf(SESSION_MW);
        if (session >= 0) return session + 1;
        const auth = w.indexOf('django.contrib.auth.middleware.AuthenticationMiddleware');
        if (auth >= 0) return auth;
        return w.length;
      },
    });
  },
};
