// Static evaluation of settings modules: top-level statements in order, literal values, environment
// reads, list/dict mutation, star imports followed into workspace files, and branches we cannot
// decide kept as "conditional". Nothing is executed.
import * as path from 'node:path';
import type { SyntaxNode } from '@lezer/common';
import type { KindContext } from '../../engine/kind';
import type { DirEntry, ReadResult, WorkspaceView } from '../../engine/workspace';
import { decodeString, funcParams, kids, parseNumber, parsePython, textOf, work, type PyFile } from './python';
import { readImport, resolveModule } from './project';
import {
  isSeq,
  parseBoolString,
  pyEquals,
  truthy,
  type DictEntry,
  type EnvRead,
  type EnvType,
  type Loc,
  type Value,
} from './values';

export interface Binding {
  name: string;
  value: Value;
  /** The name in the statement that assigned it (or the import that bound it). */
  target: Loc;
  /** The whole statement. */
  stmt: Loc;
  /** Import statements that made it effective in the unit's root module, outermost first. */
  via: Loc[];
  /** Set under a condition that cannot be decided statically. */
  cond?: { text: string; loc: Loc };
  /** The other bindings it may have instead (undefined: it may be unset). */
  alts?: (Binding | undefined)[];
}

export interface ModuleEval {
  file: string;
  py: PyFile;
  ns: Map<string, Binding>;
  /** Star imports that could not be followed into the workspace. */
  unresolved: { loc: Loc; module: string }[];
  /** Star imports followed: the statement and the module file. */
  starImports: { loc: Loc; target: string }[];
}

const MAX_EXPR_DEPTH = 60;
const MAX_BLOCK_DEPTH = 20;
const MAX_IMPORT_DEPTH = 12;


/** What evaluating a module read (file → text, undefined when unreadable) and every module it evaluated. */
interface Recording {
  reads: Map<string, string | undefined>;
  modules: Set<ModuleEval>;
  /** Cut short by an import cycle or the depth limit: the result depends on who imported it. */
  tainted: boolean;
}

const EVAL_CACHE_SIZE = 256;
/**
 * Evaluations of modules, kept across analyses and keystrokes (keyed by workspace root and file):
 * reused while every file they read still has the same text, so an unchanged base module is not
 * evaluated again when the production module importing it changes.
 */
const evalCache = new Map<string, { rec: Recording; result: ModuleEval }>();

/** Evaluation statistics, for tests: modules evaluated afresh and taken from the cache. */
export const evalStats = { evaluated: 0, reused: 0 };

/** Forgets every cached evaluation (tests compare cached results with fresh ones). */
export function clearEvalCache(): void {
  evalCache.clear();
}

/** The workspace as the evaluator sees it: every read is recorded for the modules being evaluated. */
class RecordingView implements WorkspaceView {
  constructor(
    private readonly inner: WorkspaceView,
    private readonly active: Recording[],
  ) {}
  read(file: string): ReadResult {
    const r = this.inner.read(file);
    const text = r.ok ? r.text : undefined;
    for (const rec of this.active) if (!rec.reads.has(file)) rec.reads.set(file, text);
    return r;
  }
  list(dir: string): DirEntry[] | undefined {
    // Listings are not recorded: what reads a listing is not cached.
    for (const rec of this.active) rec.tainted = true;
    return this.inner.list(dir);
  }
  contains(file: string): boolean {
    return this.inner.contains(file);
  }
}

/** Evaluates the modules of one analysis unit (memoised: a base module is evaluated once). */
export class UnitEvaluator {
  readonly modules = new Map<string, ModuleEval>();
  readonly files = new Map<string, PyFile>();
  /** The context with the recording view: module resolution reads through it. */
  readonly ctx: KindContext;
  private readonly inProgress = new Set<string>();
  /** Recordings of the modules being evaluated, outermost first. */
  private readonly active: Recording[] = [];
  /** What each module of this unit read (to pass on to the modules importing it). */
  private readonly recordings = new Map<string, Recording>();

  constructor(ctx: KindContext) {
    this.ctx = { ...ctx, ws: new RecordingView(ctx.ws, this.active) };
  }

  parse(file: string): PyFile | undefined {
    let py = this.files.get(file);
    if (py) return py;
    const r = this.ctx.ws.read(file);
    if (!r.ok) return undefined;
    py = parsePython(file, r.text);
    this.files.set(file, py);
    return py;
  }

  /** Adds what a module read and evaluated to the recordings of the modules importing it. */
  private absorb(rec: Recording): void {
    for (const outer of this.active) {
      for (const [f, t] of rec.reads) if (!outer.reads.has(f)) outer.reads.set(f, t);
      for (const m of rec.modules) outer.modules.add(m);
      if (rec.tainted) outer.tainted = true;
    }
  }

  /** A cached evaluation still valid in this workspace (every file it read unchanged). */
  private cached(file: string): { rec: Recording; result: ModuleEval } | undefined {
    const key = `${this.ctx.root}\0${file}`;
    const hit = evalCache.get(key);
    if (!hit) return undefined;
    for (const [f, text] of hit.rec.reads) {
      const r = this.ctx.ws.read(f);
      if ((r.ok ? r.text : undefined) !== text) {
        evalCache.delete(key);
        return undefined;
      }
    }
    evalCache.delete(key);
    evalCache.set(key, hit);
    return hit;
  }

  evalModule(file: string): ModuleEval | undefined {
    const done = this.modules.get(file);
    if (done) {
      const rec = this.recordings.get(file);
      if (rec) this.absorb(rec);
      return done;
    }
    if (this.inProgress.has(file) || this.inProgress.size >= MAX_IMPORT_DEPTH) {
      for (const rec of this.active) rec.tainted = true;
      return undefined;
    }
    const hit = this.cached(file);
    if (hit) {
      evalStats.reused++;
      for (const m of hit.rec.modules) {
        if (!this.modules.has(m.file)) this.modules.set(m.file, m);
        if (!this.files.has(m.file)) this.files.set(m.file, m.py);
      }
      this.recordings.set(file, hit.rec);
      this.absorb(hit.rec);
      return hit.result;
    }
    const rec: Recording = { reads: new Map(), modules: new Set(), tainted: false };
    this.active.push(rec);
    this.inProgress.add(file);
    try {
      const py = this.parse(file);
      if (!py) return undefined;
      rec.reads.set(file, py.text);
      evalStats.evaluated++;
      const m: ModuleEval = { file, py, ns: new Map(), unresolved: [], starImports: [] };
      new ModuleRunner(this, m).run();
      rec.modules.add(m);
      this.modules.set(file, m);
      this.recordings.set(file, rec);
      if (!rec.tainted) {
        evalCache.set(`${this.ctx.root}\0${file}`, { rec, result: m });
        if (evalCache.size > EVAL_CACHE_SIZE) evalCache.delete(evalCache.keys().next().value!);
      }
      return m;
    } finally {
      this.inProgress.delete(file);
      this.active.pop();
      this.absorb(rec);
    }
  }
}

const BUILTINS = new Set(['bool', 'int', 'float', 'str', 'list', 'tuple', 'set', 'dict', 'frozenset', 'len', 'sorted']);

const STR_METHODS_SAME = new Set(['lower', 'upper', 'strip', 'lstrip', 'rstrip', 'title', 'casefold', 'capitalize']);

class ModuleRunner {
  private readonly ns: Map<string, Binding>;
  private readonly py: PyFile;
  private readonly file: string;
  /** While evaluating an `if` condition: an environment-read DEBUG counts as False (production). */
  private inCondition = false;

  constructor(
    private readonly unit: UnitEvaluator,
    private readonly m: ModuleEval,
  ) {
    this.ns = m.ns;
    this.py = m.py;
    this.file = m.file;
  }

  run(): void {
    this.block(this.py.top, 0);
    this.m.ns = this.ns;
  }

  private L(n: SyntaxNode | { from: number; to: number }): Loc {
    return { file: this.file, from: n.from, to: n.to };
  }

  private text(n: SyntaxNode): string {
    return textOf(this.py, n);
  }

  // ----------------------------------------------------------------------------------------------
  // Statements

