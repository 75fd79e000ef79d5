// The effective configuration of one analysis unit: the main file with every `include` expanded in
// place (globs in lexical order, each inclusion a separate copy of the included directives, so a
// snippet included from two places is analysed in both), plus nginx's inheritance rules.
import * as path from 'node:path';
import { memo, type KindContext } from '../../engine/kind';
import { expandGlob, hasGlobMagic } from '../../engine/glob';
import { resolveConfigPath } from '../../engine/config';
import type { Comment, Finding, FileEdit, Fix, Range, RelatedLocation, Severity } from '../../engine/types';
import { LineIndex } from '../../engine/text';
import { maskTemplate, parse, type Directive, type ParsedFile, type Token } from './parser';
import { nginxVersion, type NginxVersion } from './version';

export type Proto = 'http' | 'stream' | 'mail';

/** One directive as it takes part in the effective configuration. */
export interface Node {
  d: Directive;
  name: string;
  args: Token[];
  /** Absolute path of the file the directive is written in. */
  file: string;
  /** The block it belongs to after include expansion (undefined for the unit's top level). */
  parent?: Node;
  /** Expanded children of a block (included directives spliced in at the include's place). */
  children?: Node[];
  /** The include directives through which this directive is reached, outermost first. */
  via: Node[];
  /** For an `include`: the files it pulled in. */
  included?: string[];
}

export interface UnitFile {
  path: string;
  /** Text as written (fixes slice from it). */
  original: string;
  parsed: ParsedFile;
}

/** Distribution files that a repository usually does not contain; a missing one is not reported. */
const DISTRO_FILES = new Set([
  'mime.types', 'fastcgi_params', 'fastcgi.conf', 'proxy_params', 'uwsgi_params', 'scgi_params', 'koi-utf', 'koi-win',
  'win-utf', 'snippets/fastcgi-php.conf', 'snippets/snakeoil.conf',
]);

/** Distribution snippets whose content we know (Debian's fastcgi-php.conf checks the script exists). */
export const KNOWN_SNIPPETS: Record<string, string[]> = {
  'snippets/fastcgi-php.conf': ['fastcgi_split_path_info', 'try_files', 'fastcgi_param', 'fastcgi_index'],
};

const MAX_NODES = 200_000;
const NONE: Node[] = [];
const NO_RELATED: RelatedLocation[] = [];

/**
 * A slice of a unit: the unit with all but one of its http `server` blocks left out (`server` is the
 * index of the one kept among the http servers in reading order, or null for none). Rules whose
 * findings about a server depend only on that server and what surrounds it (not on its sibling
 * servers) give, on the slices, the findings they give on the whole unit: an edit inside one server
 * is then re-analysed on its slice alone (see incremental.ts).
 */
export interface SliceOptions {
  server: number | null;
  /** Of the whole unit (a slice without its servers would look like another kind of file). */
  rootLevel: Unit['rootLevel'];
  complete: boolean;
  /** Parsed files to take instead of reading the workspace (the whole unit's: a slice of an older version reads its texts). */
  files?: Map<string, UnitFile>;
}

export interface UnitProblem {
  node: Node;
  message: string;
  severity: Severity;
}

export class Unit {
  readonly files = new Map<string, UnitFile>();
  /** The synthetic top level (the main context, or the inferred context of a standalone file). */
  readonly root: Node;
  /** What the top level of the root file is: the main context, or http/server/location content. */
  readonly rootLevel: 'main' | 'http' | 'server' | 'location';
  readonly prefix: string;
  readonly version: NginxVersion;
  readonly problems: UnitProblem[] = [];
  /** A main file with an `http` block: absent settings are judged only then (catalog §0). */
  readonly complete: boolean;
  private nodeCount = 0;
  /** Http servers met while expanding (in reading order), kept or not. */
  private slicedServers = 0;
  /** Queries the rules made (all, named, own, effective…): tests check that they grow linearly. */
  queries = 0;

