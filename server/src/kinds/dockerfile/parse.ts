// Builds the DockerModel from a Dockerfile's text: dockerfile-ast for instructions, flags,
// heredocs, the escape directive and ranges; our own logical-line reader, BuildKit word expansion
// and shell splitter for arguments; then the stage graph and effective users.
import * as path from 'node:path';
import { DockerfileParser, type Instruction, type Property } from 'dockerfile-ast';
import type { ProjectConfig } from '../../engine/config';
import { LineIndex } from '../../engine/text';
import type { Comment } from '../../engine/types';
import type { WorkspaceView } from '../../engine/workspace';
import './ast-speedups';
import { parseImageRef, runsAsNonRoot } from './images';
import type { CommandLine, DArg, DFlag, DHeredoc, DInstruction, DockerModel, DProperty, EffectiveUser, Stage } from './model';
import { commandName, parseShell, type Command, type Script } from './shell';
import { expandWord, identityMapped, joinMapped, logicalLine, logicalText, type Mapped, type VarLookup } from './text';


/** A comment with what other tools' pragmas on it would cover (filled in here, read by pragmas.ts). */
export interface DockerComment extends Comment {
  /**
   * The instruction the comment stands before, as the line range [nextFirst, nextLast] it covers
   * after the comment (hadolint / trivy line pragmas), and the last line of its stage (hadolint
   * `stage ignore`). Plain numbers: pragmas.ts lists the lines only for an actual pragma.
   */
  nextFirst?: number;
  nextLast?: number;
  stageEnd?: number;
}

/** Build arguments BuildKit predefines (declared, value unknown). */
const PREDEFINED_ARGS = [
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'FTP_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'ftp_proxy',
  'no_proxy',
  'all_proxy',
];

export const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/** A persistent (immutable, shared-tail) list of variable bindings. */
interface Binding {
  name: string;
  value: string | null;
  kind: 'arg' | 'env';
  next?: Binding;
}

function lookupIn(b: Binding | undefined): VarLookup {
  return (name: string) => {
    for (let x = b; x; x = x.next) if (x.name === name) return x.value;
    return undefined;
  };
}

export function kindOfVar(instr: DInstruction, name: string): 'arg' | 'env' | undefined {
  const b = (instr as DInstruction & { bindings?: Binding }).bindings;
  for (let x = b; x; x = x.next) if (x.name === name) return x.kind;
  return undefined;
}

/** Decodes a JSON string literal (`text[start] === '"'`) into a Mapped string. */
function jsonStringMapped(text: string, start: number, end: number): Mapped {
  const chars: string[] = [];
  const offs: number[] = [];
  let i = start + 1;
  const last = text[end - 1] === '"' ? end - 1 : end;
  while (i < last) {
    const c = text[i];
    if (c === '\\' && i + 1 < last) {
      const e = text[i + 1];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
      if (e === 'u' && i + 5 < last + 1) {
        const code = parseInt(text.slice(i + 2, i + 6), 16);
        chars.push(Number.isNaN(code) ? '' : String.fromCharCode(code));
        offs.push(i);
        i += 6;
        continue;
      }
      chars.push(simple[e] ?? e);
      offs.push(i);
      i += 2;
      continue;
    }
    chars.push(c);
    offs.push(i);
    i++;
  }
  const t = chars.join('');
  const map = new Int32Array(t.length + 1);
  // A decoded \uXXXX may be 1 UTF-16 unit; keep the map aligned to the decoded text.
  for (let k = 0, o = 0; k < chars.length; k++) for (let u = 0; u < chars[k].length; u++) map[o++] = offs[k];
  map[t.length] = last;
  return { text: t, map };
}

function trimMapped(m: Mapped): Mapped {
  let a = 0;
  let b = m.text.length;
  while (a < b && /\s/.test(m.text[a])) a++;
  while (b > a && /\s/.test(m.text[b - 1])) b--;
  return { text: m.text.slice(a, b), map: m.map.subarray(a, b + 1) };
}

export interface ParseOptions {
  file: string;
  relPath: string;
  ws: WorkspaceView;
  config: ProjectConfig;
}

