// DJG013/DJG014 share Django's W010-W015 split: sessions app, SessionMiddleware, or both.
import type { DjangoModel } from '../model';
import { hasMiddleware, listHas, SESSION_MW, SESSIONS_APP } from './common';

/** Which of Django's three ids applies: [app-only, middleware-only, both], or undefined when sessions are not used. */
export function sessionAnchor(m: DjangoModel, ids: [string, string, string]): string | undefined | 'unknown' {
  const app = listHas(m, 'INSTALLED_APPS', SESSIONS_APP);
  const mw = hasMiddleware(m, SESSION_MW);
  if (app === true && mw === true) return ids[2];
  if (app === true && mw === false) return ids[0];
  if (mw === true && app === false) return ids[1];
  if (app === true || mw === true) return 'unknown';
  return undefined;
}
