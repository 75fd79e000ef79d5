// A requirements file read as pip reads it (req_file.py), with exact ranges for everything:
// logical lines (joined, comments removed), per-line options (shell-split, optparse rules), and
// the requirement of the line (PEP 508, URL, VCS URL, local path, `-e`). Everything pip would
// refuse is a problem (REQ000); what pip reads but silently ignores is a problem at warning.
import { normalizeName } from '../../advisories/osv';
import type { LineIndex } from '../../engine/text';
import type { Comment, Range, Severity } from '../../engine/types';
import { commentsOf, preprocess, rangeIn, type LogicalLine } from './lines';
import { parseOptions, type OptionUse } from './options';
import { markerProblem, parsePep508, type Span } from './pep508';
import { shlexSplit } from './shlex';
import { isArchive, isPipUrl, parseUrl, VCS_SCHEMES, type UrlParts } from './urls';

export interface Problem {
  message: string;
  range: Range;
  severity: Severity;
  /** 'line': pip's line parser (shell split, options) refuses the line; 'requirement': the requirement itself is invalid. */
  origin: 'line' | 'requirement';
}

/** A URL written in the file, with a way to get the range of any part of it. */
export interface UrlRef {
  text: string;
  range: Range;
  /** undefined when the text has no scheme (a local path). */
  parts?: UrlParts;
  /** Range of a span of `text`. */
  at(span: Span): Range;
  /** Span of the logical line's joined text that a span of `text` covers (what `at` is built on). */
  toLine(span: Span): Span;
}

export interface SpecRange {
  op: string;
  version: string;
  wildcard: boolean;
  range: Range;
  versionRange: Range;
}

export interface Requirement {
  /** The requirement as written (markers included). */
  text: string;
  range: Range;
  /** `name` (PEP 508, with or without `@ url`), `url` (archive or VCS URL), `path` (local file or folder). */
  form: 'name' | 'url' | 'path';
  editable: boolean;
  name?: string;
  /** PEP 503-normalised name. */
  key?: string;
  nameRange?: Range;
  extras: string[];
  specifiers: SpecRange[];
  url?: UrlRef;
  marker?: { text: string; range: Range };
  /** From `--hash` options on the line. */
  hashes: { algo: string; digest: string; range: Range }[];
  /** Version named by a wheel file name. */
  wheelVersion?: string;
  /** The requirement could not be parsed (REQ000); only its name is known. */
  invalid?: boolean;
}

export interface OptionEntry {
  /** Canonical long name, e.g. `--extra-index-url`. */
  name: string;
  spelled: string;
  value?: string;
  /** The option word and its value. */
  range: Range;
  nameRange: Range;
  valueRange?: Range;
  /** Value read as a URL (index, find-links, -r/-c, trusted host values are plain). */
  url?: UrlRef;
  scope: 'global' | 'req';
}

export interface Entry {
  kind: 'requirement' | 'options';
  /** Joined line (content, offsets, physical line span). */
  line: LogicalLine;
  /** Content of the line (without comment and surrounding whitespace). */
  range: Range;
  /** The physical lines of the entry including the final line break (deleting the line). */
  lineRange: Range;
  options: OptionEntry[];
  requirement?: Requirement;
}

export interface ParsedFile {
  file: string;
  text: string;
  index: LineIndex;
  entries: Entry[];
  /** REQ000 problems. */
  problems: Problem[];
  comments: Comment[];
  /** Encoding named by a coding line. */
  encoding?: string;
}

const URL_OPTIONS = new Set(['--index-url', '--extra-index-url', '--find-links', '--requirement', '--constraint', '--editable']);

function looksLikePath(name: string): boolean {
  return name.includes('/') || name.includes('\\') || name.startsWith('.');
}

const WHEEL = /^([^\s-]+?)-([^\s-]*?)(-(\d[^-]*?))?-([^\s-]+?)-([^\s-]+?)-([^\s-]+?)\.whl$/i;

