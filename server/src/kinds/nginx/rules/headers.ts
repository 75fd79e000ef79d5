// Response headers as nginx computes them per level (add_header inheritance), shared by the
// header rules.
import type { Node, Unit } from '../model';
import { headerName } from './util';

/** Effective add_header directives at a level, plus `more_set_headers "Name: value"` entries. */
export function effectiveHeaders(unit: Unit, level: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const h of unit.effectiveArray(level, 'add_header')) if (!out.has(headerName(h))) out.set(headerName(h), h);
  for (let l: Node | undefined = level; l; l = unit.parentLevel(l)) {
    for (const m of unit.own(l, 'more_set_headers')) {
      for (const a of m.args) {
        const i = a.text.indexOf(':');
        if (i > 0 && !a.text.startsWith('-')) {
          const name = a.text.slice(0, i).trim().toLowerCase();
          if (!out.has(name)) out.set(name, m);
        }
      }
    }
  }
  return out;
}

/**
 * Does a server answer with content? Not when it only returns (a redirect, 444), rejects TLS
 * handshakes, or when every location but ACME challenges (/.well-known/) returns.
 */
export function servesContent(unit: Unit, server: Node): boolean {
  if (unit.effective(server, 'ssl_reject_handshake')?.args[0]?.text === 'on') return false;
  if (unit.own(server, 'return').length > 0) return false;
  const locations = [...unit.named('location', server)];
  if (locations.length === 0) return true;
  const content = locations.filter((l) => {
    const where = l.args[l.args.length - 1]?.text ?? '';
    if (where.startsWith('/.well-known/') || where.startsWith('@')) return false;
    const ret = unit.own(l, 'return');
    return ret.length === 0 || ret.some((r) => r.args[0]?.text === '200');
  });
  return content.length > 0;
}

/** Where to insert a server-level header: after its last add_header, else after listen/server_name/ssl lines. */
export function headerAnchor(unit: Unit, server: Node): Node | undefined {
  const own = (server.children ?? []).filter((c) => c.file === server.file && c.via === server.via);
  const adds = own.filter((c) => c.name === 'add_header');
  if (adds.length > 0) return adds[adds.length - 1];
  const heads = own.filter((c) => ['listen', 'server_name', 'ssl_certificate', 'ssl_certificate_key', 'root', 'index'].includes(c.name) || c.name.startsWith('ssl_'));
  return heads[heads.length - 1];
}
