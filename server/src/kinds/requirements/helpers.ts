// Shared by the REQ rules: which files are requirements files, pins, ranges and edits.
import * as path from 'node:path';
import { parseVersion } from '../../advisories/version';
import type { FileEdit, Range } from '../../engine/types';
import { LineIndex } from '../../engine/text';
import type { ReqFile, UnitModel } from './model';
import type { Entry, Requirement, SpecRange } from './parser';

/**
 * Files this kind reads: `requirements*.txt` (and `dev-requirements.txt`-style names whose stem has a
 * `requirements` token), `*.txt` in a `requirements/` folder, `*requirements*.in`, `constraints*.txt`.
 */
export function isRequirementsPath(relPath: string): boolean {
  const parts = relPath.split('/');
  const base = parts[parts.length - 1].toLowerCase();
  const dir = (parts[parts.length - 2] ?? '').toLowerCase();
  if (base.endsWith('.txt')) {
    if (base.startsWith('requirements') || base.startsWith('constraints')) return true;
    if (dir === 'requirements') return true;
    return base.slice(0, -4).split(/[-_.]/).includes('requirements');
  }
  if (base.endsWith('.in')) return base.includes('requirements');
  return false;
}

export interface Pin {
  version: string;
  /** `==V` / `===V` / a wheel file: exactly this version; otherwise the lowest the range allows. */
  exact: boolean;
  /** The specifier holding the version (absent for wheel files). */
  spec?: SpecRange;
}

/** `==V` without wildcard, or `===V` naming a PEP 440 version. */
export function exactSpec(req: Requirement): SpecRange | undefined {
  return req.specifiers.find((s) => (s.op === '==' && !s.wildcard) || (s.op === '===' && parseVersion(s.version) !== undefined));
}

/**
 * The version a requirement installs for advisory purposes: the exact pin, or (catalog REQ001) the
 * lowest version a `>=V` / `~=V` range allows.
 */
export function pinOf(req: Requirement): Pin | undefined {
  if (!req.key) return undefined;
  if (req.wheelVersion && parseVersion(req.wheelVersion)) return { version: req.wheelVersion, exact: true };
  if (req.form !== 'name' || req.url) return undefined;
  const exact = exactSpec(req);
  if (exact) return { version: exact.version, exact: true, spec: exact };
  const lower = req.specifiers.find((s) => (s.op === '>=' || s.op === '~=') && parseVersion(s.version));
  if (lower) return { version: lower.version, exact: false, spec: lower };
  return undefined;
}

/** From the package name to the end of the version specifiers (or the whole requirement). */
export function requirementHead(req: Requirement): Range {
  if (req.nameRange && req.form === 'name') {
    const last = req.specifiers[req.specifiers.length - 1];
    return { start: req.nameRange.start, end: last ? last.range.end : req.nameRange.end };
  }
  return req.range;
}

export function lineOf(file: ReqFile, entry: Entry): number {
  return entry.range.start.line + 1;
}

/** Where a file's text and line break style can be read for edits. */
export function fileText(model: UnitModel, file: string): string | undefined {
  const known = model.byFile.get(file);
  if (known) return known.parsed.text;
  const r = model.ws.read(file);
  return r.ok ? r.text : undefined;
}

/** Deletes an entry's physical lines (continuations included) with their line break. */
export function deleteEntry(file: ReqFile, entry: Entry): FileEdit {
  return { file: file.file, range: entry.lineRange, newText: '' };
}

/** The entry's physical lines as written, without the final line break. */
export function entrySource(file: ReqFile, entry: Entry): string {
  const index = file.parsed.index;
  const start = index.offsetAt(entry.lineRange.start);
  const end = index.lineEnd(entry.line.lastLine);
  return file.parsed.text.slice(start, end);
}

/** Deletes one option (its `range`: the option and its value) from a line, with the whitespace before it. */
export function deleteOption(file: ReqFile, option: Range): FileEdit {
  const text = file.parsed.text;
  const index = file.parsed.index;
  let s = index.offsetAt(option.start);
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  return { file: file.file, range: index.range(s, index.offsetAt(option.end)), newText: '' };
}

/** An edit appending lines at the end of a file's text, in its line break style. */
export function appendLines(file: string, text: string, lines: string[], index = new LineIndex(text)): FileEdit {
  const eol = index.eol;
  const end = index.positionAt(text.length);
  const needsBreak = text.length > 0 && !text.endsWith('\n') && !text.endsWith('\r');
  return { file, range: { start: end, end }, newText: (needsBreak ? eol : '') + lines.join(eol) + eol };
}

export function dirOf(file: string): string {
  return path.dirname(file);
}
