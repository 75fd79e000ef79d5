// Variables and what a client can put into them, after gixy's model (gixy/core/variable.py and
// builtin_variables.py): a built-in variable is described by a regular expression of the values it
// can take (`$uri` is `/[^\x20\t]*`, decoded, so it can hold CR and LF; `$request_uri` is raw and
// cannot), or is not client-controlled at all; regex captures take what their group can match;
// `set` and `map` values are resolved through their own scripts. Literal text never counts as
// client-controlled.
import type { Node, Unit } from './model';
import { canContain, canStartWith, mustContain, mustStartWith, parseRegex, type Regex, type RNode } from './regex';

/** Built-in variables whose value a client influences, with the shape of that value. */
const BUILTIN: Record<string, string> = {
  uri: '/[^\\x20\\t]*',
  document_uri: '/[^\\x20\\t]*',
  args: '[^\\s]+',
  query_string: '[^\\s]+',
  request_uri: '/[^\\s]*',
  http_host: '[\\x21-\\x7e]+',
};

/** Prefixed built-in families (`$arg_name`, `$http_name`, `$cookie_name`). */
const BUILTIN_PREFIX: [string, string][] = [
  ['arg_', '[^\\s&]+'],
  ['http_', '[\\x21-\\x7e]+'],
  ['cookie_', '[\\x21-\\x3a\\x3c-\\x7e]+'],
];

/** One piece of a script: literal text, or a value a client may control (described by a regex node). */
export type Part = { kind: 'literal'; text: string } | { kind: 'var'; name: string; node?: RNode; from?: Node };

/** A variable's possible values: alternatives (set/map branches), each a list of parts. */
export type Value = Part[][];

const VAR_RE = /\$(?:\{([A-Za-z0-9_]{1,64})\}|([1-9])|([A-Za-z_][A-Za-z0-9_]{0,63}))/g;

/** Splits an nginx script (`http://$host$uri`) into literal and variable parts. */
export function splitScript(script: string): { text: string; name?: string; start: number; end: number }[] {
  const out: { text: string; name?: string; start: number; end: number }[] = [];
  let last = 0;
  VAR_RE.lastIndex = 0;
  for (let m = VAR_RE.exec(script); m; m = VAR_RE.exec(script)) {
    if (m.index > last) out.push({ text: script.slice(last, m.index), start: last, end: m.index });
    out.push({ text: m[0], name: (m[1] ?? m[2] ?? m[3]).toLowerCase(), start: m.index, end: m.index + m[0].length });
    last = m.index + m[0].length;
  }
  if (last < script.length) out.push({ text: script.slice(last), start: last, end: script.length });
  return out;
}

const builtinCache = new Map<string, RNode | undefined>();
function builtin(name: string): RNode | undefined | null {
  let pattern = BUILTIN[name];
  if (pattern === undefined) {
    for (const [prefix, p] of BUILTIN_PREFIX) if (name.startsWith(prefix) && name.length > prefix.length) pattern = p;
  }
  if (pattern === undefined) return null;
  if (!builtinCache.has(pattern)) builtinCache.set(pattern, parseRegex(pattern)?.root);
  return builtinCache.get(pattern);
}

const REGEX_OPS = new Set(['~', '~*']);

/** The regex a `location` or `if` sets captures from, if any. */
export function blockRegex(n: Node): Regex | undefined {
  if (n.name === 'location' && n.args.length >= 2 && (n.args[0].text === '~' || n.args[0].text === '~*')) {
    return parseRegex(n.args[1].text, n.args[0].text === '~*');
  }
  if (n.name === 'if') {
    const c = ifCondition(n);
    if (c && REGEX_OPS.has(c.op)) return parseRegex(c.value, c.op === '~*');
  }
  return undefined;
}

/** Parses an `if (…)` condition into variable, operator and value. */
export function ifCondition(n: Node): { variable: string; op: string; value: string } | undefined {
  const args = n.args.map((a) => a.text);
  if (args.length === 0) return undefined;
  const first = args[0].startsWith('(') ? args[0].slice(1) : args[0];
  const rest = args.slice(1);
  if (rest.length > 0 && rest[rest.length - 1] === ')') rest.pop();
  else if (rest.length > 0 && rest[rest.length - 1].endsWith(')') && !n.args[n.args.length - 1].quote) rest[rest.length - 1] = rest[rest.length - 1].slice(0, -1);
  if (rest.length === 0) return { variable: first.endsWith(')') ? first.slice(0, -1) : first, op: '', value: '' };
  return { variable: first, op: rest[0], value: rest.slice(1).join(' ') };
}

export class Vars {
  private readonly sets = new Map<string, Node[]>();
  private readonly maps = new Map<string, Node[]>();