  private block(node: SyntaxNode, depth: number): void {
    if (depth > MAX_BLOCK_DEPTH) return;
    for (const st of kids(node)) this.statement(st, depth);
  }

  private statement(st: SyntaxNode, depth: number): void {
    work.units++;
    switch (st.name) {
      case 'AssignStatement':
        return this.assign(st);
      case 'UpdateStatement':
        return this.update(st);
      case 'ExpressionStatement':
        return this.exprStatement(st);
      case 'StatementGroup':
        return this.block(st, depth);
      case 'ImportStatement':
        return this.importStatement(st);
      case 'IfStatement':
        return this.ifStatement(st, depth);
      case 'TryStatement':
        return this.tryStatement(st, depth);
      case 'WithStatement': {
        const body = st.getChild('Body');
        if (body) this.block(body, depth + 1);
        return;
      }
      case 'ForStatement':
      case 'WhileStatement': {
        const body = st.getChild('Body');
        if (body) this.branches([{ body, cond: this.text(st).split('\n')[0].slice(0, 60), condLoc: this.L(st) }], true, depth);
        return;
      }
      case 'FunctionDefinition':
        return this.funcDef(st);
      case 'DecoratedStatement': {
        const fn = st.getChild('FunctionDefinition');
        if (fn) this.funcDef(fn);
        const cls = st.getChild('ClassDefinition');
        if (cls) this.classDef(cls);
        return;
      }
      case 'ClassDefinition':
        return this.classDef(st);
      case 'DeleteStatement':
        for (const c of kids(st)) if (c.name === 'VariableName') this.setName(this.text(c), undefined);
        return;
      default:
        return;
    }
  }

  private bind(name: string, value: Value, target: Loc, stmt: Loc): void {
    this.setName(name, { name, value, target, stmt, via: [] });
  }

  private assign(st: SyntaxNode): void {
    const ch = kids(st);
    const groups: SyntaxNode[][] = [[]];
    let annotated = false;
    for (const c of ch) {
      if (c.name === 'AssignOp') groups.push([]);
      else if (c.name === 'TypeDef') annotated = true;
      else groups[groups.length - 1].push(c);
    }
    if (groups.length < 2) return; // `X: int` without a value
    void annotated;
    const valueGroup = groups[groups.length - 1].filter((c) => c.name !== ',');
    if (valueGroup.length === 0) return;
    let value: Value;
    if (valueGroup.length === 1 && !groups[groups.length - 1].some((c) => c.name === ',')) value = this.expr(valueGroup[0], 0);
    else value = { t: 'tuple', items: valueGroup.map((v) => this.expr(v, 0)), loc: { file: this.file, from: valueGroup[0].from, to: valueGroup[valueGroup.length - 1].to } };
    const stmt = this.L(st);
    for (const g of groups.slice(0, -1)) {
      const targets = g.filter((c) => c.name !== ',');
      if (targets.length === 1 && !g.some((c) => c.name === ',')) this.assignTarget(targets[0], value, stmt);
      else this.unpack(targets, value, stmt);
    }
  }

  private unpack(targets: SyntaxNode[], value: Value, stmt: Loc): void {
    const items = isSeq(value) && value.items.length === targets.length ? value.items : undefined;
    targets.forEach((t, i) => this.assignTarget(t, items ? items[i] : { t: 'unknown', loc: value.loc }, stmt));
  }

  private assignTarget(t: SyntaxNode, value: Value, stmt: Loc): void {
    if (t.name === 'VariableName') {
      this.bind(this.text(t), value, this.L(t), stmt);
      return;
    }
    if (t.name === 'TupleExpression' || t.name === 'ArrayExpression' || t.name === 'ParenthesizedExpression') {
      const inner = kids(t).filter((c) => !['(', ')', '[', ']', ','].includes(c.name));
      if (t.name === 'ParenthesizedExpression' && inner.length === 1) return this.assignTarget(inner[0], value, stmt);
      return this.unpack(inner, value, stmt);
    }
    if (t.name === 'MemberExpression') {
      const lv = this.lvalue(t);
      if (lv && lv.keys.length > 0) this.mutate(lv.name, (old) => setAt(old, lv.keys, value, stmt, this.owned), stmt);
    }
  }

  /** `NAME[k1][k2]…` with literal keys. */
  private lvalue(n: SyntaxNode): { name: string; keys: (string | number)[] } | undefined {
    if (n.name === 'VariableName') return { name: this.text(n), keys: [] };
    if (n.name !== 'MemberExpression') return undefined;
    const ch = kids(n);
    if (ch[1]?.name !== '[') return undefined;
    const inner = this.lvalue(ch[0]);
    if (!inner) return undefined;
    const keyNodes = ch.slice(2, -1).filter((c) => c.name !== ',');
    if (keyNodes.length !== 1) return undefined;
    const k = this.expr(keyNodes[0], 0);
    if (k.t === 'str') return { name: inner.name, keys: [...inner.keys, k.v] };
    if (k.t === 'num' && Number.isInteger(k.v)) return { name: inner.name, keys: [...inner.keys, k.v] };
    return undefined;
  }

  /** Replaces a binding's value (keeping where it was assigned), e.g. after `.append()`. */
  private mutate(name: string, f: (old: Value) => Value | undefined, stmt: Loc): void {
    const b = this.ns.get(name);
    if (!b) return;
    const nv = f(b.value);
    if (!nv) {
      this.setName(name, { ...b, value: { t: 'unknown', loc: stmt } });
      return;
    }
    this.setName(name, { ...b, value: nv });
  }

  private update(st: SyntaxNode): void {
    const ch = kids(st);
    const opIdx = ch.findIndex((c) => c.name === 'UpdateOp');
    if (opIdx < 1) return;
    const op = this.text(ch[opIdx]);
    const rhsNodes = ch.slice(opIdx + 1).filter((c) => c.name !== ',');
    if (rhsNodes.length === 0) return;
    const rhs: Value =
      rhsNodes.length === 1 ? this.expr(rhsNodes[0], 0) : { t: 'tuple', items: rhsNodes.map((r) => this.expr(r, 0)), loc: this.L({ from: rhsNodes[0].from, to: rhsNodes[rhsNodes.length - 1].to }) };
    const lv = this.lvalue(ch[0]);
    if (!lv) return;
    const stmt = this.L(st);
    const b = this.ns.get(lv.name);
    if (!b) return;
    const apply = (old: Value, inPlace: boolean): Value | undefined => {
      if (op === '+=') return binaryPlus(old, rhs, stmt, true, this.owned, inPlace);
      if (op === '|=' && old.t === 'set' && isSeq(rhs)) return extendItems(old, rhs.items, this.owned, inPlace);
      if (op === '|=' && old.t === 'dict' && rhs.t === 'dict') return extendEntries(old, rhs.entries, this.owned, inPlace);
      return { t: 'unknown', loc: stmt, env: old.t === 'env' || rhs.t === 'env' };
    };
    this.mutateAt(lv, apply, stmt);
  }

  /** Applies a change to `NAME` or to the value at `NAME[k1][k2]…`. */
  private mutateAt(lv: { name: string; keys: (string | number)[] }, apply: (old: Value, inPlace: boolean) => Value | undefined, stmt: Loc): void {
    if (lv.keys.length === 0) this.mutate(lv.name, (old) => apply(old, true), stmt);
    else this.mutate(lv.name, (old) => {
      const cur = getAt(old, lv.keys);
      if (!cur) return undefined;
      const changed = apply(cur, ownedPath(old, lv.keys, this.owned)) ?? { t: 'unknown', loc: stmt };
      return setAt(old, lv.keys, changed, stmt, this.owned);
    }, stmt);
  }

  private exprStatement(st: SyntaxNode): void {
    const call = kids(st)[0];
    if (!call || call.name !== 'CallExpression') return;
    const [callee, argList] = kids(call);
    if (!callee || callee.name !== 'MemberExpression' || !argList) return;
    const mch = kids(callee);
    if (mch[1]?.name !== '.' || mch[2]?.name !== 'PropertyName') return;
    const method = this.text(mch[2]);
    const lv = this.lvalue(mch[0]);
    if (!lv || !this.ns.has(lv.name)) return;
    const { args } = this.args(argList, 0);
    const stmt = this.L(st);
    if (!MUTATORS.has(method)) return;
    this.mutateAt(lv, (old, inPlace) => listOrDictMethod(old, method, args, stmt, this.owned, inPlace), stmt);
  }