export function buildModel(text: string, opts: ParseOptions): DockerModel {
  const index = new LineIndex(text);
  const df = DockerfileParser.parse(text);
  const escape = df.getEscapeCharacter() || '\\';
  const off = (p: { line: number; character: number }) => index.offsetAt(p);

  const model: DockerModel = {
    file: opts.file,
    relPath: opts.relPath,
    text,
    index,
    escape,
    instructions: [],
    allInstructions: [],
    metaArgs: [],
    stages: [],
    comments: [],
    syntax: [],
    contextDir: path.dirname(opts.file),
    ws: opts.ws,
    dockerignorePath: path.join(path.dirname(opts.file), '.dockerignore'),
    range: (s, e) => index.range(s, e),
  };

  let meta: Binding | undefined;
  for (const name of PREDEFINED_ARGS) meta = { name, value: null, kind: 'arg', next: meta };
  const metaEnd = meta;
  let scope: Binding | undefined = meta;
  let stage: Stage | undefined;
  const stageEnv = new Map<Stage, Binding | undefined>();
  // RUN/CMD/ENTRYPOINT go to a non-POSIX shell (Windows images, SHELL ["powershell", …]): not parsed as sh.
  let nonPosix = false;
  const stageNonPosix = new Map<Stage, boolean>();

  const convert = (ast: Instruction, idx: number, bindings: Binding | undefined, st: Stage | undefined): DInstruction => {
    const r = ast.getRange();
    const kr = ast.getInstructionRange();
    const start = off(r.start);
    const end = off(r.end);
    const lookup = lookupIn(bindings);
    const flags: DFlag[] = [];
    const anyAst = ast as unknown as {
      getFlags?: () => import('dockerfile-ast').Flag[];
      getHeredocs?: () => import('dockerfile-ast').Heredoc[];
      getProperties?: () => Property[];
      getJSONStrings?: () => import('dockerfile-ast').JSONArgument[];
    };
    let argStart = off(kr.end);
    for (const f of anyAst.getFlags?.() ?? []) {
      const fr = f.getRange();
      const nr = f.getNameRange();
      const vr = f.getValueRange();
      const rawValue = vr ? logicalText(text, off(vr.start), off(vr.end), escape) : f.getValue();
      const ex = rawValue !== null && rawValue !== undefined ? expandWord(rawValue, escape, lookup) : undefined;
      flags.push({
        name: f.getName(),
        value: ex ? ex.value : null,
        rawValue: rawValue ?? null,
        resolved: ex ? ex.resolved : true,
        start: off(fr.start),
        end: off(fr.end),
        nameStart: off(nr.start),
        nameEnd: off(nr.end),
        valueStart: vr ? off(vr.start) : undefined,
        valueEnd: vr ? off(vr.end) : undefined,
      });
      argStart = Math.max(argStart, off(fr.end));
    }
    const logical = logicalLine(text, argStart, end, escape);
    const argText = trimMapped(logical);
    const heredocs: DHeredoc[] = [];
    const keyword = ast.getKeyword().toUpperCase();
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      try {
        for (const h of anyAst.getHeredocs?.() ?? []) {
          const cr = h.getContentRange();
          const hs = cr ? off(cr.start) : logical.next;
          const he = cr ? off(cr.end) : hs;
          heredocs.push({ name: h.getName(), start: hs, end: he, text: text.slice(hs, he) });
        }
      } catch {
        // dockerfile-ast could not read the heredocs: the instruction is analysed without them.
      }
    }
    const instr: DInstruction & { bindings?: Binding } = {
      keyword,
      written: ast.getInstruction(),
      ast,
      start,
      end,
      keywordStart: off(kr.start),
      keywordEnd: off(kr.end),
      lineEnd: logical.end,
      startLine: r.start.line,
      endLine: r.end.line,
      flags,
      args: [],
      argText,
      properties: [],
      heredocs,
      stage: st,
      index: idx,
      lookup,
      bindings,
    };

    if (keyword === 'ENV' || keyword === 'ARG' || keyword === 'LABEL') {
      let props: Property[] = [];
      try {
        props = anyAst.getProperties?.() ?? [];
      } catch {
        props = [];
      }
      for (const p of props) {
        const nr = p.getNameRange();
        const vr = p.getValueRange();
        const nameStart = off(nr.start);
        const nameEnd = off(nr.end);
        const prop: DProperty = {
          name: p.getName(),
          resolved: true,
          start: nameStart,
          end: vr ? off(vr.end) : nameEnd,
          nameStart,
          nameEnd,
        };
        if (vr) {
          const vs = off(vr.start);
          const ve = off(vr.end);
          const raw = logicalText(text, vs, ve, escape);
          // ENV/LABEL values may reference variables set earlier in the same instruction.
          const ex = expandWord(raw, escape, lookup);
          prop.rawValue = raw;
          prop.value = ex.value;
          prop.resolved = ex.resolved;
          prop.valueStart = vs;
          prop.valueEnd = ve;
          prop.legacy = keyword === 'ENV' && p.getAssignmentOperator() === null;
        }
        instr.properties.push(prop);
      }
    } else if (keyword !== 'RUN' && keyword !== 'CMD' && keyword !== 'ENTRYPOINT' && keyword !== 'HEALTHCHECK' && keyword !== 'ONBUILD') {
      instr.args = argsOf(instr, text, index, escape, lookup, anyAst.getJSONStrings?.bind(ast));
    }

    if (keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'HEALTHCHECK') {
      instr.command = commandLineOf(nonPosix, instr, text, index, lookup, anyAst.getJSONStrings?.bind(ast), logical.next);
    }
    return instr;
  };

  const instructions = df.getInstructions();
  instructions.forEach((ast, idx) => {
    const keyword = ast.getKeyword().toUpperCase();
    if (keyword === 'FROM') {
      const bindings = meta;
      const instr = convert(ast, idx, bindings, undefined);
      const st: Stage = {
        index: model.stages.length,
        from: instr,
        scratch: false,
        instructions: [instr],
        shipped: false,
        final: false,
        user: { resolved: true },
        baseNonRoot: false,
        copiesFrom: [],
      };
      instr.stage = st;
      const args = instr.args;
      const image = args[0];
      if (image) {
        const literal = image.raw === image.value;
        st.image = parseImageRef(image.value, image.resolved, image.start, image.end, literal);
        st.scratch = image.value.toLowerCase() === 'scratch';
        const parentName = image.value.toLowerCase();
        st.parent = model.stages.find((s) => s.name === parentName);
      }
      if (args.length >= 3 && args[1].value.toLowerCase() === 'as') {
        st.name = args[2].value.toLowerCase();
        st.nameStart = args[2].start;
        st.nameEnd = args[2].end;
      }
      model.stages.push(st);
      stage = st;
      nonPosix = st.parent ? (stageNonPosix.get(st.parent) ?? false) : /(^|\/)windows(\/|$)|nanoserver|servercore/i.test(st.image?.text ?? '');
      stageNonPosix.set(st, nonPosix);
      // ENV is inherited from the parent stage; ARGs are not.
      scope = st.parent ? stageEnv.get(st.parent) : metaEnd;
      stageEnv.set(st, scope);
      model.instructions.push(instr);
      model.allInstructions.push(instr);
      return;
    }
    const instr = convert(ast, idx, scope, stage);
    model.instructions.push(instr);
    model.allInstructions.push(instr);
    if (!stage) {
      if (keyword === 'ARG') model.metaArgs.push(instr);
    } else stage.instructions.push(instr);
    if (keyword === 'ONBUILD') {
      try {
        const trig = (ast as import('dockerfile-ast').Onbuild).getTriggerInstruction();
        if (trig) {
          const t = convert(trig, idx, scope, stage);
          t.onbuild = instr;
          instr.trigger = t;
          model.allInstructions.push(t);
        }
      } catch {
        // An unreadable trigger is reported by DKR000 through the ONBUILD itself.
      }
    }
    if (keyword === 'SHELL' && stage) {
      try {
        const v = JSON.parse(instr.argText.text);
        if (Array.isArray(v) && typeof v[0] === 'string') nonPosix = /(^|[\\/])(pwsh|powershell|cmd)(\.exe)?$/i.test(v[0]);
      } catch {
        // not JSON: DKR000
      }
      stageNonPosix.set(stage, nonPosix);
    }
    // Variable bindings after this instruction.
    if (keyword === 'ARG') {
      for (const p of instr.properties) {
        let value: string | null = p.value !== undefined ? (p.resolved ? p.value : null) : null;
        if (stage && p.value === undefined) {
          // `ARG NAME` inside a stage takes the global default, if any.
          const g = lookupIn(meta)(p.name);
          value = g === undefined ? null : g;
        }
        if (!stage) meta = { name: p.name, value, kind: 'arg', next: meta };
        scope = { name: p.name, value, kind: 'arg', next: scope };
      }
      if (!stage) scope = meta;
    } else if (keyword === 'ENV' && stage) {
      for (const p of instr.properties) scope = { name: p.name, value: p.resolved && p.value !== undefined ? p.value : null, kind: 'env', next: scope };
      // Only ENV bindings are inherited by child stages: keep a chain of ENVs per stage.
      let env = stageEnv.get(stage);
      for (const p of instr.properties) env = { name: p.name, value: p.resolved && p.value !== undefined ? p.value : null, kind: 'env', next: env };
      stageEnv.set(stage, env);
    }
  });

  finishStages(model, opts.config);
  model.comments = commentsOf(df, model);
  readDockerignore(model);
  return model;
}

