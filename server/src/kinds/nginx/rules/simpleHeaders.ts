// Shared shape of the "header missing on an HTML-serving server" rules (NGX027, NGX028, NGX030).
import type { Node, Unit } from '../model';
import { fix } from '../model';
import { effectiveHeaders, headerAnchor, servesContent } from './headers';
import { report, type Ctx } from './util';

const computed = new WeakMap<Unit, { server: Node; headers: Map<string, Node> }[]>();

/** Servers of a complete configuration that serve content, with their effective headers (once per unit: four rules ask). */
export function contentServers(ctx: Ctx): { server: Node; headers: Map<string, Node> }[] {
  const { unit } = ctx.model;
  let list = computed.get(unit);
  if (!list) {
    list = unit
      .servers()
      .filter((s) => unit.isComplete(s) && servesContent(unit, s))
      .map((server) => ({ server, headers: effectiveHeaders(unit, server) }));
    computed.set(unit, list);
  }
  return list;
}

export function reportMissing(ctx: Ctx, server: Node, message: string, lines: string[], title: string, caveat?: string): void {
  const { unit, edits } = ctx.model;
  const anchor = headerAnchor(unit, server);
  report(ctx, server, message, {
    fixes: fix(title, [anchor ? edits.insertLinesAfter(anchor, lines) : edits.insertAtBlockStart(server, lines)], { caveat }),
  });
}