  constructor(
    readonly rootFile: string,
    readonly ctx: KindContext,
    readonly slice?: SliceOptions,
  ) {
    this.prefix = prefixFor(rootFile, ctx);
    this.version = nginxVersion(ctx);
    const rootDirective: Directive = {
      name: '',
      nameTok: { text: '', raw: '', start: 0, end: 0 },
      args: [],
      start: 0,
      end: 0,
      file: undefined as unknown as ParsedFile,
    };
    this.root = { d: rootDirective, name: '', args: [], file: rootFile, via: [], children: [] };
    const parsed = this.load(rootFile);
    if (parsed) {
      rootDirective.file = parsed;
      this.expand(parsed.directives, this.root, [], [rootFile]);
    }
    const top = this.root.children!;
    const has = (n: string) => top.some((c) => c.name === n);
    if (slice) {
      this.rootLevel = slice.rootLevel;
      this.complete = slice.complete;
      return;
    }
    this.rootLevel =
      has('http') || has('events') || has('stream') || has('mail') || has('worker_processes') || has('user') || has('load_module')
        ? 'main'
        : has('server') || has('upstream') || has('map')
          ? 'http'
          : has('location') || has('listen') || has('server_name')
            ? 'server'
            : has('add_header') || has('proxy_pass') || has('root') || has('return')
              ? 'location'
              : 'http';
    this.complete = this.rootLevel === 'main' && has('http');
  }

  private load(file: string): ParsedFile | undefined {
    const cached = this.files.get(file);
    if (cached) return cached.parsed;
    const loaded = this.slice?.files?.get(file) ?? loadFile(file, this.ctx);
    if (!loaded) return undefined;
    this.files.set(file, loaded);
    return loaded.parsed;
  }

  /** Resolves an include argument to absolute paths (before globbing). */
  resolveInclude(arg: string): string {
    if (arg.startsWith('/etc/nginx/')) return path.join(this.prefix, arg.slice('/etc/nginx/'.length));
    if (path.isAbsolute(arg)) return arg;
    return path.join(this.prefix, arg);
  }

  private expand(list: Directive[], parent: Node, via: Node[], stack: string[]): void {
    const out = parent.children!;
    for (const d of list) {
      if (this.slice && d.name === 'server' && d.children && (parent.name === 'http' || (parent === this.root && this.slice.rootLevel === 'http'))) {
        if (this.slicedServers++ !== this.slice.server) continue;
      }
      if (++this.nodeCount > MAX_NODES) return;
      const node: Node = { d, name: d.name, args: d.args, file: d.file.path, parent: parent.d.name === '' ? undefined : parent, via };
      out.push(node);
      if (d.children) {
        node.children = [];
        this.expand(d.children, node, via, stack);
      } else if (d.name === 'include' && d.args.length === 1) {
        this.include(node, parent, via, stack);
      }
    }
  }

  private include(node: Node, parent: Node, via: Node[], stack: string[]): void {
    const arg = node.args[0].text;
    let pattern = this.resolveInclude(arg);
    let files: string[];
    if (hasGlobMagic(pattern)) {
      files = expandGlob(this.ctx.ws, pattern).files;
      // A repository keeps sites in sites-available; sites-enabled holds deploy-time symlinks.
      if (files.length === 0 && pattern.includes('/sites-enabled/')) {
        const dir = pattern.slice(0, pattern.indexOf('/sites-enabled/') + '/sites-enabled'.length);
        if (this.ctx.ws.list(dir) === undefined) {
          pattern = pattern.replace('/sites-enabled/', '/sites-available/');
          files = expandGlob(this.ctx.ws, pattern).files;
        }
      }
    } else {
      const r = this.ctx.ws.read(pattern);
      if (!r.ok) {
        const rel = path.relative(this.prefix, pattern).split(path.sep).join('/');
        if (r.reason === 'missing' && !DISTRO_FILES.has(rel) && !rel.startsWith('modules-enabled/')) {
          this.problems.push({ node, severity: 'warning', message: `included file ${arg} does not exist (looked for ${pattern}): its directives are not analysed` });
        } else if (r.reason !== 'missing' && r.reason !== 'outside-workspace') {
          this.problems.push({ node, severity: 'warning', message: `included file ${arg} cannot be analysed: ${r.message}` });
        }
        node.included = [];
        return;
      }
      files = [pattern];
    }
    node.included = files;
    for (const f of files) {
      if (stack.includes(f)) {
        this.problems.push({ node, severity: 'error', message: `include cycle: ${path.basename(f)} includes itself (${[...stack.slice(stack.indexOf(f)), f].map((p) => path.basename(p)).join(' → ')})` });
        continue;
      }
      const parsed = this.load(f);
      if (!parsed) continue;
      this.expand(parsed.directives, parent, [...via, node], [...stack, f]);
    }
  }