function argsOf(
  instr: DInstruction,
  text: string,
  index: LineIndex,
  escape: string,
  lookup: VarLookup,
  getJSONStrings: (() => import('dockerfile-ast').JSONArgument[]) | undefined,
): DArg[] {
  const t = instr.argText;
  if (t.text.startsWith('[') && (instr.keyword === 'COPY' || instr.keyword === 'ADD' || instr.keyword === 'VOLUME' || instr.keyword === 'SHELL')) {
    const exec = execArgs(instr, text, index, getJSONStrings);
    if (exec) return exec;
  }
  // BuildKit splits these at blanks without looking at quotes (parseStringsWhitespaceDelimited /
  // parseMaybeJSONToList); quotes are handled later, word by word.
  const fields: { raw: string; start: number; end: number }[] = [];
  for (const m of t.text.matchAll(/\S+/g)) fields.push({ raw: m[0], start: m.index!, end: m.index! + m[0].length });
  return fields.map((f) => {
    const ex = expandWord(f.raw, escape, lookup);
    return { raw: f.raw, value: ex.value, resolved: ex.resolved, start: t.map[f.start], end: t.map[f.end - 1] + 1 };
  });
}

/** Exec-form (JSON array) arguments, or undefined when the text is not a JSON array of strings. */
function execArgs(
  instr: DInstruction,
  text: string,
  index: LineIndex,
  getJSONStrings: (() => import('dockerfile-ast').JSONArgument[]) | undefined,
  from = 0,
): DArg[] | undefined {
  const t = instr.argText;
  const body = t.text.slice(from).trim();
  if (!body.startsWith('[')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) return undefined;
  const values = parsed as string[];
  let strings: import('dockerfile-ast').JSONArgument[] = [];
  try {
    strings = getJSONStrings?.() ?? [];
  } catch {
    strings = [];
  }
  if (strings.length === values.length) {
    return strings.map((s, k) => {
      const jr = s.getJSONRange();
      const a = index.offsetAt(jr.start);
      const b = index.offsetAt(jr.end);
      let value = values[k];
      try {
        // getJSONValue() drops whitespace: decode the literal text instead.
        value = JSON.parse(text.slice(a, b));
      } catch {
        // keep the array's value
      }
      return { raw: text.slice(a, b), value, resolved: true, start: a, end: b };
    });
  }
  const a = t.map[0];
  const b = t.map[t.text.length];
  return values.map((v) => ({ raw: v, value: v, resolved: true, start: a, end: b }));
}