  private funcDef(st: SyntaxNode): void {
    const nameNode = st.getChild('VariableName');
    if (!nameNode) return;
    const params = funcParams(this.py, st);
    const body = st.getChild('Body');
    const stmts = body ? kids(body).filter((c) => c.name !== ':') : [];
    const returnsTrue =
      stmts.length === 1 && stmts[0].name === 'ReturnStatement' && kids(stmts[0]).length === 2 && this.text(kids(stmts[0])[1]) === 'True';
    const name = this.text(nameNode);
    this.bind(name, { t: 'func', name, returnsTrue, params, loc: this.L(st) }, this.L(nameNode), this.L(st));
  }

  private classDef(st: SyntaxNode): void {
    const nameNode = st.getChild('VariableName');
    if (nameNode) this.bind(this.text(nameNode), { t: 'obj', q: 'class', loc: this.L(st) }, this.L(nameNode), this.L(st));
  }

  private importStatement(st: SyntaxNode): void {
    const imp = readImport(this.py, st);
    if (!imp) return;
    const loc = this.L(st);
    if (imp.plain) {
      for (const p of imp.plain) {
        if (p.alias) this.bind(p.alias, { t: 'obj', q: p.dotted, loc }, loc, loc);
        else {
          const first = p.dotted.split('.')[0];
          this.bind(first, { t: 'obj', q: first, loc }, loc, loc);
        }
      }
      return;
    }
    const target = path.isAbsolute(this.file) ? resolveModule(this.unit.ctx, this.file, imp.level, imp.dotted) : undefined;
    const mod = target && target !== this.file ? this.unit.evalModule(target) : undefined;
    if (imp.star) {
      if (!mod) {
        const isSettingsLike = imp.level > 0 || /(^|\.)settings(\.|$)/.test(imp.dotted) || !!target;
        if (isSettingsLike) this.m.unresolved.push({ loc, module: '.'.repeat(imp.level) + imp.dotted });
        return;
      }
      this.m.starImports.push({ loc, target: mod.file });
      const all = mod.ns.get('__all__');
      const allowed = all && isSeq(all.value) ? new Set(all.value.items.filter((i) => i.t === 'str').map((i) => (i as { v: string }).v)) : undefined;
      for (const [name, b] of mod.ns) {
        if (allowed ? !allowed.has(name) : name.startsWith('_')) continue;
        this.setName(name, withVia(b, loc));
      }
      return;
    }
    for (const nm of imp.names) {
      const b = mod?.ns.get(nm.name);
      if (b) {
        this.setName(nm.alias, { ...withVia(b, loc), name: nm.alias });
        continue;
      }
      const q = imp.level > 0 ? `${'.'.repeat(imp.level)}${imp.dotted}.${nm.name}` : `${imp.dotted}.${nm.name}`;
      this.bind(nm.alias, { t: 'obj', q, loc }, this.L(nm.node), loc);
    }
  }

  private condTruth(n: SyntaxNode): boolean | undefined {
    this.inCondition = true;
    try {
      return truthy(this.expr(n, 0));
    } finally {
      this.inCondition = false;
    }
  }