  file(p: string): UnitFile | undefined {
    return this.files.get(p);
  }

  comments(): Map<string, Comment[]> {
    const m = new Map<string, Comment[]>();
    for (const [p, f] of this.files) m.set(p, f.parsed.comments);
    return m;
  }

  // ---- traversal ------------------------------------------------------------------------------

  private allNodes?: Node[];
  private byName?: Map<string, Node[]>;

  /** Every node of the expanded tree, depth-first in reading order (built once: rules walk it a lot). */
  all(from: Node = this.root): Node[] {
    this.queries++;
    if (from === this.root && this.allNodes) return this.allNodes;
    const out: Node[] = [];
    const stack: { list: Node[]; i: number }[] = [{ list: from.children ?? [], i: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.i >= top.list.length) {
        stack.pop();
        continue;
      }
      const n = top.list[top.i++];
      out.push(n);
      if (n.children) stack.push({ list: n.children, i: 0 });
    }
    if (from === this.root) this.allNodes = out;
    return out;
  }

  private readonly subtrees = new WeakMap<Node, Node[]>();

  /** The nodes of a directive name, depth-first in reading order. Do not modify. */
  named(name: string, from: Node = this.root): Node[] {
    this.queries++;
    if (from !== this.root) {
      let nodes = this.subtrees.get(from);
      if (!nodes) this.subtrees.set(from, (nodes = this.all(from)));
      return nodes.filter((n) => n.name === name);
    }
    if (!this.byName) {
      this.byName = new Map();
      for (const n of this.all()) {
        const list = this.byName.get(n.name);
        if (list) list.push(n);
        else this.byName.set(n.name, [n]);
      }
    }
    return this.byName.get(name) ?? [];
  }

  /** The protocol module a node belongs to. */
  proto(n: Node): Proto {
    for (let p: Node | undefined = n.parent; p; p = p.parent) {
      if (p.name === 'stream') return 'stream';
      if (p.name === 'mail') return 'mail';
      if (p.name === 'http') return 'http';
    }
    return 'http';
  }

  /** http `server` blocks (not stream/mail servers, not upstream members). */
  servers(): Node[] {
    return [...this.named('server')].filter((s) => s.children !== undefined && this.proto(s) === 'http');
  }

  /** Is this a `server` block of the http module (in `http`, or at the top of a site file)? */
  isHttpServer(n: Node): boolean {
    return n.name === 'server' && n.children !== undefined && (n.parent ? n.parent.name === 'http' : this.rootLevel === 'http');
  }

  /** The http server blocks in reading order (what slices are counted in). */
  httpServers(): Node[] {
    return this.named('server').filter((n) => this.isHttpServer(n));
  }

  /** The expansion stopped at its node limit (the unit is then never sliced). */
  get truncated(): boolean {
    return this.nodeCount > MAX_NODES;
  }

  /** The `http` block node of the unit, if any. */
  http(): Node | undefined {
    return this.root.children!.find((c) => c.name === 'http' && c.children);
  }

  /** A server reached from the unit's `http` block (absence findings need that, catalog §0). */
  isComplete(n: Node): boolean {
    if (!this.complete) return false;
    for (let p: Node | undefined = n; p; p = p.parent) if (p.name === 'http') return true;
    return false;
  }

  private readonly ownIndex = new WeakMap<Node, Map<string, Node[]>>();

  /**
   * Directive nodes at a level (the block's own, includes expanded; not those of nested blocks).
   * Indexed per level on first use: rules ask for it for every level and ancestor. Do not modify.
   */
  own(level: Node, name: string): Node[] {
    this.queries++;
    let index = this.ownIndex.get(level);
    if (!index) {
      index = new Map();
      for (const c of level.children ?? []) {
        const list = index.get(c.name);
        if (list) list.push(c);
        else index.set(c.name, [c]);
      }
      this.ownIndex.set(level, index);
    }
    return index.get(name) ?? NONE;
  }

  /** The enclosing configuration level of a node: location, if, limit_except, server, http… */
  levelOf(n: Node): Node {
    return n.parent ?? this.root;
  }

  /** The parent configuration level of a level, for inheritance. */
  parentLevel(level: Node): Node | undefined {
    if (level === this.root) return undefined;
    return level.parent ?? this.root;
  }

