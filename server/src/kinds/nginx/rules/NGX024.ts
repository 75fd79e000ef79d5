// NGX024: a level with its own add_header (or add_trailer, proxy_set_header) drops every one the
// parent level defines — unless `add_header_inherit merge` (nginx ≥ 1.29.3) applies.
import type { Node } from '../model';
import { fix } from '../model';
import { SECURITY_HEADERS } from '../vocabulary';
import { headerName, meta, report, related, type Ctx } from './util';

const FAMILIES: [string, string | undefined][] = [
  ['add_header', 'add_header_inherit'],
  ['add_trailer', 'add_trailer_inherit'],
  ['proxy_set_header', undefined],
];
const LEVELS = new Set(['server', 'location', 'if', 'limit_except']);

export default {
  meta: meta({
    id: 'NGX024',
    title: 'Headers of the parent level are dropped here',
    severity: 'warning',
    fix: 'yes',
    why: 'nginx inherits add_header (and proxy_set_header, add_trailer) only when a level defines none of its own: one add_header in a location silently removes HSTS, CSP and the other headers set above it.',
    anchors: 'gixy add_header_redefinition (option headers); Gixy-Next proxy_set_header_redefinition (PR #81), add_trailer (PR #95); nginx docs',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const level of unit.all()) {
      if (!level.children || !LEVELS.has(level.name) || unit.proto(level) !== 'http') continue;
      const parent = unit.parentLevel(level);
      if (!parent) continue;
      for (const [family, inherit] of FAMILIES) {
        const own = unit.own(level, family);
        if (own.length === 0) continue;
        if (inherit && unit.inheritMode(level, inherit) !== 'on') continue;
        const ownNames = new Set(own.map(headerName));
        const dropped = unit.effectiveArray(parent, family).filter((h) => !ownNames.has(headerName(h)));
        if (dropped.length === 0) continue;
        const names = [...new Set(dropped.map((h) => h.args[0]?.text ?? ''))];
        const security = family === 'add_header' && dropped.some((h) => SECURITY_HEADERS.has(headerName(h)));
        const fixes = [];
        if (inherit && unit.version.atLeast('1.29.3')) {
          fixes.push(...fix(`Add "${inherit} merge;"`, [edits.insertAtBlockStart(level, [`${inherit} merge;`])]));
        }
        fixes.push(...fix(`Copy the parent's ${family} lines into this ${level.name}`, [edits.insertAtBlockStart(level, copyLines(ctx, parent, dropped, family))], { preferred: fixes.length === 0 }));
        const what = family === 'proxy_set_header' ? 'request headers' : family === 'add_trailer' ? 'trailers' : 'headers';
        report(ctx, own[0], `This ${level.name} has its own ${family}, so the ${what} set above are not sent here: ${names.join(', ')}`, {
          severity: security ? 'error' : 'warning',
          related: dropped.slice(0, 10).map((h) => related(unit, h, `dropped in this ${level.name}: ${h.args[0]?.text ?? ''}`)),
          fixes,
        });
      }
    }
  },
};

/** A directive's source ending in exactly one `;`. */
function withSemicolon(src: string): string {
  const t = src.trimEnd();
  return t.endsWith(';') ? t : t + ';';
}

/**
 * Lines that restore the dropped directives: `include <snippet>;` when they all come from one
 * snippet included at the parent level that holds nothing else, else copies of the directives.
 */
function copyLines(ctx: Ctx, parent: Node, dropped: Node[], family: string): string[] {
  const { unit, edits } = ctx.model;
  const includes = new Set<Node>();
  for (const d of dropped) {
    const inc = d.via.find((v) => v.parent === parent || (v.parent === undefined && parent === unit.root));
    if (inc) includes.add(inc);
    else includes.add(d);
  }
  const lines: string[] = [];
  for (const item of includes) {
    if (item.name === 'include') {
      const content = [...(parent.children ?? [])].filter((c) => c.via.includes(item));
      if (content.every((c) => c.name === family)) {
        lines.push(`include ${item.args[0].raw};`);
        continue;
      }
      for (const d of dropped) if (d.via.includes(item)) lines.push(withSemicolon(edits.source(d)));
    } else lines.push(withSemicolon(edits.source(item)));
  }
  return [...new Set(lines)].map((l) => l.replace(/[\r\n]+[ \t]*/g, ' '));
}