  constructor(private readonly unit: Unit) {
    for (const n of unit.all()) {
      if (n.name === 'set' && n.args.length >= 2) {
        const v = n.args[0].text.replace(/^\$/, '').toLowerCase();
        const list = this.sets.get(v);
        if (list) list.push(n);
        else this.sets.set(v, [n]);
      } else if ((n.name === 'map' || n.name === 'geo') && n.children && n.args.length >= 1) {
        const dest = n.args[n.args.length - 1].text.replace(/^\$/, '').toLowerCase();
        const list = this.maps.get(dest);
        if (list) list.push(n);
        else this.maps.set(dest, [n]);
      }
    }
  }

  /** The capture groups in force at a node (its rewrite, enclosing if, enclosing regex location). */
  capturesAt(at: Node, ownRegex?: Regex): Regex | undefined {
    if (ownRegex) return ownRegex;
    for (let p: Node | undefined = at.parent; p; p = p.parent) {
      if (p.name === 'if') {
        const c = ifCondition(p);
        if (c && (c.op === '!~' || c.op === '!~*')) return undefined;
      }
      const r = blockRegex(p);
      if (r) return r;
    }
    return undefined;
  }

  /** Parts of a script evaluated at a node. */
  script(text: string, at: Node, ownRegex?: Regex, depth = 0): Value {
    let alts: Part[][] = [[]];
    for (const piece of splitScript(text)) {
      if (piece.name === undefined) {
        alts.forEach((a) => a.push({ kind: 'literal', text: piece.text }));
        continue;
      }
      const v = this.variable(piece.name, at, ownRegex, depth);
      if (v.length === 1) alts.forEach((a) => a.push(...v[0]));
      else {
        const next: Part[][] = [];
        for (const a of alts) for (const b of v.slice(0, 8)) next.push([...a, ...b]);
        alts = next.slice(0, 32);
      }
    }
    return alts;
  }

  /** The possible values of a variable at a node. */
  variable(name: string, at: Node, ownRegex?: Regex, depth = 0): Value {
    const opaque: Value = [[{ kind: 'var', name }]];
    if (depth > 8) return opaque;
    if (/^[1-9]$/.test(name) || this.isNamedCapture(name, at, ownRegex)) {
      const r = this.capturesAt(at, ownRegex);
      const g = /^[1-9]$/.test(name) ? r?.groups.get(Number(name)) : r?.names.get(name);
      return g ? [[{ kind: 'var', name, node: g, from: at }]] : opaque;
    }
    const sets = this.sets.get(name);
    if (sets) {
      const alts: Value = [];
      for (const s of sets) alts.push(...this.script(s.args[1].text, s, undefined, depth + 1));
      return alts.length > 0 ? alts : opaque;
    }
    const maps = this.maps.get(name);
    if (maps) {
      const alts: Value = [];
      for (const m of maps) {
        if (m.name !== 'map') continue;
        for (const e of m.children ?? []) {
          if (e.args.length < 1 || e.name === 'hostnames' || e.name === 'volatile' || e.name === 'include') continue;
          const key = e.name;
          const keyRegex = key.startsWith('~*') ? parseRegex(key.slice(2), true) : key.startsWith('~') ? parseRegex(key.slice(1)) : undefined;
          alts.push(...this.script(e.args[0].text, e, keyRegex, depth + 1));
        }
      }
      return alts.length > 0 ? alts : opaque;
    }
    const b = builtin(name);
    if (b) return [[{ kind: 'var', name, node: b }]];
    return opaque;
  }

  private isNamedCapture(name: string, at: Node, ownRegex?: Regex): boolean {
    return this.capturesAt(at, ownRegex)?.names.has(name) ?? false;
  }
}

// ---- questions over values (gixy's Variable.can_contain & co.) ---------------------------------------

export function partCanContain(p: Part, ch: string): boolean {
  return p.kind === 'var' && p.node !== undefined && canContain(p.node, ch);
}

export function valueCanContain(v: Value, ch: string): boolean {
  return v.some((alt) => alt.some((p) => partCanContain(p, ch)));
}

export function partMustContain(p: Part, ch: string): boolean {
  if (p.kind === 'literal') return p.text.includes(ch);
  return p.node !== undefined && mustContain(p.node, ch);
}

export function valueMustContain(v: Value, ch: string): boolean {
  return v.length > 0 && v.every((alt) => alt.some((p) => partMustContain(p, ch)));
}

export function valueMustStartWith(v: Value, ch: string): boolean {
  return v.length > 0 && v.every((alt) => {
    const p = alt[0];
    if (!p) return false;
    if (p.kind === 'literal') return p.text.startsWith(ch);
    return p.node !== undefined && mustStartWith(p.node, ch);
  });
}

export function valueCanStartWith(v: Value, ch: string): boolean {
  return v.some((alt) => {
    const p = alt[0];
    if (!p) return false;
    if (p.kind === 'literal') return p.text.startsWith(ch);
    return p.node !== undefined && canStartWith(p.node, ch);
  });
}