  /** Nearest definition of a simple directive, looking at the level and then its ancestors. */
  effective(level: Node, name: string): Node | undefined {
    for (let l: Node | undefined = level; l; l = this.parentLevel(l)) {
      const found = this.own(l, name);
      if (found.length > 0) return found[0];
    }
    return undefined;
  }

  /** Value of add_header_inherit / add_trailer_inherit in force at a level (nginx ≥ 1.29.3). */
  inheritMode(level: Node, directive: string): 'on' | 'off' | 'merge' {
    if (!this.version.atLeast('1.29.3')) return 'on';
    const d = this.effective(level, directive);
    const v = d?.args[0]?.text.toLowerCase();
    return v === 'off' || v === 'merge' ? v : 'on';
  }

  /**
   * Effective array directives (add_header, add_trailer, proxy_set_header…) at a level: the level's
   * own if it has any, else the parent's; `add_header_inherit merge` appends the parent's.
   */
  effectiveArray(level: Node, name: string): Node[] {
    const own = this.own(level, name);
    const parent = this.parentLevel(level);
    const inheritDirective = name === 'add_header' ? 'add_header_inherit' : name === 'add_trailer' ? 'add_trailer_inherit' : undefined;
    const mode = inheritDirective ? this.inheritMode(level, inheritDirective) : 'on';
    if (mode === 'off') return own;
    if (mode === 'merge') return parent ? [...this.effectiveArray(parent, name), ...own] : own;
    if (own.length > 0 || !parent) return own;
    return this.effectiveArray(parent, name);
  }

  /** Access rules (allow/deny) in force at a level: inherited only when the level has none. */
  effectiveAccess(level: Node): Node[] {
    for (let l: Node | undefined = level; l; l = this.parentLevel(l)) {
      const rules = (l.children ?? []).filter((c) => c.name === 'allow' || c.name === 'deny');
      if (rules.length > 0) return rules;
    }
    return [];
  }

  /** The server block a node is in. */
  serverOf(n: Node): Node | undefined {
    for (let p: Node | undefined = n.parent; p; p = p.parent) if (p.name === 'server' && p.children) return p;
    return undefined;
  }

  /** The nearest enclosing location (or the node itself when it is one). */
  locationOf(n: Node): Node | undefined {
    for (let p: Node | undefined = n; p; p = p.parent) if (p.name === 'location' && p.children) return p;
    return undefined;
  }

  /** Does a server listen with TLS (listen … ssl / quic, or the old `ssl on`)? */
  isTls(server: Node): boolean {
    if (this.own(server, 'listen').some((l) => l.args.some((a) => a.text === 'ssl' || a.text === 'quic'))) return true;
    return this.effective(server, 'ssl')?.args[0]?.text === 'on';
  }

  /** Does a server listen on plain HTTP (a listen without ssl/quic, or no listen at all: port 80)? */
  isPlain(server: Node): boolean {
    const listens = this.own(server, 'listen');
    if (listens.length === 0) return !this.isTls(server);
    return listens.some((l) => !l.args.some((a) => a.text === 'ssl' || a.text === 'quic') && !l.args[0]?.text.startsWith('unix:')) && this.effective(server, 'ssl')?.args[0]?.text !== 'on';
  }

  private readonly names = new WeakMap<Node, string[]>();

  /** Lowercased server names of a server (do not modify). */
  serverNames(server: Node): string[] {
    this.queries++;
    let names = this.names.get(server);
    if (!names) this.names.set(server, (names = this.own(server, 'server_name').flatMap((d) => d.args.map((a) => a.text.toLowerCase()))));
    return names;
  }

  // ---- reporting ------------------------------------------------------------------------------

  lineIndex(file: string): LineIndex {
    return this.files.get(file)!.parsed.index;
  }

  /** Range of a node: the directive from its name to its `;`, or a block's head up to `{`. */
  range(n: Node): Range {
    const idx = this.lineIndex(n.file);
    if (n.d.open !== undefined) return idx.range(n.d.start, n.d.open + 1);
    return idx.range(n.d.start, n.d.end);
  }

  tokenRange(n: Node, t: Token): Range {
    return this.lineIndex(n.file).range(t.start, t.end);
  }

  private readonly viaCache = new WeakMap<Node[], Map<string, RelatedLocation[]>>();

