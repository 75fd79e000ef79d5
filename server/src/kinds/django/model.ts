// What the DJG rules see: the effective settings of one analysis unit (a settings module with
// everything it imports), its role (production / development / other), the target Django version,
// and helpers to report findings at the right place and to build minimal quick fixes.
import * as path from 'node:path';
import type { KindContext, RuleContext } from '../../engine/kind';
import type { FileEdit, Fix, Range, RelatedLocation } from '../../engine/types';
import type { Binding, ModuleEval, UnitEvaluator } from './evaluate';
import { atLeast, type ProductionInfo, type Role, type TargetVersion } from './project';
import { kids, work, type PyFile } from './python';
import { isSeq, type DictEntry, type Loc, type Value } from './values';

export interface DjangoModel {
  /** The unit's root module (absolute path or untitled URI). */
  root: string;
  role: Role;
  /**
   * Absent settings may be reported (catalog §0): the production module, recognised as a complete
   * settings module, with every star import followed.
   */
  complete: boolean;
  version: TargetVersion;
  unit: UnitEvaluator;
  rootEval: ModuleEval;
  production: ProductionInfo;
  ctx: KindContext;
}

export type DjangoRuleContext = RuleContext<DjangoModel>;

export function setting(m: DjangoModel, name: string): Binding | undefined {
  return m.rootEval.ns.get(name);
}

/** The value of a setting if it is certain (set, not under an undecidable condition). */
export function certain(m: DjangoModel, name: string): { b: Binding; v: Value } | undefined {
  const b = setting(m, name);
  if (!b || b.cond) return undefined;
  return { b, v: b.value };
}

/** True when the setting is certainly unset (not even conditionally assigned). */
export function absent(m: DjangoModel, name: string): boolean {
  return !setting(m, name);
}

export function versionAtLeast(m: DjangoModel, major: number, minor: number): boolean {
  return atLeast(m.version, major, minor);
}

export function rangeOf(m: DjangoModel, loc: Loc): Range {
  const py = m.unit.files.get(loc.file);
  if (!py) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  work.units++;
  return py.index.range(loc.from, loc.to);
}

function baseName(file: string): string {
  return path.basename(file);
}

/** Related information for a value written elsewhere: the imports that make it effective here. */
export function relatedFor(m: DjangoModel, b: Binding | undefined): RelatedLocation[] | undefined {
  if (!b || b.via.length === 0) return undefined;
  return b.via.map((loc, i) => ({
    file: loc.file,
    range: rangeOf(m, loc),
    message:
      i === 0
        ? `${baseName(b.target.file)} is effective in ${baseName(m.root)} through this import`
        : `…and in ${baseName(loc.file)} through this import`,
  }));
}

export interface ReportAt {
  loc: Loc;
  message: string;
  binding?: Binding;
  severity?: 'error' | 'warning' | 'info';
  fixes?: Fix[];
  related?: RelatedLocation[];
}

export function reportAt(ctx: DjangoRuleContext, r: ReportAt): void {
  const m = ctx.model;
  const related = [...(relatedFor(m, r.binding) ?? []), ...(r.related ?? [])];
  ctx.report({
    file: r.loc.file,
    range: rangeOf(m, r.loc),
    message: r.message,
    severity: r.severity,
    related: related.length ? related : undefined,
    fixes: r.fixes?.length ? r.fixes : undefined,
  });
}

/** A finding about an absent setting: line 1 of the production module (catalog §0). */
export function reportAbsent(ctx: DjangoRuleContext, message: string, fixes?: Fix[], severity?: 'error' | 'warning' | 'info', related?: RelatedLocation[]): void {
  const m = ctx.model;
  const py = m.unit.files.get(m.root);
  const range = py ? py.index.range(0, py.index.lineEnd(0)) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  ctx.report({ file: m.root, range, message, severity, fixes: fixes?.length ? fixes : undefined, related: related?.length ? related : undefined });
}

/** Where a binding's name is written: the finding location for "the whole value is the problem". */
export function nameLoc(b: Binding): Loc {
  return b.target;
}

// -------------------------------------------------------------------------------------------------
// Quick fixes

function textOfFile(m: DjangoModel, file: string): string | undefined {
  return m.unit.files.get(file)?.text;
}