  private ifStatement(st: SyntaxNode, depth: number): void {
    const ch = kids(st);
    const clauses: { cond?: SyntaxNode; body: SyntaxNode }[] = [];
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      if (c.name === 'if' || c.name === 'elif') {
        const cond = ch[i + 1];
        const body = ch[i + 2];
        if (cond && body?.name === 'Body') clauses.push({ cond, body });
        else if (cond?.name === 'Body') clauses.push({ body: cond });
        i += 2;
      } else if (c.name === 'else' && ch[i + 1]?.name === 'Body') {
        clauses.push({ body: ch[i + 1] });
        i++;
      }
    }
    const possible: { body: SyntaxNode; cond: string; condLoc: Loc }[] = [];
    let exhaustive = false;
    for (const cl of clauses) {
      const truth = cl.cond ? this.condTruth(cl.cond) : true;
      if (truth === false) continue;
      const condText = cl.cond ? `if ${this.text(cl.cond)}` : 'else';
      possible.push({ body: cl.body, cond: condText.length > 70 ? condText.slice(0, 69) + '…' : condText, condLoc: this.L(cl.cond ?? cl.body) });
      if (truth === true) {
        exhaustive = true;
        break;
      }
    }
    if (possible.length === 0) return;
    if (possible.length === 1 && exhaustive) {
      this.block(possible[0].body, depth + 1);
      return;
    }
    this.branches(possible, !exhaustive, depth);
  }

  private tryStatement(st: SyntaxNode, depth: number): void {
    const ch = kids(st);
    const bodies: { body: SyntaxNode; cond: string; condLoc: Loc }[] = [];
    let finallyBody: SyntaxNode | undefined;
    let tryBody: SyntaxNode | undefined;
    let elseBody: SyntaxNode | undefined;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      if (c.name === 'try' && ch[i + 1]?.name === 'Body') tryBody = ch[i + 1];
      else if (c.name === 'except') {
        let j = i + 1;
        while (j < ch.length && ch[j].name !== 'Body') j++;
        if (j < ch.length) bodies.push({ body: ch[j], cond: 'except', condLoc: this.L(c) });
        i = j;
      } else if (c.name === 'else' && ch[i + 1]?.name === 'Body') elseBody = ch[i + 1];
      else if (c.name === 'finally' && ch[i + 1]?.name === 'Body') finallyBody = ch[i + 1];
    }
    if (tryBody) {
      const tb = tryBody;
      const eb = elseBody;
      const outcomes = [
        this.branch(() => {
          this.block(tb, depth + 1);
          if (eb) this.block(eb, depth + 1);
        }),
        ...bodies.map((h) => this.branch(() => this.block(h.body, depth + 1))),
      ];
      if (bodies.length === 0) outcomes.push(new Map());
      this.mergeOutcomes(outcomes, { text: 'if the try block succeeds', loc: this.L(tb) });
    }
    if (finallyBody) this.block(finallyBody, depth + 1);
  }

  /** Runs possible branches and merges their results as conditional. */
  private branches(possible: { body: SyntaxNode; cond: string; condLoc: Loc }[], includeNone: boolean, depth: number): void {
    const outcomes = possible.map((p) => this.branch(() => this.block(p.body, depth + 1)));
    if (includeNone) outcomes.push(new Map());
    this.mergeOutcomes(outcomes, { text: possible[0].cond, loc: possible[0].condLoc });
  }

  /**
   * Every write to the namespace goes through here, so that a branch can record what it changed
   * (and be undone) without copying the namespace: branches cost what they change, not what exists.
   */
  private setName(name: string, b: Binding | undefined): void {
    const j = this.journal;
    if (j && !j.has(name)) j.set(name, this.ns.get(name));
    if (b) this.ns.set(name, b);
    else this.ns.delete(name);
  }

  private journal: Map<string, Binding | undefined> | undefined;

  /**
   * Containers this module made by changing a setting (`.append`, `+=`, `X[k] = v`) that nothing
   * else has seen yet: further changes are made in place instead of copying them, so n appends cost
   * n, not n². A value leaves the set when an expression reads it or a branch starts or ends (the
   * journal keeps values from before the branch).
   */
  private readonly owned = new Set<Value>();

  /** Runs a branch, returns the bindings it changed (undefined: deleted), and undoes it. */
  private branch(run: () => void): Map<string, Binding | undefined> {
    const outer = this.journal;
    const j = new Map<string, Binding | undefined>();
    this.journal = j;
    this.owned.clear();
    try {
      run();
    } finally {
      this.journal = outer;
      this.owned.clear();
    }
    const outcome = new Map<string, Binding | undefined>();
    for (const [name, prev] of j) {
      outcome.set(name, this.ns.get(name));
      if (prev) this.ns.set(name, prev);
      else this.ns.delete(name);
    }
    return outcome;
  }

  /** Names that differ between the possible outcomes become conditional (catalog: "kept as conditional"). */
  private mergeOutcomes(outcomes: Map<string, Binding | undefined>[], cond: { text: string; loc: Loc }): void {
    const names = new Set<string>();
    for (const o of outcomes) for (const k of o.keys()) names.add(k);
    for (const name of names) {
      const before = this.ns.get(name);
      const options = outcomes.map((o) => (o.has(name) ? o.get(name) : before));
      const first = options[0];
      if (options.every((o) => o === first)) {
        if (first !== before) this.setName(name, first);
        continue;
      }
      const distinct: (Binding | undefined)[] = [];
      for (const o of options) if (!distinct.includes(o)) distinct.push(o);
      const primary = distinct.find((d) => d && d !== before) ?? distinct.find((d) => d)!;
      const alts = distinct.filter((d) => d !== primary).flatMap((d) => (d?.alts ? [d, ...d.alts] : [d]));
      this.setName(name, { ...primary, cond: primary.cond ?? cond, alts: [...(primary.alts ?? []), ...alts] });
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Expressions

  expr(n: SyntaxNode, depth: number): Value {
    work.units++;
    const loc = this.L(n);
    if (depth > MAX_EXPR_DEPTH) return { t: 'unknown', loc };
    switch (n.name) {
      case 'Number': {
        const v = parseNumber(this.text(n));
        return v === undefined ? { t: 'unknown', loc } : { t: 'num', v, loc };
      }
      case 'String': {
        const s = decodeString(this.text(n), n.from);
        if (!s || !s.terminated) return { t: 'unknown', loc, str: true };
        if (s.format && n.getChild('FormatReplacement')) return { t: 'unknown', loc, str: true };
        return { t: 'str', v: s.value, loc, bytes: s.bytes || undefined };
      }
      case 'FormatString': {
        if (n.getChild('FormatReplacement')) return { t: 'unknown', loc, str: true, env: this.mentionsEnv(n) };
        const s = decodeString(this.text(n), n.from);
        return s?.terminated ? { t: 'str', v: s.value, loc } : { t: 'unknown', loc, str: true };
      }
      case 'ContinuedString': {
        let acc = '';
        for (const part of kids(n)) {
          const v = this.expr(part, depth + 1);
          if (v.t !== 'str') return { t: 'unknown', loc, str: true };
          acc += v.v;
        }
        return { t: 'str', v: acc, loc };
      }
      case 'Boolean':
        return { t: 'bool', v: this.text(n) === 'True', loc };
      case 'None':
        return { t: 'none', loc };
      case 'ArrayExpression':
      case 'TupleExpression':
      case 'SetExpression':
        return this.sequence(n, n.name === 'ArrayExpression' ? 'list' : n.name === 'TupleExpression' ? 'tuple' : 'set', depth);
      case 'ParenthesizedExpression': {
        const inner = kids(n).filter((c) => c.name !== '(' && c.name !== ')');
        return inner.length === 1 ? this.expr(inner[0], depth + 1) : { t: 'unknown', loc };
      }
      case 'DictionaryExpression':
        return this.dict(n, depth);
      case 'VariableName':
        return this.lookup(this.text(n), loc);
      case 'MemberExpression':
        return this.member(n, depth);
      case 'CallExpression':
        return this.call(n, depth);
      case 'BinaryExpression':
        return this.binary(n, depth);
      case 'UnaryExpression':
        return this.unary(n, depth);
      case 'ConditionalExpression': {
        const ch = kids(n);
        // a if c else b
        const a = ch[0];
        const c = ch[2];
        const b = ch[4];
        if (!a || !c || !b) return { t: 'unknown', loc };
        const truth = truthy(this.expr(c, depth + 1));
        if (truth === true) return this.expr(a, depth + 1);
        if (truth === false) return this.expr(b, depth + 1);
        const va = this.expr(a, depth + 1);
        const vb = this.expr(b, depth + 1);
        return { t: 'unknown', loc, env: va.t === 'env' || vb.t === 'env' || this.mentionsEnv(c) };
      }
      case 'LambdaExpression': {
        const ch = kids(n);
        const body = ch[ch.length - 1];
        return { t: 'lambda', body: body ? this.expr(body, depth + 1) : { t: 'unknown', loc }, loc };
      }
      case 'ArrayComprehensionExpression':
      case 'ComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'DictionaryComprehensionExpression':
        return { t: 'unknown', loc, env: this.mentionsEnv(n) };
      default:
        return { t: 'unknown', loc };
    }
  }

  /** True when a subtree mentions something that reads the environment (for unknown values). */
  private mentionsEnv(n: SyntaxNode): boolean {
    const stack: SyntaxNode[] = [n];
    let budget = 2000;
    while (stack.length > 0 && --budget > 0) {
      work.units++;
      const c = stack.pop()!;
      if (c.name === 'VariableName' || c.name === 'PropertyName') {
        const t = this.text(c);
        if (t === 'environ' || t === 'getenv') return true;
        if (c.name === 'VariableName') {
          const b = this.ns.get(t);
          if (b && (b.value.t === 'env' || (b.value.t === 'obj' && /^(environ\.Env\(\)|decouple\.config)/.test(b.value.q)))) return true;
        }
      }
      for (let k = c.firstChild; k; k = k.nextSibling) stack.push(k);
    }
    return false;
  }

  private lookup(name: string, loc: Loc): Value {
    const b = this.ns.get(name);
    if (b) {
      if (b.cond) return { t: 'unknown', loc, env: b.value.t === 'env' };
      if (this.inCondition && name === 'DEBUG' && (b.value.t === 'env' || (b.value.t === 'unknown' && b.value.env))) return { t: 'bool', v: false, loc };
      this.owned.delete(b.value);
      return b.value;
    }
    if (name === '__file__') return { t: 'obj', q: '__file__', loc };
    if (BUILTINS.has(name)) return { t: 'obj', q: `builtins.${name}`, loc };
    return { t: 'unknown', loc };
  }

  private sequence(n: SyntaxNode, t: 'list' | 'tuple' | 'set', depth: number): Value {
    // A container with a syntax error in it (a half-typed list) is not known.
    if (hasError(n)) return { t: 'unknown', loc: this.L(n) };
    const items: Value[] = [];
    const ch = kids(n).filter((c) => !['[', ']', '(', ')', '{', '}', ','].includes(c.name));
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      if (c.name === '*') {
        const next = ch[++i];
        if (!next) break;
        const v = this.expr(next, depth + 1);
        if (isSeq(v)) items.push(...v.items);
        else return { t: 'unknown', loc: this.L(n), env: v.t === 'env' || (v.t === 'unknown' && v.env) };
        continue;
      }
      items.push(this.expr(c, depth + 1));
    }
    return { t, items, loc: this.L(n) };
  }

  private dict(n: SyntaxNode, depth: number): Value {
    if (hasError(n)) return { t: 'unknown', loc: this.L(n) };
    const entries: DictEntry[] = [];
    const ch = kids(n).filter((c) => c.name !== '{' && c.name !== '}');
    let i = 0;
    while (i < ch.length) {
      const c = ch[i];
      if (c.name === ',') {
        i++;
        continue;
      }
      if (c.name === '**') {
        const v = ch[i + 1] ? this.expr(ch[i + 1], depth + 1) : undefined;
        if (v && v.t === 'dict') entries.push(...v.entries);
        i += 2;
        continue;
      }
      if (ch[i + 1]?.name === ':' && ch[i + 2] && ch[i + 2].name !== ',') {
        const key = this.expr(c, depth + 1);
        const value = this.expr(ch[i + 2], depth + 1);
        entries.push({ key, value, loc: { file: this.file, from: c.from, to: ch[i + 2].to } });
        i += 3;
        continue;
      }
      i++;
    }
    return { t: 'dict', entries, loc: this.L(n) };
  }

  private member(n: SyntaxNode, depth: number): Value {
    const loc = this.L(n);
    const ch = kids(n);
    const obj = ch[0] ? this.expr(ch[0], depth + 1) : undefined;
    if (!obj) return { t: 'unknown', loc };
    if (ch[1]?.name === '.') {
      const prop = ch[2] ? this.text(ch[2]) : '';
      if (obj.t === 'obj') {
        if (obj.q === 'environ.Env()' || obj.q.startsWith('environ.Env().')) return { ...obj, q: `environ.Env().${prop}`, loc };
        return { t: 'obj', q: `${obj.q}.${prop}`, scheme: obj.scheme, loc };
      }
      if (obj.t === 'path' && prop === 'parent') return { ...obj, parts: [...obj.parts, '..'], loc };
      return { t: 'unknown', loc, env: obj.t === 'env' };
    }
    if (ch[1]?.name === '[') {
      const keys = ch.slice(2, -1).filter((c) => c.name !== ',');
      if (keys.length !== 1) return { t: 'unknown', loc };
      const key = this.expr(keys[0], depth + 1);
      if (obj.t === 'obj' && obj.q === 'os.environ') {
        return { t: 'env', env: { name: key.t === 'str' ? key.v : undefined, api: 'os.environ[]', type: 'str', required: true }, loc };
      }
      if (obj.t === 'dict' && key.t === 'str') {
        const e = dictEntry(obj, key.v);
        return e ? e.value : { t: 'unknown', loc };
      }
      if (isSeq(obj) && key.t === 'num' && Number.isInteger(key.v)) {
        const idx = key.v < 0 ? obj.items.length + key.v : key.v;
        return obj.items[idx] ?? { t: 'unknown', loc };
      }
      return { t: 'unknown', loc, env: obj.t === 'env' };
    }
    return { t: 'unknown', loc };
  }

  private args(argList: SyntaxNode, depth: number): { args: Value[]; kwargs: Map<string, Value>; starred: boolean } {
    const args: Value[] = [];
    const kwargs = new Map<string, Value>();
    let starred = false;
    const groups: SyntaxNode[][] = [[]];
    for (const c of kids(argList)) {
      if (c.name === '(' || c.name === ')') continue;
      if (c.name === ',') groups.push([]);
      else groups[groups.length - 1].push(c);
    }
    for (const g of groups) {
      if (g.length === 0) continue;
      if (g[0].name === 'VariableName' && g[1]?.name === 'AssignOp' && g[2]) kwargs.set(this.text(g[0]), this.expr(g[2], depth + 1));
      else if (g[0].name === '*' || g[0].name === '**') starred = true;
      else if (g.length === 1) args.push(this.expr(g[0], depth + 1));
      else args.push({ t: 'unknown', loc: this.L({ from: g[0].from, to: g[g.length - 1].to }) });
    }
    return { args, kwargs, starred };
  }

  private call(n: SyntaxNode, depth: number): Value {
    const loc = this.L(n);
    const [calleeNode, argList] = kids(n);
    if (!calleeNode || !argList || hasError(argList)) return { t: 'unknown', loc };
    const { args, kwargs } = this.args(argList, depth);
    // Methods of values we know: str / env / list / dict / path.
    if (calleeNode.name === 'MemberExpression') {
      const mch = kids(calleeNode);
      if (mch[1]?.name === '.' && mch[2]) {
        const recv = this.expr(mch[0], depth + 1);
        const method = this.text(mch[2]);
        if (recv.t !== 'obj') return methodCall(recv, method, args, loc);
      }
    }
    const callee = this.expr(calleeNode, depth + 1);
    if (callee.t !== 'obj') return { t: 'unknown', loc, env: args.some((a) => a.t === 'env') };
    return callObj(callee, args, kwargs, loc, this.file);
  }

  private binary(n: SyntaxNode, depth: number): Value {
    const loc = this.L(n);
    const ch = kids(n);
    if (ch.length < 3) return { t: 'unknown', loc };
    const left = ch[0];
    const right = ch[ch.length - 1];
    const opText = ch
      .slice(1, -1)
      .map((c) => this.text(c))
      .join(' ');
    const a = this.expr(left, depth + 1);
    if (opText === 'or' || opText === 'and') {
      const ta = truthy(a);
      if (ta !== undefined) {
        if (opText === 'or') return ta ? a : this.expr(right, depth + 1);
        return ta ? this.expr(right, depth + 1) : a;
      }
      const b = this.expr(right, depth + 1);
      if (a.t === 'env' && opText === 'or') {
        const d = a.env.dflt;
        const td = truthy(d);
        const dflt = a.env.required ? undefined : td === true ? d : td === false ? b : undefined;
        return { t: 'env', env: { ...a.env, dflt, rawDefault: td === false ? b : a.env.rawDefault }, loc };
      }
      return { t: 'unknown', loc, env: a.t === 'env' || b.t === 'env' };
    }
    const b = this.expr(right, depth + 1);
    return binaryOp(a, opText, b, loc);
  }

  private unary(n: SyntaxNode, depth: number): Value {
    const loc = this.L(n);
    const ch = kids(n);
    if (ch.length < 2) return { t: 'unknown', loc };
    const op = this.text(ch[0]);
    const v = this.expr(ch[1], depth + 1);
    if (op === 'not') {
      const tv = truthy(v);
      if (tv !== undefined) return { t: 'bool', v: !tv, loc };
      if (v.t === 'env') return envBool(v.env, loc, (d) => !d);
      return { t: 'unknown', loc, env: v.t === 'unknown' && v.env };
    }
    if (v.t === 'num') {
      if (op === '-') return { t: 'num', v: -v.v, loc };
      if (op === '+') return { ...v, loc };
      if (op === '~') return { t: 'num', v: ~v.v, loc };
    }
    return { t: 'unknown', loc };
  }
}

