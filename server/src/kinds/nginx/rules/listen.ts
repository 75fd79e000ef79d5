// Reading `listen` directives: the address:port they bind, and their flags.
import type { Node, Unit } from '../model';

export interface Listen {
  node?: Node;
  addr: string;
  ssl: boolean;
  http2: boolean;
  quic: boolean;
  defaultServer: boolean;
}

/** Normalised address:port of a listen argument (`80` → `*:80`, `0.0.0.0:80` → `*:80`). */
export function normaliseListen(a: string): string {
  if (a.startsWith('unix:')) return a;
  if (/^\d{1,5}$/.test(a)) return `*:${a}`;
  if (a.startsWith('[')) {
    const end = a.indexOf(']');
    const host = a.slice(0, end + 1);
    const port = a.slice(end + 2) || '80';
    return `${host}:${port}`;
  }
  const i = a.lastIndexOf(':');
  if (i < 0) return `${a === '0.0.0.0' ? '*' : a}:80`;
  const host = a.slice(0, i);
  return `${host === '0.0.0.0' ? '*' : host}:${a.slice(i + 1)}`;
}

const cache = new WeakMap<Node, Listen[]>();

/** The listens of a server (read once per server node: several rules ask; do not modify). */
export function listensOf(unit: Unit, server: Node): Listen[] {
  let listens = cache.get(server);
  if (!listens) {
    listens = readListens(unit, server);
    cache.set(server, listens);
  }
  return listens;
}

function readListens(unit: Unit, server: Node): Listen[] {
  const ls = unit.own(server, 'listen');
  if (ls.length === 0) return [{ addr: '*:80', ssl: false, http2: false, quic: false, defaultServer: false }];
  return ls
    .filter((l) => l.args[0])
    .map((l) => {
      const flags = l.args.slice(1).map((a) => a.text);
      return {
        node: l,
        addr: normaliseListen(l.args[0].text),
        ssl: flags.includes('ssl'),
        http2: flags.includes('http2'),
        quic: flags.includes('quic'),
        defaultServer: flags.includes('default_server') || flags.includes('default'),
      };
    });
}