function eolOf(m: DjangoModel, file: string): string {
  return m.unit.files.get(file)?.index.eol ?? '\n';
}

/** An edit appending lines at the end of a file (keeping its line endings). */
export function appendLines(m: DjangoModel, file: string, lines: string[]): FileEdit {
  const text = textOfFile(m, file) ?? '';
  const py = m.unit.files.get(file)!;
  const eol = eolOf(m, file);
  const end = py.index.positionAt(text.length);
  const needsBreak = text.length > 0 && !/[\r\n]$/.test(text);
  return { file, range: { start: end, end }, newText: (needsBreak ? eol : '') + lines.join(eol) + eol };
}

/** Replaces the text at a location. */
export function replaceAt(m: DjangoModel, loc: Loc, newText: string): FileEdit {
  return { file: loc.file, range: rangeOf(m, loc), newText };
}

interface OsImport {
  /** Start of the first top-level statement binding `os` (`import os`, `import os.path`, `import os as os`). */
  boundAt: number;
  /** Where an `import os` line goes: before the first top-level import, after a docstring and `from __future__` imports. */
  insertAt: number;
}

const osImports = new WeakMap<PyFile, OsImport>();

/** Where a file imports `os` and where an import would go (computed once per parse: fixes ask for every finding). */
function osImportOf(py: PyFile): OsImport {
  let r = osImports.get(py);
  if (r) return r;
  const stmts = kids(py.top);
  let boundAt = Number.POSITIVE_INFINITY;
  for (const st of stmts) {
    if (st.name !== 'ImportStatement') continue;
    const t = py.text.slice(st.from, st.to);
    if (/^import\s/.test(t) && t.slice(6).split(',').some((part) => /^\s*os(\.\w+)*\s*$/.test(part))) {
      boundAt = st.from;
      break;
    }
  }
  let at = 0;
  let i = 0;
  // Skip a module docstring and __future__ imports.
  if (stmts[0]?.name === 'ExpressionStatement' && /^[rRuU]?("""|'''|"|')/.test(py.text.slice(stmts[0].from, stmts[0].to))) {
    at = py.index.lineBreakEnd(py.index.positionAt(stmts[0].to).line);
    i = 1;
  }
  for (; i < stmts.length; i++) {
    const s = stmts[i];
    if (s.name === 'ImportStatement' && /^from\s+__future__\s/.test(py.text.slice(s.from, s.to))) {
      at = py.index.lineBreakEnd(py.index.positionAt(s.to).line);
      continue;
    }
    if (s.name === 'ImportStatement') at = py.index.lineStarts[py.index.positionAt(s.from).line];
    break;
  }
  r = { boundAt, insertAt: at };
  osImports.set(py, r);
  return r;
}

/**
 * The edit adding `import os` to a file when the statement at `offset` needs it: nothing when `os`
 * is already imported above it; else a line before the first top-level import (after a module
 * docstring and `from __future__` imports), or at the top.
 */
export function importOsEdit(m: DjangoModel, file: string, offset: number): FileEdit[] {
  const py = m.unit.files.get(file);
  if (!py) return [];
  const os = osImportOf(py);
  if (os.boundAt < offset) return [];
  const pos = py.index.positionAt(os.insertAt);
  return [{ file, range: { start: pos, end: pos }, newText: `import os${py.index.eol}` }];
}

/**
 * The file's indentation unit for lines a fix writes: a tab in a tab-indented file, else the
 * smallest run of leading spaces (four when the file indents nothing).
 */
export function indentUnit(m: DjangoModel, file: string): string {
  const py = m.unit.files.get(file);
  if (!py) return '    ';
  let spaces = 0;
  for (let line = 0; line < py.index.lineCount; line++) {
    work.units++;
    const t = py.index.lineText(line);
    if (t.trim() === '') continue;
    if (t[0] === '\t') return '\t';
    if (t[0] === ' ') {
      let n = 0;
      while (t[n] === ' ') n++;
      if (spaces === 0 || n < spaces) spaces = n;
    }
  }
  return spaces > 0 ? ' '.repeat(spaces) : '    ';
}

/** Indentation (leading whitespace) of the line containing `offset`. */
function indentAt(m: DjangoModel, file: string, offset: number): string {
  const py = m.unit.files.get(file)!;
  const line = py.index.positionAt(offset).line;
  const t = py.index.lineText(line);
  return t.slice(0, t.length - t.trimStart().length);
}

/** The quote character the file's list uses for its strings (default double). */
function quoteOf(m: DjangoModel, list: Value): string {
  if (isSeq(list)) {
    for (const i of list.items) {
      if (i.t === 'str') {
        const py = m.unit.files.get(i.loc.file);
        const ch = py?.text[i.loc.from];
        if (ch === "'" || ch === '"') return ch;
      }
    }
  }
  return '"';
}

export function pyString(s: string, quote = '"'): string {
  return quote + s.replace(/\\/g, '\\\\').split(quote).join('\\' + quote) + quote;
}

/** Items of a list as written in its literal (those whose location lies inside it). */
export function writtenItems(list: Value): Value[] {
  if (!isSeq(list)) return [];
  work.units += list.items.length;
  return list.items.filter((i) => i.loc.file === list.loc.file && i.loc.from > list.loc.from && i.loc.to < list.loc.to);
}

/**
 * Inserts a string element into a list/tuple literal at position `index` of its written items
 * (0: first; items.length: last), following the literal's layout (one per line or inline) and quotes.
 */
export function insertIntoList(m: DjangoModel, list: Value, index: number, element: string): FileEdit | undefined {
  if (!isSeq(list)) return undefined;
  const py = m.unit.files.get(list.loc.file);
  if (!py) return undefined;
  const text = py.text;
  const open = list.loc.from;
  const close = list.loc.to - 1;
  if (!'[('.includes(text[open]) || !'])'.includes(text[close])) return undefined;
  const items = writtenItems(list);
  const lit = pyString(element, quoteOf(m, list));
  const file = list.loc.file;
  const eol = py.index.eol;
  const pos = (o: number) => py.index.positionAt(o);
  if (items.length === 0) {
    const p = pos(open + 1);
    return { file, range: { start: p, end: pos(close) }, newText: list.t === 'tuple' ? `${lit},` : lit };
  }
  const multiline = py.index.positionAt(items[0].loc.from).line !== py.index.positionAt(open).line;
  if (multiline) {
    const ind = indentAt(m, file, items[0].loc.from);
    if (index < items.length) {
      const lineStart = py.index.lineStarts[pos(items[index].loc.from).line];
      const p = pos(lineStart);
      return { file, range: { start: p, end: p }, newText: `${ind}${lit},${eol}` };
    }
    // After the last item: after its trailing comma if any, else add one.
    const last = items[items.length - 1];
    let after = last.loc.to;
    let k = after;
    while (k < close && (text[k] === ' ' || text[k] === '\t')) k++;
    const hasComma = text[k] === ',';
    if (hasComma) after = k + 1;
    const lineEnd = py.index.lineEnd(pos(after).line);
    const restOfLine = text.slice(after, lineEnd);
    const insertAt = restOfLine.trim() === '' || restOfLine.trim().startsWith('#') ? lineEnd : after;
    const p = pos(insertAt);
    return { file, range: { start: p, end: p }, newText: `${hasComma ? '' : ','}${eol}${ind}${lit},` };
  }
  if (index < items.length) {
    const p = pos(items[index].loc.from);
    return { file, range: { start: p, end: p }, newText: `${lit}, ` };
  }
  const last = items[items.length - 1];
  const p = pos(last.loc.to);
  return { file, range: { start: p, end: p }, newText: `, ${lit}` };
}

/**
 * Removes one element written in a list literal: its whole line when it stands alone on it (with
 * its comma and comment), else the element and the comma that follows (or precedes) it.
 */
export function removeElement(m: DjangoModel, el: Value): FileEdit | undefined {
  const py = m.unit.files.get(el.loc.file);
  if (!py) return undefined;
  const text = py.text;
  const file = el.loc.file;
  let end = el.loc.to;
  let k = end;
  while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
  const commaAfter = text[k] === ',';
  if (commaAfter) end = k + 1;
  const line = py.index.positionAt(el.loc.from).line;
  const lineStart = py.index.lineStarts[line];
  const before = text.slice(lineStart, el.loc.from);
  const after = text.slice(end, py.index.lineEnd(line));
  if (before.trim() === '' && (after.trim() === '' || after.trim().startsWith('#'))) {
    return { file, range: py.index.range(lineStart, py.index.lineBreakEnd(line)), newText: '' };
  }
  if (commaAfter) {
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    return { file, range: py.index.range(el.loc.from, end), newText: '' };
  }
  // Last element inline: remove the comma before it.
  let s = el.loc.from;
  let j = s - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  if (text[j] === ',') s = j;
  return { file, range: py.index.range(s, el.loc.to), newText: '' };
}

/**
 * A fix setting `NAME = valueText` for the production module: replaces the value where the root
 * module assigns it, else appends an override to the root module (a value inherited from a base
 * module is overridden, not edited, so development settings keep theirs).
 */
export function setSettingFix(m: DjangoModel, name: string, valueText: string, opts: { title?: string; preferred?: boolean; needsOs?: boolean; caveat?: string } = {}): Fix | undefined {
  if (!m.unit.files.has(m.root)) return undefined;
  const b = setting(m, name);
  const edits: FileEdit[] = [];
  if (b && !b.cond && b.target.file === m.root && b.value.loc.file === m.root && b.stmt.file === m.root && isPlainAssignment(m, b)) {
    edits.push(replaceAt(m, b.value.loc, valueText));
    if (opts.needsOs) edits.push(...importOsEdit(m, m.root, b.stmt.from));
  } else {
    edits.push(appendLines(m, m.root, [`${name} = ${valueText}`]));
    if (opts.needsOs) edits.push(...importOsEdit(m, m.root, Number.MAX_SAFE_INTEGER));
  }
  return { title: opts.title ?? `Set ${name} = ${valueText}`, edits, isPreferred: opts.preferred ?? true, caveat: opts.caveat };
}

/** The binding's value is the expression written right of `NAME =` in its statement. */
function isPlainAssignment(m: DjangoModel, b: Binding): boolean {
  return b.value.loc.file === b.stmt.file && b.value.loc.from > b.target.to && b.value.loc.to <= b.stmt.to;
}

/** Replaces a value written in any module (used for committed secrets, which must leave the repository). */
export function replaceValueFix(m: DjangoModel, loc: Loc, newText: string, title: string, opts: { needsOs?: boolean; preferred?: boolean; caveat?: string; stmtFrom?: number } = {}): Fix {
  const edits: FileEdit[] = [replaceAt(m, loc, newText)];
  if (opts.needsOs) edits.push(...importOsEdit(m, loc.file, opts.stmtFrom ?? loc.from));
  return { title, edits, isPreferred: opts.preferred ?? true, caveat: opts.caveat };
}

export function anchor(id: string): string {
  return ` (check --deploy: ${id})`;
}

/** Offsets of comments inside a range of a file (for "commented out" messages). */
export function commentsIn(m: DjangoModel, loc: Loc): string[] {
  const py = m.unit.files.get(loc.file);
  if (!py) return [];
  const out: string[] = [];
  const c = py.tree.cursor();
  do {
    work.units++;
    if (c.to <= loc.from) continue;
    if (c.from >= loc.to) break;
    if (c.name === 'Comment') out.push(py.text.slice(c.from, c.to));
  } while (c.next());
  return out;
}

/** Inserts a line right after a statement (same indentation), e.g. a companion setting. */
export function insertAfterStatement(m: DjangoModel, stmt: Loc, line: string): FileEdit | undefined {
  const py = m.unit.files.get(stmt.file);
  if (!py) return undefined;
  const endLine = py.index.positionAt(stmt.to).line;
  const at = py.index.lineBreakEnd(endLine);
  const ind = indentAt(m, stmt.file, stmt.from);
  const eol = py.index.eol;
  const atEnd = at === py.text.length && !/[\r\n]$/.test(py.text);
  const p = py.index.positionAt(at);
  return { file: stmt.file, range: { start: p, end: p }, newText: atEnd ? `${eol}${ind}${line}${eol}` : `${ind}${line}${eol}` };
}

/** Inserts `key: value` (texts as written) at the end of a dict literal, following its layout. */
export function insertIntoDict(m: DjangoModel, dict: Value, keyText: string, valueText: string): FileEdit | undefined {
  if (dict.t !== 'dict') return undefined;
  const py = m.unit.files.get(dict.loc.file);
  if (!py) return undefined;
  const text = py.text;
  const open = dict.loc.from;
  const close = dict.loc.to - 1;
  if (text[open] !== '{' || text[close] !== '}') return undefined;
  const entries = dict.entries.filter((e) => e.loc.file === dict.loc.file && e.loc.from > open && e.loc.to < close);
  const file = dict.loc.file;
  const pos = (o: number) => py.index.positionAt(o);
  const entry = `${keyText}: ${valueText}`;
  if (entries.length === 0) {
    return { file, range: { start: pos(open + 1), end: pos(close) }, newText: entry };
  }
  const last = entries[entries.length - 1];
  const multiline = pos(entries[0].loc.from).line !== pos(open).line;
  let after = last.loc.to;
  let k = after;
  while (k < close && (text[k] === ' ' || text[k] === '\t')) k++;
  const hasComma = text[k] === ',';
  if (hasComma) after = k + 1;
  if (multiline) {
    const ind = indentAt(m, file, entries[0].loc.from);
    const lineEnd = py.index.lineEnd(pos(after).line);
    const rest = text.slice(after, lineEnd).trim();
    const at = rest === '' || rest.startsWith('#') ? lineEnd : after;
    return { file, range: { start: pos(at), end: pos(at) }, newText: `${hasComma ? '' : ','}${py.index.eol}${ind}${entry},` };
  }
  return { file, range: { start: pos(after), end: pos(after) }, newText: `${hasComma ? ' ' : ', '}${entry}` };
}

/**
 * Removes an entry of a list setting: the whole statement when the entry is its only content
 * (`INSTALLED_APPS.append("x")`, `INSTALLED_APPS += ["x"]`), else just the element.
 */
export function removeEntry(m: DjangoModel, el: Value): FileEdit | undefined {
  const py = m.unit.files.get(el.loc.file);
  if (!py) return undefined;
  let n: import('@lezer/common').SyntaxNode | null = py.tree.resolveInner(el.loc.from, 1);
  while (n && n.name !== 'ExpressionStatement' && n.name !== 'UpdateStatement' && n.name !== 'AssignStatement' && n.name !== 'Script') n = n.parent;
  if (n && (n.name === 'ExpressionStatement' || n.name === 'UpdateStatement')) {
    let strings = 0;
    const stack = [n];
    while (stack.length) {
      work.units++;
      const c = stack.pop()!;
      if (c.name === 'String' || c.name === 'ContinuedString' || c.name === 'FormatString') {
        strings++;
        continue;
      }
      for (let k = c.firstChild; k; k = k.nextSibling) stack.push(k);
    }
    if (strings === 1) {
      const sl = py.index.positionAt(n.from).line;
      const el2 = py.index.positionAt(n.to).line;
      const before = py.text.slice(py.index.lineStarts[sl], n.from);
      const after = py.text.slice(n.to, py.index.lineEnd(el2));
      if (before.trim() === '' && (after.trim() === '' || after.trim().startsWith('#'))) {
        return { file: el.loc.file, range: py.index.range(py.index.lineStarts[sl], py.index.lineBreakEnd(el2)), newText: '' };
      }
    }
  }
  return removeElement(m, el);
}

/** Normalised form of a path value for comparisons: anchor and parts with `..` resolved. */
export function normPath(v: Value | undefined): { anchor: string; parts: string[] } | undefined {
  if (!v) return undefined;
  let anchorName: string;
  let parts: string[];
  if (v.t === 'path') {
    anchorName = v.anchor;
    parts = v.parts;
  } else if (v.t === 'str') {
    anchorName = v.v.startsWith('/') ? '/' : '.';
    parts = v.v.split(/[\\/]+/).filter((p) => p && p !== '.');
  } else return undefined;
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (p === '..' && anchorName === '/') continue;
    else out.push(p);
  }
  return { anchor: anchorName, parts: out };
}

/** Location of a dict entry's value when written in the entry, else the entry itself. */
export function dictEntryValueLoc(e: DictEntry): Loc {
  return e.value.loc.file === e.loc.file && e.value.loc.from >= e.loc.from && e.value.loc.to <= e.loc.to ? e.value.loc : e.loc;
}