// -------------------------------------------------------------------------------------------------
// Helpers (pure functions over values)

/** Does a node have a syntax-error child (not looking deeper: nested containers judge themselves)? */
function hasError(n: SyntaxNode): boolean {
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.type.isError) return true;
  return false;
}

function withVia(b: Binding, loc: Loc): Binding {
  return { ...b, via: [loc, ...b.via], alts: b.alts?.map((a) => (a ? { ...a, via: [loc, ...a.via] } : a)) };
}

type Dict = Extract<Value, { t: 'dict' }>;
type Seq = Extract<Value, { t: 'list' | 'tuple' | 'set' }>;

/** Last index of each string key, per entries array (dicts are looked up by key again and again). */
const keyIndex = new WeakMap<DictEntry[], Map<string, number>>();

/** Where a string key is in a dict: the last entry written with it, as in Python (-1: absent). */
function keyPosition(d: Dict, key: string): number {
  const entries = d.entries;
  if (entries.length <= 8) {
    for (let i = entries.length - 1; i >= 0; i--) {
      work.units++;
      const k = entries[i].key;
      if (k.t === 'str' && k.v === key) return i;
    }
    return -1;
  }
  let index = keyIndex.get(entries);
  if (!index) {
    index = new Map();
    work.units += entries.length;
    for (let i = 0; i < entries.length; i++) {
      const k = entries[i].key;
      if (k.t === 'str') index.set(k.v, i);
    }
    keyIndex.set(entries, index);
  }
  return index.get(key) ?? -1;
}

/** The entry a string key finds in a dict. */
export function dictEntry(d: Dict, key: string): DictEntry | undefined {
  const i = keyPosition(d, key);
  return i < 0 ? undefined : d.entries[i];
}

/** Appends an entry to an owned dict's entries in place (keeping the key index right). */
function pushEntry(entries: DictEntry[], e: DictEntry): void {
  entries.push(e);
  if (e.key.t === 'str') keyIndex.get(entries)?.set(e.key.v, entries.length - 1);
}

/** A container made by a change: owned by the module changing it (see ModuleRunner.owned). */
function made<T extends Value>(v: T, owned: Set<Value> | undefined): T {
  work.units += v.t === 'dict' ? v.entries.length : isSeq(v) ? v.items.length : 1;
  owned?.add(v);
  return v;
}