function commandLineOf(
  nonPosix: boolean,
  instr: DInstruction,
  text: string,
  index: LineIndex,
  lookup: VarLookup,
  getJSONStrings: (() => import('dockerfile-ast').JSONArgument[]) | undefined,
  bodyStart: number,
): CommandLine | undefined {
  let t = instr.argText;
  if (instr.keyword === 'HEALTHCHECK') {
    const m = /^(\S+)(\s*)/.exec(t.text);
    if (!m || m[1].toUpperCase() !== 'CMD') return undefined;
    const skip = m[0].length;
    t = { text: t.text.slice(skip), map: t.map.subarray(skip) };
    if (!t.text) return undefined;
  }
  const start = t.map[0];
  const end = t.map[t.text.length];
  if (t.text.startsWith('[')) {
    const exec = execArgs({ ...instr, argText: t }, text, index, instr.keyword === 'HEALTHCHECK' ? undefined : getJSONStrings);
    if (exec) {
      const cl: CommandLine = { form: 'exec', exec, start, end };
      // ["sh", "-c", "script"]: the script is shell.
      const shellName = exec[0] ? exec[0].value.slice(exec[0].value.lastIndexOf('/') + 1) : '';
      if (SHELLS.has(shellName)) {
        const ci = exec.findIndex((a, k) => k > 0 && /^-[a-z]+$/.test(a.value) && a.value.includes('c'));
        const scriptArg = ci > 0 ? exec[ci + 1] : undefined;
        if (scriptArg && (text[scriptArg.start] === '"' || text[scriptArg.start - 1] === '"')) {
          const q = text[scriptArg.start] === '"' ? scriptArg.start : scriptArg.start - 1;
          const m = jsonStringMapped(text, q, text[scriptArg.end - 1] === '"' && scriptArg.end - 1 > q ? scriptArg.end : scriptArg.end + 1);
          cl.text = m;
          cl.script = parseShell(m, { lookup });
        }
      }
      return cl;
    }
  }
  if (nonPosix) return { form: 'shell', start, end };
  // Shell form: the logical line plus heredoc bodies.
  const pieces: Mapped[] = [t];
  if (instr.heredocs.length > 0 && bodyStart < instr.end) pieces.push(identityMapped(text, bodyStart, instr.end));
  const m = pieces.length > 1 ? joinMapped(pieces, '\n') : t;
  const script = parseShell(m, { lookup });
  const cl: CommandLine = { form: 'shell', text: m, script, start, end };
  expandHeredocScripts(cl, text, lookup);
  return cl;
}