  /**
   * "included from" related locations for a node reached through includes (built once per include
   * chain and file: every finding in an included file carries them; do not modify).
   */
  viaRelated(n: Node): RelatedLocation[] {
    if (n.via.length === 0) return NO_RELATED;
    let byFile = this.viaCache.get(n.via);
    if (!byFile) this.viaCache.set(n.via, (byFile = new Map()));
    let related = byFile.get(n.file);
    if (!related) {
      related = n.via.map((inc, i) => ({
        file: inc.file,
        range: this.range(inc),
        message: `${path.basename(i + 1 < n.via.length ? n.via[i + 1].file : n.file)} is included here`,
      }));
      byFile.set(n.file, related);
    }
    return related;
  }

  where(n: Node): string {
    return `${path.basename(n.file)}:${this.lineIndex(n.file).positionAt(n.d.start).line + 1}`;
  }

  /** Text of a file as written. */
  text(file: string): string {
    return this.files.get(file)!.original;
  }
}

/** A file of the workspace, parsed (once per version of its text: the parse is shared by every unit). */
function loadFile(file: string, ctx: KindContext): UnitFile | undefined {
  return memo(ctx, `nginx:file:${file}`, (c) => {
    const r = c.ws.read(file);
    if (!r.ok) return undefined;
    const templated = /\.(j2|jinja2?|template|tmpl|tpl)$/.test(file);
    return { path: file, original: r.text, parsed: parse(templated ? maskTemplate(r.text) : r.text, file) };
  });
}

/**
 * The unit a file roots (built once until one of its files changes: deciding which units a file is
 * in and analysing them share it). Treat it as immutable.
 */
export function unitOf(rootFile: string, ctx: KindContext): Unit {
  return memo(ctx, `nginx:unit:${rootFile}`, (c) => new Unit(rootFile, c));
}

/** The nginx prefix (the folder standing for /etc/nginx) of a unit root. */
export function prefixFor(file: string, ctx: KindContext): string {
  if (ctx.config.nginx.prefix) return resolveConfigPath(ctx.config, ctx.config.nginx.prefix);
  const dir = path.dirname(file);
  const base = path.basename(dir);
  if (base === 'sites-available' || base === 'sites-enabled' || base === 'conf.d' || base === 'snippets') return path.dirname(dir);
  return dir;
}

// ---- fixes ----------------------------------------------------------------------------------------

/** Helpers to build minimal edits that keep the file's indentation and line endings. */
export class Edits {
  constructor(private readonly unit: Unit) {}

  private idx(file: string) {
    return this.unit.lineIndex(file);
  }

  replaceToken(n: Node, t: Token, newText: string): FileEdit {
    return { file: n.file, range: this.idx(n.file).range(t.start, t.end), newText };
  }

  /** Replaces every argument of a directive (keeping name and `;`). */
  replaceArgs(n: Node, newText: string): FileEdit {
    const first = n.args[0];
    const last = n.args[n.args.length - 1];
    return { file: n.file, range: this.idx(n.file).range(first.start, last.end), newText };
  }

  insertAt(file: string, offset: number, newText: string): FileEdit {
    return { file, range: this.idx(file).range(offset, offset), newText };
  }

  indentOf(file: string, offset: number): string {
    const idx = this.idx(file);
    const line = idx.lineText(idx.positionAt(offset).line);
    return /^[ \t]*/.exec(line)![0];
  }

  private readonly indents = new Map<string, string>();
  private readonly eols = new Map<string, string>();

  /** The file's line break (cached: LineIndex.eol scans the whole text). */
  eol(file: string): string {
    let e = this.eols.get(file);
    if (e === undefined) {
      e = this.idx(file).eol;
      this.eols.set(file, e);
    }
    return e;
  }

  /** One indentation step in the file's style (tabs, or the first indentation of 1-8 spaces). */
  unitIndent(file: string): string {
    let indent = this.indents.get(file);
    if (indent === undefined) {
      indent = indentStep(this.unit.text(file));
      this.indents.set(file, indent);
    }
    return indent;
  }

  /** Inserts lines after the line a directive ends on, with that directive's indentation. */
  insertLinesAfter(n: Node, lines: string[]): FileEdit {
    const idx = this.idx(n.file);
    const line = idx.positionAt(n.d.end).line;
    const indent = this.indentOf(n.file, n.d.start);
    const eol = this.eol(n.file);
    return { file: n.file, range: idx.range(idx.lineEnd(line), idx.lineEnd(line)), newText: lines.map((l) => eol + indent + l).join('') };
  }