/** Is every container on the way from `v` to `v[k1][k2]…` owned (so the last may change in place)? */
function ownedPath(v: Value, keys: (string | number)[], owned: Set<Value>): boolean {
  let cur: Value | undefined = v;
  for (const k of keys) {
    if (!cur || !owned.has(cur)) return false;
    cur = getAt(cur, [k]);
  }
  return !!cur && owned.has(cur);
}

export function getAt(v: Value, keys: (string | number)[]): Value | undefined {
  let cur: Value | undefined = v;
  for (const k of keys) {
    if (!cur) return undefined;
    if (cur.t === 'dict' && typeof k === 'string') {
      cur = dictEntry(cur, k)?.value;
    } else if (isSeq(cur) && typeof k === 'number') {
      cur = cur.items[k < 0 ? cur.items.length + k : k];
    } else return undefined;
  }
  return cur;
}

/**
 * `v[k1][k2]… = nv`: a copy of the containers on the way, or (those owned, from the top) changed in
 * place. `inPlace` is false below a container that was copied.
 */
function setAt(v: Value, keys: (string | number)[], nv: Value, stmt: Loc, owned?: Set<Value>, inPlace = true): Value | undefined {
  if (keys.length === 0) return nv;
  const [k, ...rest] = keys;
  const here = inPlace && !!owned?.has(v);
  if (v.t === 'dict' && typeof k === 'string') {
    const idx = keyPosition(v, k);
    if (idx >= 0) {
      const inner = rest.length ? setAt(v.entries[idx].value, rest, nv, stmt, owned, here) : nv;
      if (!inner) return undefined;
      const entry = { ...v.entries[idx], value: inner, loc: rest.length ? v.entries[idx].loc : stmt };
      if (here) {
        v.entries[idx] = entry;
        return v;
      }
      const entries = [...v.entries];
      entries[idx] = entry;
      return made({ ...v, entries, mutated: true }, owned);
    }
    if (rest.length) return undefined;
    const entry: DictEntry = { key: { t: 'str', v: k, loc: stmt }, value: nv, loc: stmt };
    if (here) {
      pushEntry(v.entries, entry);
      return v;
    }
    return made({ ...v, entries: [...v.entries, entry], mutated: true }, owned);
  }
  if (isSeq(v) && typeof k === 'number') {
    const idx = k < 0 ? v.items.length + k : k;
    if (idx < 0 || idx >= v.items.length) return undefined;
    const inner = rest.length ? setAt(v.items[idx], rest, nv, stmt, owned, here) : nv;
    if (!inner) return undefined;
    if (here) {
      v.items[idx] = inner;
      return v;
    }
    const items = [...v.items];
    items[idx] = inner;
    return made({ ...v, items, mutated: true }, owned);
  }
  return undefined;
}

/** `old` with items appended: in place when owned, else a copy. */
function extendItems(old: Seq, add: Value[], owned?: Set<Value>, inPlace = true): Seq {
  if (inPlace && owned?.has(old)) {
    const n = add.length; // `x += x` appends the items it had
    for (let i = 0; i < n; i++) old.items.push(add[i]);
    return old;
  }
  return made({ ...old, items: old.items.concat(add), mutated: true }, owned);
}

/** `old` with entries appended: in place when owned, else a copy. */
function extendEntries(old: Dict, add: DictEntry[], owned?: Set<Value>, inPlace = true): Dict {
  if (inPlace && owned?.has(old)) {
    const n = add.length;
    for (let i = 0; i < n; i++) pushEntry(old.entries, add[i]);
    return old;
  }
  return made({ ...old, entries: old.entries.concat(add), mutated: true }, owned);
}

const MUTATORS = new Set(['append', 'insert', 'extend', 'remove', 'pop', 'clear', 'update', 'setdefault', 'add', 'discard']);

function listOrDictMethod(old: Value, method: string, args: Value[], stmt: Loc, owned?: Set<Value>, inPlace = true): Value | undefined {
  const here = inPlace && !!owned?.has(old);
  if (isSeq(old)) {
    switch (method) {
      case 'append':
      case 'add':
        return args[0] ? extendItems(old, [args[0]], owned, inPlace) : undefined;
      case 'insert': {
        const at = args[0];
        if (!args[1] || !at || at.t !== 'num') return undefined;
        const items = here ? old.items : [...old.items];
        let i = Math.trunc(at.v);
        if (i < 0) i = Math.max(0, items.length + i);
        items.splice(Math.min(i, items.length), 0, args[1]);
        return here ? old : made({ ...old, items, mutated: true }, owned);
      }
      case 'extend':
        return isSeq(args[0]) ? extendItems(old, args[0].items, owned, inPlace) : undefined;
      case 'remove':
      case 'discard': {
        const x = args[0];
        if (!x) return undefined;
        const idx = old.items.findIndex((i) => pyEquals(i, x) === true);
        if (idx < 0) return old.items.some((i) => pyEquals(i, x) === undefined) ? undefined : old;
        const items = here ? old.items : [...old.items];
        items.splice(idx, 1);
        return here ? old : made({ ...old, items, mutated: true }, owned);
      }
      case 'clear':
        return made({ ...old, items: [], mutated: true }, owned);
      default:
        return undefined;
    }
  }
  if (old.t === 'dict') {
    if (method === 'update' && args[0]?.t === 'dict') return extendEntries(old, args[0].entries, owned, inPlace);
    if (method === 'setdefault' && args[0]?.t === 'str') {
      if (dictEntry(old, args[0].v)) return old;
      return extendEntries(old, [{ key: args[0], value: args[1] ?? { t: 'none', loc: stmt }, loc: stmt }], owned, inPlace);
    }
    if (method === 'pop' && args[0]?.t === 'str') {
      const k = args[0].v;
      return made({ ...old, entries: old.entries.filter((e) => !(e.key.t === 'str' && e.key.v === k)), mutated: true }, owned);
    }
    if (method === 'clear') return made({ ...old, entries: [], mutated: true }, owned);
  }
  return undefined;
}

function binaryPlus(a: Value, b: Value, loc: Loc, inPlaceOp: boolean, owned?: Set<Value>, inPlace = true): Value {
  if (isSeq(a) && isSeq(b) && (a.t === b.t || inPlaceOp)) {
    if (inPlaceOp) return extendItems(a, b.items, owned, inPlace);
    return { ...a, items: [...a.items, ...b.items], loc, mutated: true };
  }
  if (a.t === 'str' && b.t === 'str') return { t: 'str', v: a.v + b.v, loc };
  if (a.t === 'num' && b.t === 'num') return { t: 'num', v: a.v + b.v, loc };
  return { t: 'unknown', loc, env: a.t === 'env' || b.t === 'env' || (a.t === 'unknown' && a.env) || (b.t === 'unknown' && b.env), str: a.t === 'str' || b.t === 'str' };
}

function envBool(env: EnvRead, loc: Loc, f: (d: boolean) => boolean): Value {
  const td = truthy(env.dflt);
  return {
    t: 'env',
    env: { ...env, type: 'bool', dflt: env.required || td === undefined ? undefined : { t: 'bool', v: f(td), loc: env.dflt!.loc } },
    loc,
  };
}

function compare(a: Value, op: string, b: Value): boolean | undefined {
  switch (op) {
    case '==':
    case 'is':
      return pyEquals(a, b);
    case '!=':
    case 'is not': {
      const e = pyEquals(a, b);
      return e === undefined ? undefined : !e;
    }
    case 'in':
    case 'not in': {
      let r: boolean | undefined;
      if (isSeq(b)) {
        r = false;
        for (const i of b.items) {
          const e = pyEquals(a, i);
          if (e === true) {
            r = true;
            break;
          }
          if (e === undefined) r = undefined;
        }
      } else if (a.t === 'str' && b.t === 'str') r = b.v.includes(a.v);
      else if (a.t === 'str' && b.t === 'dict') r = b.entries.some((e) => e.key.t === 'str' && e.key.v === a.v);
      if (r === undefined) return undefined;
      return op === 'in' ? r : !r;
    }
    case '<':
    case '>':
    case '<=':
    case '>=':
      if (a.t === 'num' && b.t === 'num') return op === '<' ? a.v < b.v : op === '>' ? a.v > b.v : op === '<=' ? a.v <= b.v : a.v >= b.v;
      return undefined;
    default:
      return undefined;
  }
}