/** Name and version from a wheel file name (pip's Wheel), or undefined. */
export function wheelInfo(fileName: string): { name: string; version: string } | undefined {
  const m = WHEEL.exec(fileName);
  if (!m) return undefined;
  return { name: m[1].replace(/_/g, '-'), version: m[2].replace(/_/g, '-') };
}

/** The parse of one logical line: its entry and its problems, at the position it was parsed at. */
interface LineParse {
  entry: Entry;
  problems: Problem[];
}

/**
 * Parses of the lines of recently parsed files, by file and line source: typing changes one line,
 * so the next parse of the file reparses that line and reuses (or moves) the others. A line's parse
 * depends only on its own source, on whether it starts the file (BOM) and whether it ends it.
 */
const lineCaches = new Map<string, { last: ParsedFile; lines: Map<string, LineParse> }>();
const CACHED_FILES = 32;

/** Work done by parseRequirementsText since the process started (tests check that typing reparses one line). */
export const parseWork = { linesParsed: 0, linesMoved: 0, linesReused: 0 };

export interface ParseOptions {
  /** Reuse line parses of the file's previous parse (default true). */
  reuse?: boolean;
}

export function parseRequirementsText(file: string, text: string, options: ParseOptions = {}): ParsedFile {
  const reuse = options.reuse !== false && text.length > 0;
  const cached = reuse ? lineCaches.get(file) : undefined;
  // The same text again (the file read by several units, or linted again): its parse is immutable.
  if (cached && cached.last.text === text) return cached.last;
  const previous = cached?.lines;
  const pre = preprocess(text);
  const { index } = pre;
  const entries: Entry[] = [];
  const problems: Problem[] = [];
  const next = reuse ? new Map<string, LineParse>() : undefined;
  const last = index.lineCount - 1;

  for (const line of pre.lines) {
    if (line.contentEnd <= line.contentStart) continue;
    let parse: LineParse | undefined;
    let key: string | undefined;
    if (next) {
      const flags = (line.firstLine === 0 ? 1 : 0) | (line.lastLine === last ? 2 : 0);
      key = String.fromCharCode(48 + flags) + text.slice(index.lineStarts[line.firstLine], index.lineEnd(line.lastLine));
      const hit = previous?.get(key) ?? next.get(key);
      if (hit?.entry.line.firstLine === line.firstLine) {
        parse = hit;
        parseWork.linesReused++;
      } else if (hit) {
        parse = moveLineParse(hit, line.firstLine - hit.entry.line.firstLine);
        parseWork.linesMoved++;
      }
    }
    if (!parse) {
      parse = parseLine(line, pre.bom, line.lastLine === last ? index.lineEnd(last) - index.lineStarts[last] : -1);
      parseWork.linesParsed++;
    }
    if (next) next.set(key!, parse);
    entries.push(parse.entry);
    for (const p of parse.problems) problems.push(p);
  }
  const parsed: ParsedFile = { file, text, index, entries, problems, comments: commentsOf(pre), encoding: pre.encoding };
  if (next) {
    lineCaches.delete(file);
    lineCaches.set(file, { last: parsed, lines: next });
    if (lineCaches.size > CACHED_FILES) lineCaches.delete(lineCaches.keys().next().value as string);
  }
  return parsed;
}

/**
 * Parses one logical line. `lastLineLength` is the length of the file's final physical line when the
 * logical line ends the file (-1 otherwise): the entry's line range then ends there rather than at
 * the start of the next line.
 */
