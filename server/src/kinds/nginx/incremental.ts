// Incremental analysis of an nginx unit while its files are edited. Most rules look at one server
// block and what surrounds it (the http level, the main context, upstreams and maps), never at its
// sibling servers: on a slice of the unit that keeps one server (model.ts, SliceOptions) they find
// what they find about that server in the whole unit. So when an edit stays inside one http server
// (within one line, the rest of the unit unchanged), those rules run again on that server's slice
// only, and their findings about the other servers are kept from the previous analysis. The rules
// that compare servers, or read files besides the unit's, run on the whole unit every time.
// test/kinds/nginx/incremental.test.ts checks that a slice-wise analysis gives the whole-unit one.
import { memo, runRules, type KindContext, type Rule } from '../../engine/kind';
import type { Finding } from '../../engine/types';
import { Edits, indentStep, Unit, type Node } from './model';
import { RULES } from './rules';
import type { NginxModel } from './rules/util';
import { Vars } from './vars';

/**
 * Rules run on the whole unit:
 * NGX000 (every file's parse errors, the unit's include problems), NGX020 and NGX045 (compare
 * servers), NGX034 and NGX040 (report an inherited directive once, with what the first server
 * inheriting it adds), NGX035 (absence anywhere), NGX042 (reads ssl_dhparam files), NGX050 (the
 * first worker_connections), NGX051 (the first server using a feature).
 */
export const WHOLE_UNIT_RULES = new Set(['NGX000', 'NGX020', 'NGX034', 'NGX035', 'NGX040', 'NGX042', 'NGX045', 'NGX050', 'NGX051']);

type NginxRule = Rule<NginxModel>;
const LOCAL: NginxRule[] = RULES.filter((r) => !WHOLE_UNIT_RULES.has(r.meta.id));
const WHOLE: NginxRule[] = RULES.filter((r) => WHOLE_UNIT_RULES.has(r.meta.id));

interface State {
  unit: Unit;
  vars: Vars;
  /** Findings of each local rule (LOCAL order) on the whole unit. */
  local: Finding[][];
  /** Findings of each local rule on the slice without servers (computed when first needed). */
  base?: Finding[][];
  /** The server edited last, with the findings about it of each local rule (objects also in `local`). */
  last?: { server: number; own: Finding[][] };
}

/** How the last analyses went (for tests and bench/profile.ts). */
export const incrementalStats = { whole: 0, sliced: 0, unchanged: 0 };

/** Raw findings of every rule on a unit, re-analysing only the edited server when it can. */
export function analyzeIncrementally(unit: Unit, ctx: KindContext): Finding[] {
  // A value that reads nothing stays until everything is invalidated: the kind's state per unit.
  // The state (the whole unit and its findings) is kept from the second analysis of a unit on: a
  // unit analysed again is being edited; one analysed once (a workspace scan) keeps nothing.
  const holder = memo(ctx, `nginx:incremental:${unit.rootFile}`, () => ({ analyses: 0, state: undefined as State | undefined }));
  const vars = new Vars(unit);
  const model: NginxModel = { unit, vars, edits: new Edits(unit) };
  const whole = WHOLE.map((r) => runRules([r], model, ctx));
  const prev = holder.state;
  let state: State | undefined;
  if (prev && prev.unit === unit) state = prev;
  else if (prev) state = update(prev, unit, vars, ctx);
  if (!state) {
    state = { unit, vars, local: LOCAL.map((r) => runRules([r], model, ctx)) };
    incrementalStats.whole++;
  }
  if (++holder.analyses > 1) holder.state = state;
  const out: Finding[] = [];
  let w = 0;
  let l = 0;
  for (const r of RULES) out.push(...(WHOLE_UNIT_RULES.has(r.meta.id) ? whole[w++] : state.local[l++]));
  return out;
}

function sliceFindings(unit: Unit, server: number | null, vars: Vars, ctx: KindContext): Finding[][] {
  const slice = new Unit(unit.rootFile, ctx, { server, rootLevel: unit.rootLevel, complete: unit.complete, files: unit.files });
  const model: NginxModel = { unit: slice, vars, edits: new Edits(slice) };
  return LOCAL.map((r) => runRules([r], model, ctx));
}

/** Everything a finding says (two findings with the same key are the same finding). */
function keyOf(f: Finding): string {
  return JSON.stringify([f.ruleId, f.severity, f.message, f.file, f.range, f.related ?? null, f.fixes ?? null]);
}

/** Where a finding is: cheap to compute, compared before the whole key. */
function placeOf(f: Finding): string {
  const r = f.range;
  return `${f.file}|${r.start.line}|${r.start.character}|${r.end.line}|${r.end.character}`;
}

/** `list` minus `remove` (as multisets); undefined when `remove` is not contained in `list`. */
function minus(list: Finding[], remove: Finding[]): Finding[] | undefined {
  if (remove.length === 0) return list;
  const counts = new Map<string, number>();
  const places = new Set<string>();
  for (const f of remove) {
    const k = keyOf(f);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    places.add(placeOf(f));
  }
  const out: Finding[] = [];
  let left = remove.length;
  for (const f of list) {
    if (left > 0 && places.has(placeOf(f))) {
      const k = keyOf(f);
      const n = counts.get(k);
      if (n) {
        counts.set(k, n - 1);
        left--;
        continue;
      }
    }
    out.push(f);
  }
  return left === 0 ? out : undefined;
}