function binaryOp(a: Value, op: string, b: Value, loc: Loc): Value {
  if (['==', '!=', 'in', 'not in', 'is', 'is not', '<', '>', '<=', '>='].includes(op)) {
    // `"X" in os.environ`
    if ((op === 'in' || op === 'not in') && b.t === 'obj' && b.q === 'os.environ') {
      return { t: 'env', env: { name: a.t === 'str' ? a.v : undefined, api: 'in os.environ', type: 'bool', required: false, dflt: { t: 'bool', v: op === 'not in', loc } }, loc };
    }
    const envSide = a.t === 'env' ? a : b.t === 'env' ? b : undefined;
    if (envSide && envSide.t === 'env') {
      const other = envSide === a ? b : a;
      const d = envSide.env.dflt;
      let dv: boolean | undefined;
      if (d && !envSide.env.required) dv = envSide === a ? compare(d, op, other) : compare(other, op, d);
      return { t: 'env', env: { ...envSide.env, type: 'bool', dflt: dv === undefined ? undefined : { t: 'bool', v: dv, loc: d!.loc } }, loc };
    }
    const r = compare(a, op, b);
    return r === undefined ? { t: 'unknown', loc, env: (a.t === 'unknown' && a.env) || (b.t === 'unknown' && b.env) } : { t: 'bool', v: r, loc };
  }
  if (op === '+') return binaryPlus(a, b, loc, false);
  if (op === '/' && a.t === 'path' && (b.t === 'str' || b.t === 'path')) return { ...a, parts: [...a.parts, ...(b.t === 'str' ? splitPath(b.v) : b.parts)], loc };
  if (op === '*' && a.t === 'num' && b.t === 'num') return { t: 'num', v: a.v * b.v, loc };
  if (op === '**' && a.t === 'num' && b.t === 'num') return { t: 'num', v: a.v ** b.v, loc };
  if (op === '-' && a.t === 'num' && b.t === 'num') return { t: 'num', v: a.v - b.v, loc };
  if (op === '|' && a.t === 'num' && b.t === 'num') return { t: 'num', v: a.v | b.v, loc };
  return { t: 'unknown', loc, env: a.t === 'env' || b.t === 'env', str: a.t === 'str' && op === '%' };
}

function splitPath(s: string): string[] {
  return s.split(/[\\/]+/).filter((p) => p && p !== '.');
}

function pathFrom(v: Value | undefined, file: string, loc: Loc): Value {
  if (!v) return { t: 'unknown', loc };
  if (v.t === 'path') return { ...v, loc };
  if (v.t === 'obj' && v.q === '__file__') return { t: 'path', anchor: `__file__:${file}`, parts: [], loc };
  if (v.t === 'str') return v.v.startsWith('/') ? { t: 'path', anchor: '/', parts: splitPath(v.v), loc } : { t: 'path', anchor: '.', parts: splitPath(v.v), loc };
  return { t: 'unknown', loc, env: v.t === 'env' };
}

function strMethod(s: string, method: string, args: Value[]): Value | 'unknown' {
  const loc = { file: '', from: 0, to: 0 };
  switch (method) {
    case 'lower':
      return { t: 'str', v: s.toLowerCase(), loc };
    case 'upper':
      return { t: 'str', v: s.toUpperCase(), loc };
    case 'strip':
    case 'lstrip':
    case 'rstrip':
      return { t: 'str', v: method === 'strip' ? s.trim() : method === 'lstrip' ? s.trimStart() : s.trimEnd(), loc };
    case 'split': {
      const sep = args[0];
      if (sep && sep.t !== 'str' && sep.t !== 'none') return 'unknown';
      const parts = sep && sep.t === 'str' ? s.split(sep.v) : s.split(/\s+/).filter(Boolean);
      return { t: 'list', items: parts.map((p) => ({ t: 'str', v: p, loc })), loc };
    }
    case 'replace':
      if (args[0]?.t === 'str' && args[1]?.t === 'str') return { t: 'str', v: s.split(args[0].v).join(args[1].v), loc };
      return 'unknown';
    default:
      return STR_METHODS_SAME.has(method) ? { t: 'str', v: s, loc } : 'unknown';
  }
}

/** Re-locates a computed value (and its items) at `loc`. */
function at(v: Value, loc: Loc): Value {
  if (isSeq(v)) return { ...v, items: v.items.map((i) => ({ ...i, loc })), loc };
  return { ...v, loc } as Value;
}

function methodCall(recv: Value, method: string, args: Value[], loc: Loc): Value {
  if (recv.t === 'str') {
    if (method === 'join' && isSeq(args[0])) {
      const parts = args[0].items.map((i) => (i.t === 'str' ? i.v : undefined));
      return parts.every((p) => p !== undefined) ? { t: 'str', v: parts.join(recv.v), loc } : { t: 'unknown', loc, str: true };
    }
    const r = strMethod(recv.v, method, args);
    return r === 'unknown' ? { t: 'unknown', loc, str: true } : at(r, recv.loc);
  }
  if (recv.t === 'env') {
    const e = recv.env;
    if (e.type === 'str' && (STR_METHODS_SAME.has(method) || method === 'split' || method === 'replace')) {
      let dflt: Value | undefined = e.dflt;
      if (dflt && dflt.t === 'str') {
        const r = strMethod(dflt.v, method, args);
        dflt = r === 'unknown' ? undefined : at(r, dflt.loc);
      } else if (dflt && dflt.t === 'none') dflt = undefined; // AttributeError on None
      return { t: 'env', env: { ...e, type: method === 'split' ? 'list' : 'str', dflt }, loc };
    }
    return { t: 'unknown', loc, env: true };
  }
  if (recv.t === 'path') {
    if (method === 'resolve' || method === 'absolute' || method === 'expanduser') return { ...recv, loc };
    if (method === 'joinpath') {
      const parts = args.map((a) => (a.t === 'str' ? splitPath(a.v) : undefined));
      if (parts.every((p) => p)) return { ...recv, parts: [...recv.parts, ...parts.flat() as string[]], loc };
    }
    return { t: 'unknown', loc };
  }
  if (recv.t === 'dict' && method === 'get' && args[0]?.t === 'str') {
    const e = dictEntry(recv, args[0].v);
    return e ? e.value : args[1] ?? { t: 'none', loc };
  }
  if ((isSeq(recv) || recv.t === 'dict') && method === 'copy') return recv;
  return { t: 'unknown', loc, env: recv.t === 'unknown' && recv.env };
}

const ENVIRON_METHOD_TYPES: Record<string, EnvType> = {
  str: 'str',
  bool: 'bool',
  int: 'int',
  float: 'float',
  list: 'list',
  tuple: 'list',
  dict: 'dict',
  json: 'unknown',
  url: 'unknown',
  db_url: 'dict',
  db: 'dict',
  cache_url: 'dict',
  cache: 'dict',
  email_url: 'dict',
  email: 'dict',
  search_url: 'dict',
  path: 'unknown',
  bytes: 'unknown',
};

function castType(cast: Value | undefined): EnvType {
  if (!cast) return 'str';
  if (cast.t === 'obj') {
    switch (cast.q) {
      case 'builtins.bool':
        return 'bool';
      case 'builtins.int':
        return 'int';
      case 'builtins.float':
        return 'float';
      case 'builtins.str':
        return 'str';
      case 'builtins.list':
      case 'builtins.tuple':
      case 'decouple.Csv()':
        return 'list';
      default:
        return 'unknown';
    }
  }
  return 'unknown';
}