/**
 * `RUN <<EOF` (a heredoc as the whole command) and `RUN bash <<EOF` run the heredoc body as a
 * shell script: parse those bodies too (unless a shebang names another interpreter).
 */
function expandHeredocScripts(cl: CommandLine, text: string, lookup: VarLookup): void {
  const script = cl.script!;
  const extra: Script[] = [];
  for (const c of script.commands) {
    if (c.depth > 0) continue;
    const name = commandName(c.words[0]);
    const bare = c.words.length === 0;
    const shellNoScript = SHELLS.has(name) && c.words.slice(1).every((w) => w.value.startsWith('-'));
    if (!bare && !shellNoScript) continue;
    for (const r of c.redirects) {
      if (!r.heredoc || (r.op !== '<<' && r.op !== '<<-')) continue;
      const body = r.heredoc;
      const first = body.text.split('\n', 1)[0];
      if (first.startsWith('#!')) {
        const interp = first.slice(2).trim().split(/\s+/);
        const prog = (interp[0] ?? '').split('/').pop() ?? '';
        const real = prog === 'env' ? (interp[1] ?? '') : prog;
        if (!SHELLS.has(real)) continue;
      }
      extra.push(parseShell(identityMapped(text, body.start, body.end), { lookup }));
      if (bare) cl.heredocScript = true;
    }
  }
  for (const s of extra) {
    script.commands.push(...s.commands);
    script.pipelines.push(...s.pipelines);
    script.heredocs.push(...s.heredocs);
    script.errors.push(...s.errors);
  }
  if (extra.length) script.commands.sort((a: Command, b: Command) => a.start - b.start || a.depth - b.depth);
}