function parseLine(line: LogicalLine, bom: boolean, lastLineLength: number): LineParse {
  const problems: Problem[] = [];
  const R = (s: number, e: number): Range => rangeIn(line, s, e);
  const problem = (message: string, s: number, e: number, severity: Severity = 'error', origin: Problem['origin'] = 'line') => problems.push({ message, range: R(s, e), severity, origin });
  const reqProblem: ProblemFn = (message, s, e, severity = 'error') => problem(message, s, e, severity, 'requirement');
  const t = line.text;
  const cs = line.contentStart;
  const ce = line.contentEnd;

  // break_args_options: words split on single spaces; the first word starting with "-" starts the options.
  let optStart = -1;
  for (let p = cs; p < ce; ) {
    if (t[p] === '-') {
      optStart = p;
      break;
    }
    const sp = t.indexOf(' ', p);
    if (sp < 0 || sp >= ce) break;
    p = sp + 1;
  }
  const argsEnd = optStart < 0 ? ce : Math.max(cs, optStart - 1);

  let uses: OptionUse[] = [];
  if (optStart >= 0) {
    const sh = shlexSplit(t.slice(optStart, ce), optStart);
    if (sh.error) {
      problem(`Could not split options: ${sh.error.message}`, sh.error.at, ce);
    } else {
      const parsed = parseOptions(sh.tokens);
      uses = parsed.options;
      for (const pr of parsed.problems) problem(pr.message, pr.start, pr.end, pr.severity);
      for (const w of parsed.ignored) problem(`pip ignores "${w.value}" here: only options may follow the first option on a line`, w.start, w.end, 'warning');
    }
  }

  const options: OptionEntry[] = uses.map((u) => {
    const valueRange = u.valueStart !== undefined ? R(u.valueStart, u.valueEnd!) : undefined;
    let url: UrlRef | undefined;
    if (u.value !== undefined && URL_OPTIONS.has(u.spec.name)) {
      const map = u.valueMap!;
      const off = (k: number) => (k >= map.length ? (map.length ? map[map.length - 1] + 1 : u.valueStart!) : map[k]);
      url = makeRef(u.value, valueRange!, line, (sp) => ({ start: off(sp.start), end: sp.end > sp.start ? off(sp.end - 1) + 1 : off(sp.start) }));
    }
    return {
      name: u.spec.name,
      spelled: u.spelled,
      value: u.value,
      range: R(u.start, u.end),
      nameRange: R(u.nameStart, u.nameEnd),
      valueRange,
      url,
      scope: u.spec.scope,
    };
  });

  const lineEnd = lastLineLength >= 0 ? { line: line.lastLine, character: lastLineLength } : { line: line.lastLine + 1, character: 0 };
  const entry: Entry = {
    kind: 'options',
    line,
    range: R(cs, ce),
    lineRange: { start: { line: line.firstLine, character: line.firstLine === 0 && bom ? 1 : 0 }, end: lineEnd },
    options,
  };

  const editables = options.filter((o) => o.name === '--editable');
  if (argsEnd > cs) {
    entry.kind = 'requirement';
    entry.requirement = parseRequirement(t, cs, argsEnd, line, reqProblem);
    for (const o of options) {
      if (o.scope === 'global') problems.push({ message: `pip ignores ${o.spelled} on a line with a requirement: put it on a line of its own`, range: o.range, severity: 'warning', origin: 'line' });
    }
  } else if (editables.length > 0) {
    entry.kind = 'requirement';
    const e = editables[0];
    entry.requirement = parseEditable(e, (message, range) => problems.push({ message, range, severity: 'error', origin: 'requirement' }));
    for (const o of options) {
      if (o === e) continue;
      if (o.name === '--editable') problems.push({ message: 'pip reads only the first -e of a line', range: o.range, severity: 'warning', origin: 'line' });
      else if (o.name !== '--config-settings') problems.push({ message: `pip ignores ${o.spelled} on an editable (-e) requirement line`, range: o.range, severity: 'warning', origin: 'line' });
    }
  } else {
    for (const o of options) {
      if (o.scope === 'req') {
        problems.push({ message: `${o.spelled} applies to a requirement on the same line; pip ignores it on a line without one`, range: o.range, severity: 'warning', origin: 'line' });
      }
    }
  }
  if (entry.requirement && !entry.requirement.editable) {
    for (const o of options) {
      if (o.name !== '--hash' || !o.value) continue;
      const colon = o.value.indexOf(':');
      if (colon > 0) entry.requirement.hashes.push({ algo: o.value.slice(0, colon), digest: o.value.slice(colon + 1), range: o.range });
    }
  }
  return { entry, problems };
}

