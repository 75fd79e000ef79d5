// The effective sshd configuration of a unit (a main sshd_config with everything it includes, or a
// drop-in read alone), computed the way sshd's servconf.c computes it:
// - files are read in order, an `Include` expands its globs in lexical order at the place it is
//   written, relative paths are relative to the ssh directory (/etc/ssh, mapped onto the workspace);
// - most keywords keep the first value read, list keywords accumulate, a few keep the last value;
// - a `Match` block lasts until the next `Match` or the end of its file; an included file starts in
//   its includer's Match state and cannot change it; `Match all` blocks apply at startup too;
// - for a connection, values from the Match blocks it matches override the global ones.
import * as path from 'node:path';
import { expandGlob, hasGlobMagic } from '../../engine/glob';
import type { WorkspaceView } from '../../engine/workspace';
import type { Range } from '../../engine/types';
import { keywordInfo, type KeywordInfo } from './keywords';
import { lexSshd, strdelimWords, type Directive, type LexedFile } from './lexer';
import { addrMatchList, matchPatternList, onlyNegated } from './patterns';
import { addressListValid, keywordAvailable, matchAllowed, parseValue, type ParsedValue } from './values';
import { versionAtLeast, versionText, type OpensshVersion } from './versions';

export interface Criterion {
  attr: string;
  value?: string;
  start: number;
  end: number;
}

export interface MatchBlock {
  directive: Directive;
  criteria: Criterion[];
  /** `Match all`: matches every connection and applies at startup. */
  all: boolean;
  /** The includer's block when this Match line is in an included file (both must match). */
  outer: MatchBlock | null;
  /** Applied during sshd's startup parse (only `Match all`, nested in global or `Match all`). */
  initialActive: boolean;
  /** False when sshd rejects the Match line (the block then never applies). */
  valid: boolean;
}

export interface Setting {
  d: Directive;
  info: KeywordInfo;
  /** Lowercase option the line sets (aliases folded). */
  option: string;
  parsed: ParsedValue;
  /** Enclosing Match block, null for the global section. */
  block: MatchBlock | null;
  /** Include lines through which the line was read, outermost first. */
  via: Directive[];
}

export interface Diagnostic {
  ruleId: 'SSH000' | 'SSH033';
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  range: Range;
  /** A line that belongs in the global section (SSH033 offers to move it above the first Match). */
  misplaced?: Directive;
  /** sshd refuses to start with this configuration. */
  fatal: boolean;
}

/** Connection attributes for Match evaluation, as `sshd -T -C user=…,host=…,addr=…` takes them. */
export interface Connection {
  user?: string;
  host?: string;
  addr?: string;
  laddr?: string;
  lport?: number;
  rdomain?: string;
  /** Groups of the user (for `Match Group`); unknown users are in no group. */
  groups?: string[];
}

export interface IncludeUse {
  directive: Directive;
  files: string[];
}

export interface SshdModel {
  root: string;
  /** A main sshd_config (absence of settings is judged only then). */
  complete: boolean;
  version: OpensshVersion;
  sshDir: string;
  files: Map<string, LexedFile>;
  /** Every valid setting line, in sshd's reading order. */
  settings: Setting[];
  blocks: MatchBlock[];
  includes: IncludeUse[];
  diagnostics: Diagnostic[];
  /** Reads another workspace file (a key, the moduli file…) through the unit's tracked view. */
  readText(file: string): string | undefined;
}

const MAX_DEPTH = 16;
const ETC_SSH = '/etc/ssh';

function isDropInPath(file: string): boolean {
  return path.basename(path.dirname(file)).endsWith('.d');
}

