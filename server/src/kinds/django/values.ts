// The values our evaluator computes for Python expressions in settings modules: literals (with the
// source location of every element), environment reads constrained by their default and cast,
// symbolic paths, and "unknown" for everything we do not evaluate.

export interface Loc {
  file: string;
  from: number;
  to: number;
}

/** What a value read from the environment is when the variable is set. */
export type EnvType =
  | 'str' // the raw string: any non-empty value (even "False" or "0") is truthy
  | 'truthy' // bool(str): True for every non-empty string
  | 'bool' // a parsed boolean ("false", "0", "off" are False)
  | 'int'
  | 'float'
  | 'list'
  | 'dict'
  | 'unknown';

export interface EnvRead {
  /** Environment variable name, when written as a literal. */
  name?: string;
  /** The API used, e.g. `os.environ.get`, `env.bool`, `config`. */
  api: string;
  type: EnvType;
  /** Raises when the variable is unset (`os.environ["X"]`, `env("X")` without default). */
  required: boolean;
  /** The value when the variable is unset, after the cast (undefined: required, or not computable). */
  dflt?: Value;
  /** The default as written in the source (for locations and fixes). */
  rawDefault?: Value;
}

export interface DictEntry {
  key: Value;
  value: Value;
  /** From the key to the end of the value. */
  loc: Loc;
}

export type Value =
  | { t: 'str'; v: string; loc: Loc; bytes?: boolean }
  | { t: 'num'; v: number; loc: Loc }
  | { t: 'bool'; v: boolean; loc: Loc }
  | { t: 'none'; loc: Loc }
  | { t: 'list' | 'tuple' | 'set'; items: Value[]; loc: Loc; mutated?: boolean }
  | { t: 'dict'; entries: DictEntry[]; loc: Loc; mutated?: boolean }
  | { t: 'env'; env: EnvRead; loc: Loc }
  | { t: 'path'; anchor: string; parts: string[]; loc: Loc }
  | { t: 'call'; callee: string; args: Value[]; kwargs: Map<string, Value>; loc: Loc }
  | { t: 'lambda'; body: Value; loc: Loc }
  | { t: 'func'; name: string; returnsTrue: boolean; params: FuncParam[]; loc: Loc }
  | { t: 'obj'; q: string; scheme?: Map<string, { type: EnvType; dflt?: Value }>; loc: Loc }
  | { t: 'unknown'; loc: Loc; env?: boolean; str?: boolean };

export interface FuncParam {
  name: string;
  kind: 'positional' | 'keyword-only' | 'varargs' | 'varkw';
  hasDefault: boolean;
}

export type Seq = Extract<Value, { t: 'list' | 'tuple' | 'set' }>;
export type Dict = Extract<Value, { t: 'dict' }>;
export type Str = Extract<Value, { t: 'str' }>;
export type Env = Extract<Value, { t: 'env' }>;

export function isSeq(v: Value | undefined): v is Seq {
  return !!v && (v.t === 'list' || v.t === 'tuple' || v.t === 'set');
}

/** Truthiness of a known value; undefined when it cannot be known statically. */
export function truthy(v: Value | undefined): boolean | undefined {
  if (!v) return undefined;
  switch (v.t) {
    case 'bool':
      return v.v;
    case 'none':
      return false;
    case 'num':
      return v.v !== 0;
    case 'str':
      return v.v !== '';
    case 'list':
    case 'tuple':
    case 'set':
      return v.items.length > 0;
    case 'dict':
      return v.entries.length > 0;
    case 'path':
    case 'lambda':
    case 'func':
    case 'obj':
      return true;
    default:
      return undefined;
  }
}

/** Python equality of two known literal values; undefined when unknown. */
export function pyEquals(a: Value, b: Value): boolean | undefined {
  const scalar = (v: Value): string | number | boolean | null | undefined => {
    switch (v.t) {
      case 'str':
        return v.v;
      case 'num':
        return v.v;
      case 'bool':
        return v.v ? 1 : 0;
      case 'none':
        return null;
      default:
        return undefined;
    }
  };
  const x = scalar(a);
  const y = scalar(b);
  if (x === undefined || y === undefined) {
    if (isSeq(a) && isSeq(b) && a.t === b.t) {
      if (a.items.length !== b.items.length) return false;
      let all: boolean | undefined = true;
      for (let i = 0; i < a.items.length; i++) {
        const e = pyEquals(a.items[i], b.items[i]);
        if (e === false) return false;
        if (e === undefined) all = undefined;
      }
      return all;
    }
    return undefined;
  }
  if (a.t === 'str' || b.t === 'str') return a.t === b.t && x === y;
  if (x === null || y === null) return x === y;
  return x === y;
}

export function strOf(v: Value | undefined): string | undefined {
  return v && v.t === 'str' ? v.v : undefined;
}

/** String items of a known sequence (undefined when the value is not a known sequence). */
export function strItems(v: Value | undefined): Str[] | undefined {
  if (!isSeq(v)) return undefined;
  return v.items.filter((i): i is Str => i.t === 'str');
}

export function dictGet(d: Value | undefined, key: string): DictEntry | undefined {
  if (!d || d.t !== 'dict') return undefined;
  for (let i = d.entries.length - 1; i >= 0; i--) {
    const e = d.entries[i];
    if (e.key.t === 'str' && e.key.v === key) return e;
  }
  return undefined;
}

/** Every literal string inside a value (nested containers, env defaults, call arguments). */
export function* stringsIn(v: Value | undefined, depth = 0): Generator<Str> {
  if (!v || depth > 20) return;
  switch (v.t) {
    case 'str':
      yield v;
      break;
    case 'list':
    case 'tuple':
    case 'set':
      for (const i of v.items) yield* stringsIn(i, depth + 1);
      break;
    case 'dict':
      for (const e of v.entries) yield* stringsIn(e.value, depth + 1);
      break;
    case 'env':
      yield* stringsIn(v.env.rawDefault, depth + 1);
      break;
    case 'call':
      for (const a of v.args) yield* stringsIn(a, depth + 1);
      for (const a of v.kwargs.values()) yield* stringsIn(a, depth + 1);
      break;
    default:
      break;
  }
}

/** Python's repr of a simple literal, for messages. */
export function show(v: Value | undefined, max = 60): string {
  if (!v) return 'unset';
  let s: string;
  switch (v.t) {
    case 'str':
      s = `'${v.v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
      break;
    case 'num':
      s = String(v.v);
      break;
    case 'bool':
      s = v.v ? 'True' : 'False';
      break;
    case 'none':
      s = 'None';
      break;
    case 'list':
      s = `[${v.items.map((i) => show(i, max)).join(', ')}]`;
      break;
    case 'tuple':
      s = `(${v.items.map((i) => show(i, max)).join(', ')}${v.items.length === 1 ? ',' : ''})`;
      break;
    case 'set':
      s = `{${v.items.map((i) => show(i, max)).join(', ')}}`;
      break;
    case 'env':
      s = v.env.name ? `the environment variable ${v.env.name}` : 'an environment variable';
      break;
    default:
      s = 'a computed value';
  }
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** A value's string as Django would read it, for bool-like env parsing (django-environ / decouple). */
export function parseBoolString(s: string): boolean | undefined {
  const t = s.trim().toLowerCase();
  if (['1', 'true', 'yes', 'y', 'on', 'ok'].includes(t)) return true;
  if (['0', 'false', 'no', 'n', 'off', ''].includes(t)) return false;
  return undefined;
}