// ---- moving a line's parse to another line number -----------------------------------------------

function moveRange(r: Range, d: number): Range {
  return { start: { line: r.start.line + d, character: r.start.character }, end: { line: r.end.line + d, character: r.end.character } };
}

/** The parse of a line that moved `d` lines down (up when negative), as parseLine would give it there. */
function moveLineParse(p: LineParse, d: number): LineParse {
  const e = p.entry;
  const old = e.line;
  const line: LogicalLine = { ...old, firstLine: old.firstLine + d, lastLine: old.lastLine + d, pieces: old.pieces.map((x) => ({ ...x, line: x.line + d })) };
  const ref = (u: UrlRef): UrlRef => ({ ...u, range: moveRange(u.range, d), at: atFor(line, u.toLine) });
  const entry: Entry = {
    ...e,
    line,
    range: moveRange(e.range, d),
    lineRange: moveRange(e.lineRange, d),
    options: e.options.map((o) => {
      const m: OptionEntry = { ...o, range: moveRange(o.range, d), nameRange: moveRange(o.nameRange, d) };
      if (o.valueRange) m.valueRange = moveRange(o.valueRange, d);
      if (o.url) m.url = ref(o.url);
      return m;
    }),
  };
  const r = e.requirement;
  if (r) {
    const m: Requirement = {
      ...r,
      range: moveRange(r.range, d),
      specifiers: r.specifiers.map((s) => ({ ...s, range: moveRange(s.range, d), versionRange: moveRange(s.versionRange, d) })),
      hashes: r.hashes.map((h) => ({ ...h, range: moveRange(h.range, d) })),
    };
    if (r.nameRange) m.nameRange = moveRange(r.nameRange, d);
    if (r.url) m.url = ref(r.url);
    if (r.marker) m.marker = { ...r.marker, range: moveRange(r.marker.range, d) };
    entry.requirement = m;
  }
  return { entry, problems: p.problems.map((x) => ({ ...x, range: moveRange(x.range, d) })) };
}

/** pip's `_strip_extras`: `path[extra1,extra2]` → path and extras (regex `^(.+)(\[[^\]]+\])$`). */
function stripExtras(s: string): { base: string; extras: string[] } {
  if (!s.endsWith(']')) return { base: s, extras: [] };
  const open = s.lastIndexOf('[');
  if (open <= 0 || open === s.length - 2 || s.indexOf(']', open) !== s.length - 1) return { base: s, extras: [] };
  return { base: s.slice(0, open), extras: s.slice(open + 1, -1).split(',').map((x) => x.trim()).filter(Boolean) };
}

function atFor(line: LogicalLine, toLine: (span: Span) => Span): (span: Span) => Range {
  return (span) => {
    const j = toLine(span);
    return rangeIn(line, j.start, j.end);
  };
}

function makeRef(text: string, range: Range, line: LogicalLine, toLine: (span: Span) => Span): UrlRef {
  return { text, range, parts: parseUrl(text), at: atFor(line, toLine), toLine };
}

type ProblemFn = (message: string, s: number, e: number, severity?: Severity) => void;