  /** Inserts lines before a directive's line, with its indentation. */
  insertLinesBefore(n: Node, lines: string[]): FileEdit {
    const idx = this.idx(n.file);
    const line = idx.positionAt(n.d.start).line;
    const indent = this.indentOf(n.file, n.d.start);
    const start = idx.lineStarts[line];
    const onlyIndentBefore = idx.text.slice(start, n.d.start).trim() === '';
    if (!onlyIndentBefore) return { file: n.file, range: idx.range(n.d.start, n.d.start), newText: lines.join(' ') + ' ' };
    return { file: n.file, range: idx.range(start, start), newText: lines.map((l) => (l === '' ? '' : indent + l) + this.eol(n.file)).join('') };
  }

  /** Inserts lines as the first entries of a block, right after its `{`. */
  insertAtBlockStart(block: Node, lines: string[]): FileEdit {
    const file = block.file;
    const idx = this.idx(file);
    const open = block.d.open!;
    const openLine = idx.positionAt(open).line;
    const firstChild = block.d.children?.[0];
    const restOfLine = idx.text.slice(open + 1, idx.lineEnd(openLine)).trim();
    if (restOfLine !== '' && !restOfLine.startsWith('#')) {
      return { file, range: idx.range(open + 1, open + 1), newText: ' ' + lines.join(' ') };
    }
    let indent = this.indentOf(file, block.d.start) + this.unitIndent(file);
    if (firstChild && idx.positionAt(firstChild.start).line > openLine) indent = this.indentOf(file, firstChild.start);
    const at = idx.lineEnd(openLine);
    return { file, range: idx.range(at, at), newText: lines.map((l) => this.eol(file) + indent + l).join('') };
  }

  /** Inserts lines as the last entries of a block, before its `}`. */
  insertAtBlockEnd(block: Node, lines: string[]): FileEdit | undefined {
    const file = block.file;
    const idx = this.idx(file);
    const close = block.d.close;
    if (close === undefined) return undefined;
    const closeLine = idx.positionAt(close).line;
    const before = idx.text.slice(idx.lineStarts[closeLine], close);
    const kids = block.d.children ?? [];
    const lastChild = kids[kids.length - 1];
    let indent = this.indentOf(file, block.d.start) + this.unitIndent(file);
    if (lastChild) indent = this.indentOf(file, lastChild.start);
    if (before.trim() !== '') {
      return { file, range: idx.range(close, close), newText: lines.join(' ') + ' ' };
    }
    const at = idx.lineStarts[closeLine];
    return { file, range: idx.range(at, at), newText: lines.map((l) => indent + l + this.eol(file)).join('') };
  }

  /** Deletes a directive; its whole line when nothing else is on it. */
  deleteDirective(n: Node): FileEdit {
    const idx = this.idx(n.file);
    const sl = idx.positionAt(n.d.start).line;
    const el = idx.positionAt(n.d.end).line;
    const before = idx.text.slice(idx.lineStarts[sl], n.d.start);
    const after = idx.text.slice(n.d.end, idx.lineEnd(el));
    if (before.trim() === '' && (after.trim() === '' || after.trim().startsWith('#'))) {
      return { file: n.file, range: idx.range(idx.lineStarts[sl], idx.lineBreakEnd(el)), newText: '' };
    }
    let end = n.d.end;
    while (idx.text[end] === ' ' || idx.text[end] === '\t') end++;
    return { file: n.file, range: idx.range(n.d.start, end), newText: '' };
  }

  /** Source text of a directive as written. */
  source(n: Node): string {
    return this.unit.text(n.file).slice(n.d.start, n.d.end);
  }
}

/** A text's indentation step: a tab, or the first indentation of 1-8 spaces (default four spaces). */
export function indentStep(text: string): string {
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const line = text.slice(start, nl < 0 ? text.length : nl);
    start = nl < 0 ? text.length : nl + 1;
    if (line.startsWith('\t')) return '\t';
    const n = line.length - line.trimStart().length;
    if (n > 0 && n <= 8 && line.trim() !== '' && line[0] === ' ') return ' '.repeat(n);
  }
  return '    ';
}

export function fix(title: string, edits: (FileEdit | undefined)[], opts: { preferred?: boolean; caveat?: string } = {}): Fix[] {
  if (edits.some((e) => e === undefined)) return [];
  return [{ title, edits: edits as FileEdit[], isPreferred: opts.preferred ?? true, caveat: opts.caveat }];
}

export type { Finding };