/** Maps an Include argument (as sshd resolves it) onto the workspace. */
export function mapIncludePath(arg: string, sshDir: string): string | undefined {
  if (arg.startsWith('~')) return undefined;
  const abs = arg.startsWith('/') ? arg : `${ETC_SSH}/${arg}`;
  if (abs === ETC_SSH || abs.startsWith(ETC_SSH + '/')) return path.join(sshDir, abs.slice(ETC_SSH.length));
  const norm = sshDir.split(path.sep).join('/');
  if (norm.endsWith(ETC_SSH)) return path.join(norm.slice(0, -ETC_SSH.length) || '/', abs);
  return undefined;
}

export interface BuildOptions {
  version: OpensshVersion;
  /** Folder standing for /etc/ssh; default: the main file's folder (or its parent for a drop-in). */
  sshDir?: string;
  /** Lexes a file (default lexSshd; the kind passes one that shares lexed files across units). */
  lex?: (file: string, text: string) => LexedFile;
}

export function buildModel(ws: WorkspaceView, root: string, options: BuildOptions): SshdModel {
  const version = options.version;
  // Only a main sshd_config (or an untitled buffer) is a complete configuration; a drop-in or other
  // fragment read alone is not judged for absent settings (catalog §0).
  const complete = path.basename(root) === 'sshd_config' || !path.isAbsolute(root);
  const sshDir = options.sshDir ?? (isDropInPath(root) ? path.dirname(path.dirname(root)) : path.dirname(root));
  const model: SshdModel = {
    root,
    complete,
    version,
    sshDir,
    files: new Map(),
    settings: [],
    blocks: [],
    includes: [],
    diagnostics: [],
    readText: (file) => {
      const r = ws.read(file);
      return r.ok ? r.text : undefined;
    },
  };
  /** Records a problem; error severity means sshd refuses to start unless `fatal` says otherwise. */
  const diag = (
    ruleId: Diagnostic['ruleId'],
    severity: Diagnostic['severity'],
    f: LexedFile,
    start: number,
    end: number,
    message: string,
    misplaced?: Directive,
    fatal = severity === 'error',
  ) => model.diagnostics.push({ ruleId, severity, message, file: f.file, range: f.index.range(start, end), misplaced, fatal });
  const lexed = (file: string, text: string): LexedFile => {
    let f = model.files.get(file);
    if (!f) {
      f = (options.lex ?? lexSshd)(file, text);
      model.files.set(file, f);
      for (const p of f.problems) diag('SSH000', p.severity, f, p.start, p.end, p.message);
    }
    return f;
  };
  const visited = new Set<string>();

  const visit = (f: LexedFile, inherited: MatchBlock | null, via: Directive[], stack: string[]) => {
    const first = !visited.has(f.file);
    visited.add(f.file);
    let block = inherited;
    for (const d of f.directives) {
      const info = keywordInfo(d.key);
      if (!info) {
        if (first) diag('SSH000', 'error', f, d.keywordStart, d.keywordEnd, `unknown keyword "${d.keyword}": sshd refuses to start ("Bad configuration option")`);
        continue;
      }
      if (!keywordAvailable(info, version)) {
        if (first) {
          diag('SSH000', 'error', f, d.keywordStart, d.keywordEnd, `${info.name} is not known to ${versionText(version)} (added in OpenSSH ${info.since}): sshd refuses to start`);
        }
        continue;
      }
      if (d.badQuotes) continue;
      if (info.type === 'match') {
        block = parseMatch(d, f, inherited, first);
        model.blocks.push(block);
        continue;
      }
      const parsed = parseValue(d, info, version);
      const inMatchAtStartup = block !== null && !block.initialActive;
      if (inMatchAtStartup && !matchAllowed(info, version)) {
        if (first) {
          diag('SSH033', 'error', f, d.keywordStart, d.keywordEnd, `${info.name} is not allowed inside a Match block: sshd refuses to start ("Directive '${d.keyword}' is not allowed within a Match block")`, d);
        }
        continue;
      }
      if (parsed.problem) {
        if (first) diag('SSH000', 'error', f, parsed.problem.start, parsed.problem.end, parsed.problem.message);
        continue;
      }
      if (info.type === 'include') {
        include(d, f, block, via, stack, first);
        continue;
      }
      model.settings.push({ d, info, option: info.option, parsed, block, via });
    }
  };

  const include = (d: Directive, f: LexedFile, block: MatchBlock | null, via: Directive[], stack: string[], first: boolean) => {
    const use: IncludeUse = { directive: d, files: [] };
    if (first) model.includes.push(use);
    for (const arg of d.args) {
      const mapped = mapIncludePath(arg.text, sshDir);
      if (mapped === undefined) {
        if (first) {
          diag('SSH000', 'info', f, arg.start, arg.end, `Include "${arg.text}" points outside the ssh directory and cannot be mapped onto the workspace: its settings are not checked`);
        }
        continue;
      }
      const magic = mapped.split('/').some(hasGlobMagic);
      let files: string[];
      if (magic) {
        try {
          files = expandGlob(ws, mapped).files;
        } catch {
          // picomatch cannot compile some pathological patterns; glob(3) would not match them either.
          if (first) diag('SSH000', 'warning', f, arg.start, arg.end, `Include pattern "${arg.text}" cannot be expanded: nothing is included`);
          continue;
        }
      } else {
        const r = ws.read(mapped);
        if (!r.ok) {
          if (first && (r.reason === 'missing' || r.reason === 'outside-workspace')) {
            diag('SSH000', 'warning', f, arg.start, arg.end, `included file ${arg.text} is not in the workspace (${mapped}): sshd skips a missing include silently, and its settings are not checked`);
          } else if (first && r.reason === 'is-directory') {
            // sshd opens it and reads no line from it (getline fails with EISDIR): nothing is included.
            diag('SSH000', 'warning', f, arg.start, arg.end, `Include ${arg.text} names a directory: sshd reads nothing from it (include its files with a pattern, e.g. ${arg.text.replace(/\/$/, '')}/*.conf)`);
          } else if (first) {
            diag('SSH000', 'error', f, arg.start, arg.end, `included file ${arg.text} cannot be read (${r.message}): sshd refuses to start`);
          }
          continue;
        }
        files = [mapped];
      }
      for (const file of files) {
        if (stack.includes(file) || stack.length > MAX_DEPTH) {
          if (first) {
            diag('SSH000', 'error', f, arg.start, arg.end, `Include cycle: ${path.basename(file)} includes itself (directly or through other files); sshd stops with "Too many recursive configuration includes"`);
          }
          continue;
        }
        const r = ws.read(file);
        if (!r.ok) {
          if (first) diag('SSH000', 'error', f, arg.start, arg.end, `included file ${file} cannot be read (${r.message}): sshd refuses to start`);
          continue;
        }
        use.files.push(file);
        visit(lexed(file, r.text), block, [...via, d], [...stack, file]);
      }
    }
  };

  const parseMatch = (d: Directive, f: LexedFile, outer: MatchBlock | null, first: boolean): MatchBlock => {
    const criteria: Criterion[] = [];
    const report = (start: number, end: number, message: string, fatal = true) => {
      if (first) diag('SSH033', 'error', f, start, end, message, undefined, fatal);
    };
    let valid = true;
    let all = false;
    // match_cfg_line reads the rest of the line with strdelim(), not with argv_split: "=" separates
    // like a blank ("User = alice", "User= alice"), a word starting with "#" ends the line.
    const words = strdelimWords(f.text, d.restStart, d.contentEnd) ?? d.args;
    const comment = words.findIndex((w) => w.text.startsWith('#'));
    const toks = comment < 0 ? words : words.slice(0, comment);
    let attributes = 0;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      const attr = t.text;
      if (attr === '') break;
      attributes++;
      const a = attr.toLowerCase();
      if (a === 'all') {
        const extra = toks[i + 1];
        if (attributes > 1 || (extra !== undefined && extra.text !== '')) {
          report(toks[0].start, toks[toks.length - 1].end, '"Match all" cannot be combined with other criteria: sshd refuses to start');
          valid = false;
        }
        all = true;
        criteria.push({ attr: a, start: t.start, end: t.end });
        break;
      }
      if (a === 'invalid-user' && versionAtLeast(version, '9.9')) {
        criteria.push({ attr: a, start: t.start, end: t.end });
        continue;
      }
      const next = toks[i + 1];
      if (!next || next.text === '') {
        report(t.start, t.end, `Match ${attr} needs a value: sshd refuses to start ("Missing Match criteria for ${attr}")`);
        valid = false;
        break;
      }
      const value = next.text;
      const end = next.end;
      i++;
      const known = ['user', 'group', 'host', 'address', 'localaddress', 'localport', 'rdomain'];
      if (versionAtLeast(version, '10.0')) known.push('version');
      if (!known.includes(a)) {
        report(t.start, t.end, `unsupported Match criterion "${attr}" (${known.join(', ')}${versionAtLeast(version, '9.9') ? ', invalid-user' : ''}, all): sshd refuses to start`);
        valid = false;
        continue;
      }
      if ((a === 'address' || a === 'localaddress') && !addressListValid(value)) {
        report(t.start, end, `invalid address list "${value}" in Match ${attr}: sshd refuses to start`);
        valid = false;
        continue;
      }
      if (a === 'localport' && !/^\d+$/.test(value)) {
        report(t.start, end, `invalid Match LocalPort "${value}": sshd refuses to start`);
        valid = false;
        continue;
      }
      if (['user', 'group', 'host', 'address', 'localaddress'].includes(a) && onlyNegated(value)) {
        report(t.start, end, `"Match ${attr} ${value}" can never match: a pattern list with only negated entries matches nothing (write e.g. "Match ${attr} *,${value}")`, false);
      }
      criteria.push({ attr: a, value, start: t.start, end });
    }
    if (criteria.length === 0 && valid) {
      report(d.keywordStart, d.keywordEnd, 'Match needs at least one criterion: sshd refuses to start');
      valid = false;
    }
    const initialActive = valid && all && (outer === null || outer.initialActive);
    return { directive: d, criteria, all, outer, initialActive, valid };
  };

  const r = ws.read(root);
  if (r.ok) visit(lexed(root, r.text), null, [], [root]);
  checkTrailingMatch(model);
  return model;
}