/** pip's parse_req_from_line for the args part [start, end) of a line. */
function parseRequirement(t: string, start: number, end: number, line: LogicalLine, problem: ProblemFn): Requirement {
  const R = (s: number, e: number): Range => rangeIn(line, s, e);
  while (end > start && /\s/.test(t[end - 1])) end--;
  const whole = t.slice(start, end);
  const req: Requirement = { text: whole, range: R(start, end), form: 'name', editable: false, extras: [], specifiers: [], hashes: [] };
  const url = isPipUrl(whole);
  const sep = url ? '; ' : ';';
  const sepAt = whole.indexOf(sep);
  let nameEnd = end;
  if (sepAt >= 0) {
    nameEnd = start + sepAt;
    let ms = nameEnd + sep.length;
    let me = end;
    while (ms < me && /\s/.test(t[ms])) ms++;
    while (me > ms && /\s/.test(t[me - 1])) me--;
    if (me > ms) {
      const markerText = t.slice(ms, me);
      req.marker = { text: markerText, range: R(ms, me) };
      const mp = markerProblem(markerText);
      if (mp) problem(`Invalid marker: ${mp.message}`, ms + mp.start, ms + Math.max(mp.end, mp.start + 1));
    }
  }
  let ns = start;
  while (ns < nameEnd && /\s/.test(t[ns])) ns++;
  while (nameEnd > ns && /\s/.test(t[nameEnd - 1])) nameEnd--;
  const name = t.slice(ns, nameEnd);
  const toName = (sp: Span): Span => ({ start: ns + sp.start, end: ns + sp.end });
  const sub = (sp: Span): Range => R(ns + sp.start, ns + sp.end);

  if (isPipUrl(name)) {
    req.form = 'url';
    req.url = makeRef(name, R(ns, nameEnd), line, toName);
    describeUrl(req, problem, ns);
    return req;
  }
  // pip treats the text as a local path when it names a folder or an archive; `name @ url`
  // (the part before "@" not path-like) is always a PEP 508 requirement. Folders cannot be
  // checked statically, so path-like text is taken for a folder.
  const atSplit = name.split('@', 2);
  const urlRequirement = atSplit.length === 2 && !looksLikePath(atSplit[0]);
  if (!urlRequirement && (isArchive(name) || looksLikePath(name))) {
    req.form = 'path';
    const split = stripExtras(name);
    const pathText = split.base;
    req.extras = split.extras;
    req.url = makeRef(pathText, R(ns, ns + pathText.length), line, toName);
    const base = pathText.split(/[\\/]/).pop() ?? pathText;
    if (base.toLowerCase().endsWith('.whl')) {
      const w = wheelInfo(base);
      if (!w) problem(`${base} is not a valid wheel filename`, ns, nameEnd);
      else {
        req.name = w.name;
        req.key = normalizeName(w.name);
        req.wheelVersion = w.version;
        req.nameRange = R(ns, nameEnd);
      }
    }
    return req;
  }
  const parsed = parsePep508(name);
  if (parsed.problem) {
    const p = parsed.problem;
    problem(`Invalid requirement: ${p.message}`, ns + p.start, ns + Math.max(p.end, p.start + 1));
    req.invalid = true;
    // Keep what could be read (the name) so that other rules still see the package.
    const m = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/.exec(name);
    if (m) {
      req.name = m[0];
      req.key = normalizeName(m[0]);
      req.nameRange = R(ns, ns + m[0].length);
    }
    return req;
  }
  const r = parsed.req!;
  req.name = r.name;
  req.key = normalizeName(r.name);
  req.nameRange = sub(r.nameSpan);
  req.extras = r.extras;
  req.specifiers = r.specifiers.map((s) => ({
    op: s.op,
    version: s.version,
    wildcard: s.wildcard,
    range: sub({ start: s.start, end: s.end }),
    versionRange: sub({ start: s.versionStart, end: s.versionEnd }),
  }));
  if (r.url) {
    const off = ns + r.url.start;
    req.url = makeRef(r.url.text, R(off, off + r.url.text.length), line, (sp) => ({ start: off + sp.start, end: off + sp.end }));
    describeUrl(req, problem, off);
  }
  return req;
}

