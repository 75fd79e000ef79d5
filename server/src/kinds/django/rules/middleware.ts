// The three "middleware absent" rules (DJG006-DJG008) share this check and fix.
import type { Fix } from '../../../engine/types';
import { anchor, commentsIn, insertIntoList, reportAbsent, reportAt, writtenItems, type DjangoRuleContext } from '../model';
import { knownList, listHas } from './common';

export function checkMiddleware(
  ctx: DjangoRuleContext,
  o: { entry: string; short: string; consequence: string; anchorId: string; position: (written: string[]) => number },
): void {
  const m = ctx.model;
  const l = knownList(m, 'MIDDLEWARE');
  if (!l || listHas(m, 'MIDDLEWARE', o.entry) !== false) return;
  const tag = anchor(o.anchorId);
  if (l.absent || !l.binding || !l.value) {
    reportAbsent(ctx, `MIDDLEWARE is not set, so ${o.short} is not installed: ${o.consequence}${tag}`);
    return;
  }
  const written = writtenItems(l.value).map((i) => (i.t === 'str' ? i.v : ''));
  const edit = insertIntoList(m, l.value, o.position(written), o.entry);
  const fixes: Fix[] | undefined = edit ? [{ title: `Add ${o.short} to MIDDLEWARE`, edits: [edit], isPreferred: true }] : undefined;
  const commented = commentsIn(m, l.value.loc).some((c) => c.includes(o.entry));
  reportAt(ctx, {
    loc: l.binding.target,
    binding: l.binding,
    message: `${o.short} is ${commented ? 'commented out in' : 'missing from'} MIDDLEWARE: ${o.consequence}${tag}`,
    fixes,
  });
}