/**
 * Hardening appended after a trailing Match block is silently scoped to that block. Flagged when the
 * block's body is indented and a later line of the same block, in the same file, starts at column 0
 * after a blank line or comment: the writer meant it to be global.
 */
function checkTrailingMatch(model: SshdModel): void {
  const byBlock = new Map<MatchBlock, Setting[]>();
  for (const s of model.settings) {
    if (!s.block || s.block.all) continue;
    if (s.d.file !== s.block.directive.file) continue;
    const list = byBlock.get(s.block) ?? [];
    list.push(s);
    byBlock.set(s.block, list);
  }
  for (const [block, settings] of byBlock) {
    const body = settings[0];
    if (!body || body.d.indent === 0) continue;
    const f = model.files.get(block.directive.file)!;
    for (let i = 1; i < settings.length; i++) {
      const s = settings[i];
      if (s.d.indent !== 0) continue;
      const prev = settings[i - 1].d.line;
      if (s.d.line - prev < 2) continue;
      model.diagnostics.push({
        ruleId: 'SSH033',
        severity: 'error',
        fatal: false,
        file: s.d.file,
        range: f.index.range(s.d.keywordStart, s.d.contentEnd),
        misplaced: s.d,
        message: `${s.info.name} is inside the "Match" block of line ${block.directive.line + 1} (a Match block lasts until the next Match or the end of the file), so it applies only to matching connections; move it above the first Match if it is meant to be global`,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

interface SettingIndex {
  byOption: Map<string, Setting[]>;
  byBlock: Map<MatchBlock, Map<string, Setting[]>>;
}

const indexes = new WeakMap<SshdModel, SettingIndex>();

/** Settings grouped by option and by Match block (built once per model: rules query it a lot). */
function settingIndex(model: SshdModel): SettingIndex {
  let index = indexes.get(model);
  if (!index) {
    index = { byOption: new Map(), byBlock: new Map() };
    for (const s of model.settings) {
      const list = index.byOption.get(s.option) ?? [];
      list.push(s);
      index.byOption.set(s.option, list);
      if (s.block) {
        let perBlock = index.byBlock.get(s.block);
        if (!perBlock) index.byBlock.set(s.block, (perBlock = new Map()));
        const inBlock = perBlock.get(s.option) ?? [];
        inBlock.push(s);
        perBlock.set(s.option, inBlock);
      }
    }
    indexes.set(model, index);
  }
  return index;
}

/** Settings of an option in the global section (including `Match all` blocks active at startup). */
export function globalSettings(model: SshdModel, option: string): Setting[] {
  return (settingIndex(model).byOption.get(option) ?? []).filter((s) => s.block === null || s.block.initialActive);
}

/** Settings of an option inside one Match block (lines of files included in it count too). */
export function blockSettings(model: SshdModel, block: MatchBlock, option: string): Setting[] {
  return settingIndex(model).byBlock.get(block)?.get(option) ?? [];
}

/** Every option set inside one Match block, with its lines. */
export function blockOptions(model: SshdModel, block: MatchBlock): Map<string, Setting[]> {
  return settingIndex(model).byBlock.get(block) ?? new Map();
}

/** The lines that make up the value, given how the option combines repeated lines. */
export function winners(settings: Setting[]): Setting[] {
  if (settings.length === 0) return [];
  switch (settings[0].info.mult) {
    case 'accumulate':
      return settings;
    case 'last':
      return [settings[settings.length - 1]];
    default:
      return [settings[0]];
  }
}

/** The setting that decides a scalar option globally, or undefined when it is absent. */
export function globalWinner(model: SshdModel, option: string): Setting | undefined {
  return winners(globalSettings(model, option))[0];
}

export function blockMatches(block: MatchBlock, conn: Connection): boolean {
  if (!block.valid) return false;
  if (block.outer && !blockMatches(block.outer, conn)) return false;
  if (block.all) return true;
  for (const c of block.criteria) {
    const v = c.value ?? '';
    switch (c.attr) {
      case 'user':
        if (conn.user === undefined || matchPatternList(conn.user, v) !== 1) return false;
        break;
      case 'group':
        if (conn.user === undefined || !(conn.groups ?? []).some((g) => matchPatternList(g, v) === 1) || (conn.groups ?? []).some((g) => matchPatternList(g, v) === -1)) return false;
        break;
      case 'host':
        if (conn.host === undefined || matchPatternList(conn.host, v, true) !== 1) return false;
        break;
      case 'address':
        if (conn.addr === undefined || addrMatchList(conn.addr, v) !== 1) return false;
        break;
      case 'localaddress':
        if (conn.laddr === undefined || addrMatchList(conn.laddr, v) !== 1) return false;
        break;
      case 'localport':
        if (conn.lport === undefined || Number(v) !== conn.lport) return false;
        break;
      case 'rdomain':
        if (conn.rdomain === undefined || matchPatternList(conn.rdomain, v) !== 1) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * The lines deciding an option for a connection: values from matching Match blocks override the
 * global ones (sshd re-reads the config for the connection and copies what the blocks set).
 */
export function effectiveSettings(model: SshdModel, option: string, conn: Connection): Setting[] {
  const inBlocks = (settingIndex(model).byOption.get(option) ?? []).filter((s) => s.block !== null && blockMatches(s.block, conn));
  if (inBlocks.length > 0) {
    const info = inBlocks[0].info;
    if (matchAllowed(info, model.version)) return winners(inBlocks);
  }
  return winners(globalSettings(model, option));
}