/** Name (from `#egg=` or a wheel file name) and VCS checks of a URL requirement. */
function describeUrl(req: Requirement, problem: ProblemFn, base: number): void {
  const ref = req.url!;
  const parts = ref.parts;
  if (!parts) return;
  if (parts.vcs && parts.rev && parts.rev.value === '') {
    problem(`The URL ${ref.text} has an empty revision (after @) which is not supported`, base + parts.rev.start - 1, base + parts.rev.end);
  }
  if (req.form !== 'url') return;
  if (parts.egg !== undefined) {
    // pip reads the #egg= fragment as a requirement string.
    const eggParam = parts.fragment.find((p) => p.key === 'egg')!;
    const egg = parsePep508(parts.egg);
    if (egg.problem) {
      problem(`Invalid requirement: '${parts.egg}'`, base + eggParam.span.start, base + eggParam.span.end);
    } else {
      const e = egg.req!;
      const off = eggParam.span.start;
      req.name = e.name;
      req.key = normalizeName(req.name);
      req.nameRange = ref.at({ start: off + e.nameSpan.start, end: off + e.nameSpan.end });
      req.extras = e.extras;
      req.specifiers = e.specifiers.map((sp) => ({
        op: sp.op,
        version: sp.version,
        wildcard: sp.wildcard,
        range: ref.at({ start: off + sp.start, end: off + sp.end }),
        versionRange: ref.at({ start: off + sp.versionStart, end: off + sp.versionEnd }),
      }));
    }
  } else if (!parts.vcs) {
    const file = parts.path.split('/').pop() ?? '';
    if (file.toLowerCase().endsWith('.whl')) {
      const w = wheelInfo(decodeURIComponentSafe(file));
      if (w) {
        req.name = w.name;
        req.key = normalizeName(w.name);
        req.wheelVersion = w.version;
      } else {
        problem(`${file} is not a valid wheel filename`, base, base + ref.text.length);
      }
    }
  }
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** pip's parse_editable: a local project folder or a VCS URL. */
function parseEditable(o: OptionEntry, push: (message: string, range: Range) => void): Requirement {
  const value = o.value ?? '';
  const valueRange = o.valueRange ?? o.range;
  const req: Requirement = { text: value, range: valueRange, form: 'path', editable: true, extras: [], specifiers: [], hashes: [] };
  const split = stripExtras(value);
  const noExtras = split.base;
  req.extras = split.extras;
  const ref = o.url!;
  const lower = noExtras.toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(lower)?.[1];
  if (!scheme || scheme.length === 1) {
    // A local project folder (or a Windows drive path).
    req.url = { text: noExtras, range: ref.at({ start: 0, end: noExtras.length }), at: ref.at, toLine: ref.toLine };
    return req;
  }
  req.form = 'url';
  req.url = { ...ref, parts: parseUrl(noExtras) };
  if (scheme === 'file') return req;
  const vcsPrefix = ['git', 'hg', 'svn', 'bzr'].find((v) => lower.startsWith(`${v}:`));
  const effScheme = vcsPrefix ? `${vcsPrefix}+${vcsPrefix}` : scheme;
  if (!VCS_SCHEMES[effScheme] && !VCS_SCHEMES[scheme]) {
    push(`${value} is not a valid editable requirement: it should be a path to a local project or a VCS URL (git+, hg+, svn+ or bzr+)`, valueRange);
    return req;
  }
  const parts = req.url.parts;
  if (parts?.egg) {
    const eggParam = parts.fragment.find((p) => p.key === 'egg')!;
    req.name = parts.egg;
    req.key = normalizeName(req.name);
    req.nameRange = ref.at(eggParam.span);
  }
  if (parts?.vcs && parts.rev && parts.rev.value === '') {
    push(`The URL ${noExtras} has an empty revision (after @) which is not supported`, ref.at({ start: parts.rev.start - 1, end: parts.rev.end }));
  }
  return req;
}