/** The findings of the previous analysis with those about the edited server computed again. */
function update(prev: State, unit: Unit, vars: Vars, ctx: KindContext): State | undefined {
  const edit = confinedEdit(prev.unit, unit);
  if (edit === undefined) return undefined;
  if (edit === 'unchanged') {
    incrementalStats.unchanged++;
    return { ...prev, unit, vars };
  }
  const j = edit;
  // Base findings: the same for the old and the new unit (only the server changed).
  const base = prev.base ?? sliceFindings(prev.unit, null, prev.vars, ctx);
  let local: Finding[][] | undefined;
  if (prev.last?.server === j) {
    const stale = prev.last.own;
    local = prev.local.map((list, r) => {
      if (stale[r].length === 0) return list;
      const drop = new Set(stale[r]);
      return list.filter((f) => !drop.has(f));
    });
  } else {
    const oldSlice = sliceFindings(prev.unit, j, prev.vars, ctx);
    local = [];
    for (let r = 0; r < LOCAL.length; r++) {
      const own = minus(oldSlice[r], base[r]);
      const rest = own && minus(prev.local[r], own);
      if (!rest) return undefined;
      local.push(rest);
    }
  }
  const newSlice = sliceFindings(unit, j, vars, ctx);
  const own: Finding[][] = [];
  for (let r = 0; r < LOCAL.length; r++) {
    const mine = minus(newSlice[r], base[r]);
    if (!mine) return undefined;
    own.push(mine);
    if (mine.length > 0) local[r] = [...local[r], ...mine];
  }
  incrementalStats.sliced++;
  return { unit, vars, local, base, last: { server: j, own } };
}

/**
 * When the only change between two versions of a unit is inside one line of one http server
 * (same files, the rest of the text unchanged, the server's braces in place or the server unclosed
 * in both, no `set`/`map`/`geo` on that line, the same indentation style), the index of that
 * server; 'unchanged' when no text changed; else undefined.
 */
function confinedEdit(prev: Unit, next: Unit): number | 'unchanged' | undefined {
  if (prev.truncated || next.truncated || prev.files.size !== next.files.size) return undefined;
  if (prev.rootLevel !== next.rootLevel || prev.complete !== next.complete || prev.prefix !== next.prefix || prev.version.text !== next.version.text) return undefined;
  let changed: string | undefined;
  for (const [file, f] of next.files) {
    const old = prev.files.get(file);
    if (!old) return undefined;
    if (old.parsed.text === f.parsed.text) continue;
    if (changed !== undefined) return undefined;
    changed = file;
  }
  if (changed === undefined) return 'unchanged';
  const a = prev.files.get(changed)!.parsed.text;
  const b = next.files.get(changed)!.parsed.text;
  const min = Math.min(a.length, b.length);
  // Common prefix and suffix, a block at a time while the blocks are equal (compared natively).
  const BLOCK = 512;
  let start = 0;
  while (start + BLOCK <= min && a.slice(start, start + BLOCK) === b.slice(start, start + BLOCK)) start += BLOCK;
  while (start < min && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let same = 0;
  while (same + BLOCK <= min - start && a.slice(a.length - same - BLOCK, a.length - same) === b.slice(b.length - same - BLOCK, b.length - same)) same += BLOCK;
  while (same < min - start && a.charCodeAt(a.length - 1 - same) === b.charCodeAt(b.length - 1 - same)) same++;
  const oldEnd = a.length - same;
  const newEnd = b.length - same;
  if (hasLineBreak(a, start, oldEnd) || hasLineBreak(b, start, newEnd)) return undefined;
  if (indentStep(a) !== indentStep(b)) return undefined;
  const olds = prev.httpServers();
  const news = next.httpServers();
  if (olds.length !== news.length) return undefined;
  // The server holding the edit: after its `{` and before its `}` (or unclosed, to the end of the file).
  const j = news.findIndex((s) => s.file === changed && s.d.open !== undefined && s.d.open < start && (s.d.close === undefined || newEnd <= s.d.close));
  if (j < 0) return undefined;
  const s = news[j];
  const o = olds[j];
  const delta = newEnd - oldEnd;
  if (o.file !== changed || o.d.start !== s.d.start || o.d.open !== s.d.open) return undefined;
  if (s.d.close === undefined ? o.d.close !== undefined : o.d.close !== s.d.close - delta) return undefined;
  // The server's text is expanded once (its file is not included twice).
  if (news.some((n, i) => i !== j && n.d === s.d)) return undefined;
  // Variables are looked up across the unit (Vars): no set/map/geo on the edited line.
  const line = next.lineIndex(changed).positionAt(start).line;
  if (touchesVariables(next, s, changed, line) || touchesVariables(prev, o, changed, line)) return undefined;
  return j;
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

function touchesVariables(unit: Unit, server: Node, file: string, line: number): boolean {
  const index = unit.lineIndex(file);
  for (const n of unit.all(server)) {
    if ((n.name !== 'set' && n.name !== 'map' && n.name !== 'geo') || n.file !== file) continue;
    if (index.positionAt(n.d.start).line <= line && line <= index.positionAt(n.d.end).line) return true;
  }
  return false;
}