/** Applies a cast to a default value as decouple does (the default goes through the cast too). */
function castDefault(d: Value | undefined, type: EnvType): Value | undefined {
  if (!d) return undefined;
  switch (type) {
    case 'bool':
      if (d.t === 'str') {
        const b = parseBoolString(d.v);
        return b === undefined ? undefined : { t: 'bool', v: b, loc: d.loc };
      }
      return d.t === 'bool' ? d : truthy(d) === undefined ? undefined : { t: 'bool', v: truthy(d)!, loc: d.loc };
    case 'int':
    case 'float':
      if (d.t === 'str') {
        const n = parseNumber(d.v.trim());
        return n === undefined ? undefined : { t: 'num', v: n, loc: d.loc };
      }
      return d.t === 'num' ? d : d.t === 'bool' ? { t: 'num', v: d.v ? 1 : 0, loc: d.loc } : undefined;
    case 'list':
      if (d.t === 'str') {
        const parts = d.v.split(',').map((p) => p.trim()).filter((p) => p !== '');
        return { t: 'list', items: parts.map((p) => ({ t: 'str', v: p, loc: d.loc })), loc: d.loc };
      }
      return d;
    default:
      return d;
  }
}

function callObj(callee: Extract<Value, { t: 'obj' }>, args: Value[], kwargs: Map<string, Value>, loc: Loc, file: string): Value {
  const q = callee.q;
  const name = args[0]?.t === 'str' ? args[0].v : undefined;
  switch (q) {
    case 'os.getenv':
    case 'os.environ.get':
    case 'os.environ.setdefault': {
      const d = args[1] ?? kwargs.get('default');
      return { t: 'env', env: { name, api: q, type: 'str', required: false, dflt: d ?? { t: 'none', loc }, rawDefault: d }, loc };
    }
    case 'builtins.bool': {
      const a = args[0];
      if (!a) return { t: 'bool', v: false, loc };
      const ta = truthy(a);
      if (ta !== undefined) return { t: 'bool', v: ta, loc };
      if (a.t === 'env') {
        const td = truthy(a.env.dflt);
        const type: EnvType = a.env.type === 'str' || a.env.type === 'truthy' ? 'truthy' : a.env.type === 'unknown' ? 'unknown' : 'bool';
        return { t: 'env', env: { ...a.env, type, dflt: a.env.required || td === undefined ? undefined : { t: 'bool', v: td, loc: a.env.dflt!.loc } }, loc };
      }
      return { t: 'unknown', loc, env: a.t === 'unknown' && a.env };
    }
    case 'builtins.int':
    case 'builtins.float': {
      const a = args[0];
      if (!a) return { t: 'num', v: 0, loc };
      if (a.t === 'num') return a;
      if (a.t === 'str') {
        const n = parseNumber(a.v.trim());
        return n === undefined ? { t: 'unknown', loc } : { t: 'num', v: n, loc: a.loc };
      }
      if (a.t === 'bool') return { t: 'num', v: a.v ? 1 : 0, loc };
      if (a.t === 'env') return { t: 'env', env: { ...a.env, type: 'int', dflt: castDefault(a.env.dflt, 'int') }, loc };
      return { t: 'unknown', loc, env: a.t === 'unknown' && a.env };
    }
    case 'builtins.str': {
      const a = args[0];
      if (!a) return { t: 'str', v: '', loc };
      if (a.t === 'str' || a.t === 'path' || (a.t === 'env' && a.env.type === 'str')) return a;
      if (a.t === 'num') return { t: 'str', v: String(a.v), loc };
      return { t: 'unknown', loc, str: true, env: a.t === 'env' };
    }
    case 'builtins.list':
    case 'builtins.tuple':
    case 'builtins.set':
    case 'builtins.frozenset': {
      const a = args[0];
      const t = q === 'builtins.list' ? 'list' : q === 'builtins.tuple' ? 'tuple' : 'set';
      if (!a) return { t, items: [], loc };
      if (isSeq(a)) return { ...a, t };
      return { t: 'unknown', loc, env: a.t === 'env' || (a.t === 'unknown' && a.env) };
    }
    case 'builtins.dict': {
      const entries: DictEntry[] = [];
      if (args[0]?.t === 'dict') entries.push(...args[0].entries);
      for (const [k, v] of kwargs) entries.push({ key: { t: 'str', v: k, loc: v.loc }, value: v, loc: v.loc });
      return { t: 'dict', entries, loc };
    }
    case 'pathlib.Path':
    case 'pathlib.PurePath':
    case 'pathlib.PosixPath': {
      let p = pathFrom(args[0], file, loc);
      for (const extra of args.slice(1)) {
        if (p.t !== 'path' || extra.t !== 'str') return { t: 'unknown', loc };
        p = { ...p, parts: [...p.parts, ...splitPath(extra.v)] };
      }
      return p;
    }
    case 'os.path.join': {
      let p = pathFrom(args[0], file, loc);
      for (const extra of args.slice(1)) {
        if (p.t !== 'path') return { t: 'unknown', loc };
        if (extra.t === 'str') p = extra.v.startsWith('/') ? pathFrom(extra, file, loc) : { ...p, parts: [...p.parts, ...splitPath(extra.v)] };
        else return { t: 'unknown', loc };
      }
      return p;
    }
    case 'os.path.dirname': {
      const p = pathFrom(args[0], file, loc);
      return p.t === 'path' ? { ...p, parts: [...p.parts, '..'] } : p;
    }
    case 'os.path.abspath':
    case 'os.path.realpath':
    case 'os.path.normpath':
    case 'os.path.expanduser':
      return pathFrom(args[0], file, loc);
    case 'environ.Env':
    case 'environ.environ.Env': {
      const scheme = new Map<string, { type: EnvType; dflt?: Value }>();
      for (const [k, v] of kwargs) {
        if (v.t === 'tuple' && v.items.length >= 1) scheme.set(k, { type: castType(v.items[0]), dflt: v.items[1] });
        else scheme.set(k, { type: castType(v) });
      }
      return { t: 'obj', q: 'environ.Env()', scheme, loc };
    }
    case 'decouple.AutoConfig':
    case 'decouple.Config':
      return { t: 'obj', q: 'decouple.config', loc };
    case 'decouple.Csv':
      return { t: 'obj', q: 'decouple.Csv()', loc };
    case 'decouple.config': {
      const d = kwargs.get('default') ?? args[1];
      const type = castType(kwargs.get('cast') ?? args[2]);
      return { t: 'env', env: { name, api: 'config', type, required: !d, dflt: castDefault(d, type), rawDefault: d }, loc };
    }
    case 'dj_database_url.config': {
      const d = kwargs.get('default');
      const envName = kwargs.get('env');
      return {
        t: 'env',
        env: { name: envName?.t === 'str' ? envName.v : 'DATABASE_URL', api: 'dj_database_url.config', type: 'dict', required: false, dflt: d ? { t: 'call', callee: 'dj_database_url.parse', args: [d], kwargs, loc } : undefined, rawDefault: d },
        loc,
      };
    }
    default:
      break;
  }
  if (q === 'environ.Env()' || q.startsWith('environ.Env().')) {
    const method = q === 'environ.Env()' ? '' : q.slice('environ.Env().'.length);
    const scheme = callee.scheme?.get(name ?? '');
    const type: EnvType = method ? ENVIRON_METHOD_TYPES[method] ?? 'unknown' : scheme?.type ?? 'str';
    if (method && !(method in ENVIRON_METHOD_TYPES)) return { t: 'unknown', loc };
    const d = kwargs.get('default') ?? (method ? args[1] : undefined) ?? scheme?.dflt;
    const dflt = d && (type === 'dict' && d.t === 'str') ? ({ t: 'call', callee: 'dj_database_url.parse', args: [d], kwargs: new Map(), loc: d.loc } as Value) : d;
    return { t: 'env', env: { name, api: method ? `env.${method}` : 'env', type, required: !d, dflt, rawDefault: d }, loc };
  }
  if (q === 'decouple.config') {
    // an AutoConfig instance called like config()
    const d = kwargs.get('default') ?? args[1];
    const type = castType(kwargs.get('cast') ?? args[2]);
    return { t: 'env', env: { name, api: 'config', type, required: !d, dflt: castDefault(d, type), rawDefault: d }, loc };
  }
  if (q === 'dj_database_url.parse') return { t: 'call', callee: q, args, kwargs, loc };
  if (q.startsWith('json.') || q === 'ast.literal_eval') return { t: 'unknown', loc, env: args.some((a) => a.t === 'env') };
  return { t: 'call', callee: q, args, kwargs, loc };
}