function finishStages(model: DockerModel, config: ProjectConfig): void {
  const stages = model.stages;
  if (stages.length === 0) return;
  const target = config.docker?.target?.toLowerCase();
  const final = (target && stages.find((s) => s.name === target)) || stages[stages.length - 1];
  model.finalStage = final;
  final.final = true;
  for (let s: Stage | undefined = final; s; s = s.parent) s.shipped = true;

  for (const st of stages) {
    // Effective user: inherited from the parent stage, changed by USER.
    let user: EffectiveUser = st.parent ? { ...st.parent.user } : { resolved: true };
    for (const instr of st.instructions) {
      if (instr.keyword === 'USER' && instr.args.length > 0) {
        const v = instr.args.map((a) => a.value).join(' ');
        user = { value: v, resolved: instr.args.every((a) => a.resolved), instruction: instr };
      }
      if ((instr.keyword === 'COPY' || instr.keyword === 'ADD') && !instr.onbuild) {
        const from = instr.flags.find((f) => f.name === 'from');
        const src = from?.value ? stageByRef(model, from.value, st) : undefined;
        if (src && src !== st && !st.copiesFrom.includes(src)) st.copiesFrom.push(src);
      }
    }
    st.user = user;
    let root: Stage = st;
    while (root.parent) root = root.parent;
    st.baseNonRoot = !!root.image && root.image.resolved && !root.scratch && runsAsNonRoot(root.image);
  }
}

/** The stage a `--from` value or FROM image names: an earlier stage's name or index. */
export function stageByRef(model: DockerModel, ref: string, current?: Stage): Stage | undefined {
  const lower = ref.toLowerCase();
  const limit = current ? current.index : model.stages.length;
  if (/^\d+$/.test(ref)) {
    const n = Number(ref);
    return n < model.stages.length ? model.stages[n] : undefined;
  }
  for (let k = 0; k < Math.min(limit + 1, model.stages.length); k++) if (model.stages[k].name === lower) return model.stages[k];
  return undefined;
}

function commentsOf(df: ReturnType<typeof DockerfileParser.parse>, model: DockerModel): DockerComment[] {
  const out: DockerComment[] = [];
  const idx = model.index;
  const instrs = model.instructions;
  let next = 0;
  const rawComments = df.getComments().map((c) => c.getRange().start);
  // Parser-directive lines are comments too (`# hadolint global ignore=…` on line 1 reads as one).
  for (const d of df.getDirectives()) rawComments.push({ line: d.getRange().start.line, character: 0 });
  // Shell comments inside heredoc scripts (`RUN <<EOF`) are comments too.
  for (const instr of instrs) {
    if (instr.keyword !== 'RUN' || !instr.command?.script) continue;
    for (const h of instr.heredocs) {
      const startLine = idx.positionAt(h.start).line;
      const endLine = idx.positionAt(Math.max(h.start, h.end - 1)).line;
      for (let l = startLine; l <= endLine && h.end > h.start; l++) {
        const lt = idx.lineText(l);
        const k = lt.search(/\S/);
        if (k >= 0 && lt[k] === '#' && lt[k + 1] !== '!') rawComments.push({ line: l, character: k });
      }
    }
  }
  rawComments.sort((a, b) => a.line - b.line || a.character - b.character);
  for (const p of rawComments) {
    const lineText = idx.lineText(p.line);
    const hash = lineText.indexOf('#', p.character);
    if (hash < 0) continue;
    const c: DockerComment = { line: p.line, character: hash, text: lineText.slice(hash + 1), wholeLine: lineText.slice(0, hash).trim() === '' };
    while (next < instrs.length && instrs[next].endLine < p.line) next++;
    // The instruction the comment stands before (comments inside a continued instruction cover the rest of it).
    const target = instrs[next];
    if (target) {
      const st = target.stage;
      c.nextFirst = Math.max(target.startLine, p.line + 1);
      c.nextLast = target.endLine;
      c.stageEnd = st ? st.instructions[st.instructions.length - 1].endLine : target.endLine;
    }
    out.push(c);
  }
  return out;
}

function readDockerignore(model: DockerModel): void {
  if (!path.isAbsolute(model.file)) return;
  const specific = `${model.file}.dockerignore`;
  for (const candidate of [specific, path.join(model.contextDir, '.dockerignore')]) {
    const r = model.ws.read(candidate);
    if (r.ok) {
      model.dockerignore = { file: candidate, text: r.text };
      return;
    }
  }
}
