// DJG007: XFrameOptionsMiddleware absent (W002).
import type { Rule } from '../../../engine/kind';
import type { DjangoModel } from '../model';
import { meta, XFRAME_MW } from './common';
import { checkMiddleware } from './middleware';

export const DJG007: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG007',
    title: 'XFrameOptionsMiddleware is not installed',
    severity: 'warning',
    fix: 'yes',
    why: 'Without the X-Frame-Options header any site can frame your pages and trick users into clicking (clickjacking).',
    anchors: 'DJ security.W002',
  }),
  check(ctx) {
    checkMiddleware(ctx, {
      entry: XFRAME_MW,
      short: 'XFrameOptionsMiddleware',
      consequence: 'pages are served without X-Frame-Options, so other sites can frame them (clickjacking)',
      anchorId: 'security.W002',
      position: (w) => w.length,
    });
  },
};
