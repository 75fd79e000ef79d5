// TLS helpers: effective protocols and cipher lists, and where to insert server-level TLS lines.
import type { Node, Unit } from '../model';

export const MOZILLA_INTERMEDIATE = 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305';

export function protocolsOf(unit: Unit, level: Node): string[] | undefined {
  const d = unit.effective(level, 'ssl_protocols');
  return d?.args.map((a) => a.text);
}

export function tls13Only(protocols: string[] | undefined): boolean {
  return protocols !== undefined && protocols.length > 0 && protocols.every((p) => p === 'TLSv1.3');
}

/** Cipher-list elements that enable ciphers (not `!x`, `-x`, `+x`, not @STRENGTH-like commands). */
export function enabledElements(list: string): string[] {
  return list
    .split(/[:, ]+/)
    .filter((e) => e && !e.startsWith('!') && !e.startsWith('-') && !e.startsWith('+') && !e.startsWith('@'));
}

/** Where a server-level TLS line goes: after its last listen / server_name / ssl_* line in its own file. */
export function tlsAnchor(server: Node): Node | undefined {
  const own = (server.children ?? []).filter((c) => c.file === server.file && c.via === server.via);
  const heads = own.filter((c) => c.name === 'listen' || c.name === 'server_name' || c.name.startsWith('ssl_'));
  return heads[heads.length - 1];
}
