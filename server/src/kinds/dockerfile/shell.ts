// A POSIX-sh (plus common bash) command splitter for the shell inside RUN / CMD / ENTRYPOINT:
// it splits a script into commands at `&&`, `||`, `;`, `|`, `&` and newlines, honouring quotes,
// escapes, line continuations, `$(…)`, backticks, `<(…)`, subshells, `if`/`for`/`while`/`case`
// and heredocs, and gives every word its value (known ARG/ENV values substituted) and exact
// source offsets. It never executes anything and never throws; it runs in linear time (nested
// substitutions are parsed once, in place).
import type { Mapped } from './text';

export interface Expansion {
  /** Variable name, or '' for command / process substitution and arithmetic. */
  name: string;
  kind: 'var' | 'cmd' | 'proc' | 'arith' | 'special';
  /** Inside double quotes. */
  quoted: boolean;
  /** `${X:?…}` / `${X?…}`: the shell stops when it is unset. */
  guarded: boolean;
  /** `${X:-…}` / `${X-…}` with a non-empty default. */
  defaulted: boolean;
  start: number;
  end: number;
}

export interface Word {
  /** Source offsets (into the Dockerfile text). */
  start: number;
  end: number;
  /** The word as written (in the joined logical text). */
  raw: string;
  /** Value after quote removal and substitution of known variables (unknown ones stay as written). */
  value: string;
  /** False when the value depends on something unknown (unset variable, command substitution…). */
  resolved: boolean;
  /** Contains quotes or escapes. */
  quoted: boolean;
  expansions: Expansion[];
  /** Produced by word-splitting an unquoted variable whose known value has blanks. */
  split?: boolean;
}

export interface Heredoc {
  delimiter: string;
  quoted: boolean;
  /** `<<-`: leading tabs stripped. */
  strip: boolean;
  /** Source offsets of the body (without the delimiter line). */
  start: number;
  end: number;
  /** Body text. */
  text: string;
}

export interface Redirect {
  op: string;
  fd?: string;
  target?: Word;
  heredoc?: Heredoc;
  start: number;
  end: number;
}

export type Connector = '&&' | '||';

export interface Command {
  /** Assignments before the command name (`A=1 B=2 cmd`), or the whole command when it has no name. */
  assignments: Word[];
  /** Name followed by arguments. */
  words: Word[];
  redirects: Redirect[];
  start: number;
  end: number;
  pipeline: Pipeline;
  /** Nesting: 0 at top level, +1 inside each `$(…)`, backticks, `<(…)`. */
  depth: number;
  /** Inside a subshell or brace group, or an `if`/loop/case body. */
  compound: boolean;
  /** A `[[ … ]]` test. */
  test?: boolean;
}

export interface Pipeline {
  commands: Command[];
  negated: boolean;
  /** Operator joining this pipeline to the previous one of its and-or list. */
  connector?: Connector;
  /** The and-or list's previous pipeline, if any. */
  prev?: Pipeline;
  /** The following pipeline of the and-or list and its connector, if any. */
  next?: Pipeline;
  start: number;
  end: number;
  /** Which `|` operators (source offsets) join the commands: `ops[i]` is between commands i and i+1. */
  pipes: { op: string; start: number; end: number }[];
  depth: number;
  /** Terminator of the and-or list this pipeline belongs to (`;`, `&`, newline, or end). */
  listEnd?: ';' | '&' | '\n' | ';;';
}

export interface ShellError {
  message: string;
  start: number;
  end: number;
}

export interface Script {
  /** Every command in source order, nested ones included (see `depth`). */
  commands: Command[];
  pipelines: Pipeline[];
  heredocs: Heredoc[];
  errors: ShellError[];
}

export interface ShellOptions {
  /** Known values of ARG/ENV variables at this point (null: declared, value unknown). */
  lookup?: (name: string) => string | null | undefined;
}

const RESERVED_SKIP = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '{', '!', 'time']);
const RESERVED_END = new Set(['fi', 'done', 'esac', '}']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t';
}

function isMeta(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === '<' || c === '>' || c === '(' || c === ')';
}

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  strip: boolean;
  quoted: boolean;
}

class Parser {
  readonly s: string;
  i = 0;
  readonly script: Script = { commands: [], pipelines: [], heredocs: [], errors: [] };
  private pending: PendingHeredoc[] = [];
  private readonly localVars = new Map<string, string | null>();
  private guard = 0;

  constructor(
    private readonly m: Mapped,
    private readonly opts: ShellOptions,
  ) {
    this.s = m.text;
  }

  src(v: number): number {
    return this.m.map[Math.max(0, Math.min(v, this.s.length))];
  }

  srcEnd(vStart: number, vEnd: number): number {
    if (vEnd <= vStart) return this.src(vStart);
    return this.m.map[Math.min(vEnd, this.s.length) - 1] + 1;
  }

  lookup(name: string): string | null | undefined {
    if (this.localVars.has(name)) return this.localVars.get(name);
    return this.opts.lookup?.(name);
  }

  error(message: string, vStart: number, vEnd: number): void {
    this.script.errors.push({ message, start: this.src(vStart), end: this.srcEnd(vStart, vEnd) });
  }

  /** Skips blanks, `\`-newline continuations and comments (not the newline ending a comment). */
  skipBlanks(): void {
    const s = this.s;
    for (;;) {
      const c = s[this.i];
      if (c === ' ' || c === '\t') this.i++;
      else if (c === '\\' && s[this.i + 1] === '\n') this.i += 2;
      else if (c === '\\' && s[this.i + 1] === '\r' && s[this.i + 2] === '\n') this.i += 3;
      else if (c === '\r' && s[this.i + 1] === '\n') this.i++;
      else if (c === '#') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else break;
    }
  }

  /** Consumes a newline and reads the bodies of pending heredocs. */
  newline(): void {
    const s = this.s;
    if (s[this.i] === '\n') this.i++;
    if (this.pending.length === 0) return;
    const pend = this.pending;
    this.pending = [];
    for (const p of pend) {
      const bodyStart = this.i;
      /** The body runs from bodyStart to `end` (its delimiter line, or the end of the text). */
      const attach = (end: number) => {
        const doc: Heredoc = {
          delimiter: p.delimiter,
          quoted: p.quoted,
          strip: p.strip,
          start: this.src(bodyStart),
          end: this.srcEnd(bodyStart, end),
          text: s.slice(bodyStart, end),
        };
        p.redirect.heredoc = doc;
        this.script.heredocs.push(doc);
      };
      let found = false;
      while (this.i < s.length) {
        let le = s.indexOf('\n', this.i);
        if (le < 0) le = s.length;
        let line = s.slice(this.i, le);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if ((p.strip ? line.replace(/^\t+/, '') : line) === p.delimiter) {
          attach(this.i);
          this.i = Math.min(le + 1, s.length);
          found = true;
          break;
        }
        this.i = le + 1;
      }
      if (!found) {
        this.i = Math.min(this.i, s.length);
        attach(this.i);
      }
    }
  }

  /** Parses a list of and-or lists until `stop` (a closing `)` or `}` handled by the caller) or the end. */
  parseList(depth: number, compound: boolean, stop: ')' | '' | ';;' = ''): void {
    const s = this.s;
    for (;;) {
      if (++this.guard > 10 * (s.length + 10)) return; // cannot happen; belt and braces against a loop
      this.skipBlanks();
      if (this.i >= s.length) return;
      const c = s[this.i];
      if (c === '\n') {
        this.newline();
        continue;
      }
      if (c === ';') {
        if (s[this.i + 1] === ';') {
          if (stop === ';;') return;
          this.i += 2;
          continue;
        }
        this.i++;
        continue;
      }
      if (c === '&') {
        this.i++;
        continue;
      }
      if (c === ')') {
        if (stop === ')' || stop === ';;') return;
        this.error('unexpected ")"', this.i, this.i + 1);
        this.i++;
        continue;
      }
      if (stop === ';;' && this.peekWord() === 'esac') return;
      const before = this.i;
      this.parseAndOr(depth, compound, stop);
      if (this.i === before) this.i++;
    }
  }

  /** The next bare word (letters only) without consuming it. */
  peekWord(): string {
    let j = this.i;
    while (j < this.s.length && /[A-Za-z]/.test(this.s[j])) j++;
    if (j < this.s.length && !isMeta(this.s[j])) return '';
    return this.s.slice(this.i, j);
  }

  parseAndOr(depth: number, compound: boolean, stop: ')' | '' | ';;'): void {
    let prev: Pipeline | undefined;
    let connector: Connector | undefined;
    for (;;) {
      const p = this.parsePipeline(depth, compound, stop);
      if (p) {
        p.connector = connector;
        p.prev = prev;
        if (prev) prev.next = p;
        prev = p;
      }
      this.skipBlanks();
      const s = this.s;
      if (s[this.i] === '&' && s[this.i + 1] === '&') connector = '&&';
      else if (s[this.i] === '|' && s[this.i + 1] === '|') connector = '||';
      else {
        const c = s[this.i];
        const end = c === ';' ? (s[this.i + 1] === ';' ? ';;' : ';') : c === '&' ? '&' : c === '\n' ? '\n' : undefined;
        for (let q = prev; q; q = q.prev) q.listEnd = end;
        return;
      }
      this.i += 2;
      // Newlines may follow && and ||.
      for (;;) {
        this.skipBlanks();
        if (this.s[this.i] === '\n') this.newline();
        else break;
      }
    }
  }

  parsePipeline(depth: number, compound: boolean, stop: ')' | '' | ';;'): Pipeline | undefined {
    const start = this.i;
    const p: Pipeline = { commands: [], negated: false, start: this.src(start), end: this.src(start), pipes: [], depth };
    this.skipBlanks();
    if (this.s[this.i] === '!' && (isBlank(this.s[this.i + 1] ?? ' ') || this.s[this.i + 1] === undefined)) {
      p.negated = true;
      this.i++;
    }
    for (;;) {
      const cmd = this.parseCommand(p, depth, compound, stop);
      if (cmd) p.commands.push(cmd);
      this.skipBlanks();
      const s = this.s;
      if (s[this.i] === '|' && s[this.i + 1] !== '|') {
        const opStart = this.i;
        this.i += s[this.i + 1] === '&' ? 2 : 1;
        p.pipes.push({ op: s.slice(opStart, this.i), start: this.src(opStart), end: this.srcEnd(opStart, this.i) });
        for (;;) {
          this.skipBlanks();
          if (this.s[this.i] === '\n') this.newline();
          else break;
        }
        continue;
      }
      break;
    }
    if (p.commands.length === 0) return undefined;
    p.start = p.commands[0].start;
    p.end = p.commands[p.commands.length - 1].end;
    this.script.pipelines.push(p);
    return p;
  }

  parseCommand(p: Pipeline, depth: number, compound: boolean, stop: ')' | '' | ';;'): Command | undefined {
    const s = this.s;
    const cmd: Command = { assignments: [], words: [], redirects: [], start: 0, end: 0, pipeline: p, depth, compound };
    let vStart = -1;
    let vEnd = -1;
    const mark = (a: number, b: number) => {
      if (vStart < 0) vStart = a;
      vEnd = Math.max(vEnd, b);
    };
    // Index in script.commands where this command goes (nested commands parsed meanwhile come after it).
    const slot = this.script.commands.length;
    this.script.commands.push(cmd);
    let loops = 0;
    for (;;) {
      if (++loops > s.length + 10) break;
      this.skipBlanks();
      if (this.i >= s.length) break;
      const c = s[this.i];
      if (c === '\n' || c === ';' || c === ')' || c === '|') break;
      if (c === '&') {
        if (s[this.i + 1] === '>') {
          this.readRedirect(cmd, mark);
          continue;
        }
        break;
      }
      // Subshell / brace group at command position.
      if (c === '(' && cmd.words.length === 0 && cmd.assignments.length === 0) {
        if (s[this.i + 1] === '(') {
          // Arithmetic command (( … )).
          const a = this.i;
          this.skipArith(this.i + 2);
          mark(a, this.i);
          continue;
        }
        const a = this.i;
        this.i++;
        this.parseList(depth, true, ')');
        if (s[this.i] === ')') this.i++;
        else this.error('unterminated "(": missing ")"', a, a + 1);
        mark(a, this.i);
        continue;
      }
      if (c === '(' && cmd.words.length === 1 && s[this.i + 1] === ')') {
        // Function definition: name() body
        this.i += 2;
        cmd.words = [];
        continue;
      }
      if ((c === '<' || c === '>') && s[this.i + 1] === '(') {
        const w = this.readWord(depth);
        if (w) {
          mark(this.vLast0, this.vLast1);
          this.pushWord(cmd, w);
        }
        continue;
      }
      if (c === '<' || c === '>' || (/[0-9]/.test(c) && this.isFdRedirect())) {
        this.readRedirect(cmd, mark);
        continue;
      }
      if (c === '(') {
        this.error('unexpected "("', this.i, this.i + 1);
        this.i++;
        continue;
      }
      // A word.
      const wStart = this.i;
      const bare = this.peekWord();
      if (stop === ';;' && cmd.words.length === 0 && bare === 'esac') break;
      if (cmd.words.length === 0 && cmd.assignments.length === 0 && (c === '{' || c === '}') && (this.i + 1 >= s.length || isMeta(s[this.i + 1]))) {
        this.i++;
        if (c === '{') cmd.compound = compound = true;
        continue;
      }
      if (cmd.words.length === 0 && cmd.assignments.length === 0 && bare) {
        if (RESERVED_SKIP.has(bare) || RESERVED_END.has(bare)) {
          this.i += bare.length;
          compound = compound || RESERVED_SKIP.has(bare);
          cmd.compound = compound;
          continue;
        }
        if (bare === 'for' || bare === 'select') {
          this.skipForHeader();
          cmd.compound = compound = true;
          continue;
        }
        if (bare === 'case') {
          this.parseCase(depth);
          cmd.compound = compound = true;
          continue;
        }
        if (bare === 'function') {
          this.i += bare.length;
          this.skipBlanks();
          this.readWord(depth);
          continue;
        }
        if (bare === 'esac' || bare === 'in') {
          this.i += bare.length;
          continue;
        }
      }
      if (cmd.words.length === 0 && s[this.i] === '[' && s[this.i + 1] === '[' && isBlank(s[this.i + 2] ?? ' ')) {
        this.readTest(cmd, depth, mark);
        continue;
      }
      const w = this.readWord(depth);
      if (!w) {
        if (this.i === wStart) this.i++;
        continue;
      }
      mark(this.vLast0, this.vLast1);
      if (cmd.words.length === 0 && ASSIGNMENT.test(w.raw)) {
        if (w.raw.endsWith('=') && s[this.i] === '(') {
          // Array assignment a=(x y): read up to the matching parenthesis.
          const a0 = this.i;
          let d = 0;
          let q = '';
          while (this.i < s.length) {
            const ch = s[this.i];
            if (q) {
              if (ch === '\\' && q === '"') this.i++;
              else if (ch === q) q = '';
            } else if (ch === '\\') this.i++;
            else if (ch === "'" || ch === '"') q = ch;
            else if (ch === '(') d++;
            else if (ch === ')' && --d === 0) {
              this.i++;
              break;
            }
            this.i++;
          }
          w.raw += s.slice(a0, this.i);
          w.value += s.slice(a0, this.i);
          w.resolved = false;
          w.end = this.srcEnd(a0, this.i);
          mark(a0, this.i);
        }
        cmd.assignments.push(w);
        continue;
      }
      this.pushWord(cmd, w);
    }
    if (vStart < 0) {
      this.script.commands.splice(slot, 1);
      return undefined;
    }
    cmd.start = this.src(vStart);
    cmd.end = this.srcEnd(vStart, vEnd);
    this.trackAssignments(cmd);
    return cmd;
  }

  private vLast0 = 0;
  private vLast1 = 0;

  /** Adds a word, splitting an unquoted variable whose known value contains blanks. */
  pushWord(cmd: Command, w: Word): void {
    if (!w.quoted && w.resolved && w.expansions.length === 1 && w.expansions[0].kind === 'var' && w.raw.startsWith('$')) {
      const e = w.expansions[0];
      const whole = e.end - e.start === w.end - w.start;
      if (whole && /\s/.test(w.value)) {
        for (const part of w.value.split(/\s+/).filter(Boolean)) cmd.words.push({ ...w, value: part, split: true });
        return;
      }
      if (whole && w.value === '') return;
    }
    cmd.words.push(w);
  }

  trackAssignments(cmd: Command): void {
    if (cmd.depth > 0) return;
    const set = (w: Word) => {
      const eq = w.raw.indexOf('=');
      const name = w.raw.slice(0, eq).replace(/\+$/, '');
      const valueStart = w.value.indexOf('=');
      this.localVars.set(name, w.resolved ? w.value.slice(valueStart + 1) : null);
    };
    if (cmd.words.length === 0) cmd.assignments.forEach(set);
    else if (cmd.words[0].value === 'export' || cmd.words[0].value === 'readonly' || cmd.words[0].value === 'declare') {
      for (const w of cmd.words.slice(1)) if (ASSIGNMENT.test(w.raw)) set(w);
    }
  }

  isFdRedirect(): boolean {
    let j = this.i;
    while (j < this.s.length && /[0-9]/.test(this.s[j])) j++;
    return j > this.i && (this.s[j] === '<' || this.s[j] === '>') && this.s[j + 1] !== '(';
  }

  readRedirect(cmd: Command, mark: (a: number, b: number) => void): void {
    const s = this.s;
    const a = this.i;
    let fd = '';
    while (/[0-9]/.test(s[this.i] ?? '')) fd += s[this.i++];
    let op = '';
    const ops = ['<<<', '<<-', '&>>', '<<', '>>', '>&', '<&', '<>', '>|', '&>', '<', '>'];
    for (const o of ops) {
      if (s.startsWith(o, this.i)) {
        op = o;
        break;
      }
    }
    this.i += op.length || 1;
    const r: Redirect = { op, fd: fd || undefined, start: this.src(a), end: this.srcEnd(a, this.i) };
    this.skipBlanks();
    if ((op === '>&' || op === '<&') && s[this.i] === '-') {
      this.i++;
    } else if (this.i < s.length && !isMeta(s[this.i]) && s[this.i] !== '\n') {
      const w = this.readWord(cmd.depth);
      if (w) {
        r.target = w;
        r.end = w.end;
        if (op === '<<' || op === '<<-') {
          this.pending.push({ redirect: r, delimiter: w.value, strip: op === '<<-', quoted: w.quoted });
        }
      }
    } else {
      this.error(`missing target after "${op}"`, a, this.i);
    }
    cmd.redirects.push(r);
    mark(a, this.i);
  }

  skipArith(from: number): void {
    // From just after `((`: find the matching `))`.
    const s = this.s;
    let depth = 1;
    let j = from;
    while (j < s.length) {
      if (s[j] === '(') depth++;
      else if (s[j] === ')') {
        depth--;
        if (depth === 0) {
          j += s[j + 1] === ')' ? 2 : 1;
          this.i = j;
          return;
        }
      }
      j++;
    }
    this.error('unterminated arithmetic "(("', from - 2, from);
    this.i = s.length;
  }

  /** `for name [in words…]` up to the `;` / newline before `do` (the words are not commands). */
  skipForHeader(): void {
    const s = this.s;
    this.i += this.peekWord().length;
    this.skipBlanks();
    if (s[this.i] === '(' && s[this.i + 1] === '(') {
      this.skipArith(this.i + 2);
      return;
    }
    while (this.i < s.length && s[this.i] !== '\n' && s[this.i] !== ';') {
      this.skipBlanks();
      if (this.i >= s.length || s[this.i] === '\n' || s[this.i] === ';') break;
      const before = this.i;
      this.readWord(1);
      if (this.i === before) this.i++;
    }
  }

  /** `case word in pattern) list ;; … esac`. */
  parseCase(depth: number): void {
    const s = this.s;
    const a = this.i;
    this.i += 4;
    this.skipBlanks();
    this.readWord(depth);
    this.skipBlanks();
    if (this.peekWord() === 'in') this.i += 2;
    for (let guard = 0; guard < s.length + 10; guard++) {
      this.skipBlanks();
      while (s[this.i] === '\n' || s[this.i] === ';') {
        if (s[this.i] === '\n') this.newline();
        else this.i++;
        this.skipBlanks();
      }
      if (this.i >= s.length) {
        this.error('unterminated "case": missing "esac"', a, a + 4);
        return;
      }
      if (this.peekWord() === 'esac') {
        this.i += 4;
        return;
      }
      // Pattern list up to ")".
      if (s[this.i] === '(') this.i++;
      while (this.i < s.length && s[this.i] !== ')' && s[this.i] !== '\n') {
        this.skipBlanks();
        if (s[this.i] === '|') {
          this.i++;
          continue;
        }
        if (s[this.i] === ')') break;
        const before = this.i;
        this.readWord(depth);
        if (this.i === before) this.i++;
      }
      if (s[this.i] === ')') this.i++;
      this.parseList(depth, true, ';;');
      if (s.startsWith(';;', this.i)) this.i += s[this.i + 2] === '&' ? 3 : 2;
      else if (s.startsWith(';&', this.i)) this.i += 2;
    }
  }

  /** `[[ … ]]`: everything up to `]]` is arguments (&&, ||, <, > included). */
  readTest(cmd: Command, depth: number, mark: (a: number, b: number) => void): void {
    const s = this.s;
    const a = this.i;
    cmd.test = true;
    for (let guard = 0; guard < s.length + 10; guard++) {
      this.skipBlanks();
      if (this.i >= s.length || s[this.i] === '\n') {
        this.error('unterminated "[[": missing "]]"', a, a + 2);
        return;
      }
      const ws = this.i;
      if (s.startsWith(']]', this.i) && (this.i + 2 >= s.length || isMeta(s[this.i + 2]))) {
        this.i += 2;
        const w = this.plainWord(ws, this.i);
        cmd.words.push(w);
        mark(a, this.i);
        return;
      }
      if (isMeta(s[this.i])) {
        let j = this.i;
        while (j < s.length && isMeta(s[j]) && !isBlank(s[j]) && s[j] !== '\n') j++;
        this.i = Math.max(j, this.i + 1);
        cmd.words.push(this.plainWord(ws, this.i));
        continue;
      }
      const w = this.readWord(depth);
      if (w) cmd.words.push(w);
      else this.i++;
      mark(a, this.i);
    }
  }

  plainWord(a: number, b: number): Word {
    const raw = this.s.slice(a, b);
    return { start: this.src(a), end: this.srcEnd(a, b), raw, value: raw, resolved: true, quoted: false, expansions: [] };
  }

  /**
   * Reads one word at `this.i` (quotes, escapes, expansions); undefined when at a metacharacter.
   * Sets vLast0/vLast1 to its virtual extent.
   */
  readWord(depth: number): Word | undefined {
    const s = this.s;
    const a = this.i;
    let value = '';
    let resolved = true;
    let quoted = false;
    const expansions: Expansion[] = [];
    const n = s.length;

    /** A substitution read from e0 to the cursor whose value is not known here: recorded, its text kept. */
    const opaque = (e0: number, kind: Expansion['kind'], inDouble: boolean): void => {
      expansions.push({ name: '', kind, quoted: inDouble, guarded: false, defaulted: false, start: this.src(e0), end: this.srcEnd(e0, this.i) });
      value += s.slice(e0, this.i);
      resolved = false;
    };
    /** The list inside `$(…)`, `<(…)` or `>(…)` opening at e0, parsed as commands of their own, and its `)`. */
    const subList = (e0: number, unterminated: string): void => {
      this.i = e0 + 2;
      this.parseList(depth + 1, false, ')');
      if (s[this.i] === ')') this.i++;
      else this.error(unterminated, e0, e0 + 2);
    };

    const expansion = (inDouble: boolean): void => {
      // s[this.i] === '$'
      const e0 = this.i;
      const nx = s[this.i + 1];
      if (nx === '(' && s[this.i + 2] === '(') {
        this.skipArith(this.i + 3);
        opaque(e0, 'arith', inDouble);
        return;
      }
      if (nx === '(') {
        subList(e0, 'unterminated "$(": missing ")"');
        opaque(e0, 'cmd', inDouble);
        return;
      }
      if (nx === '{') {
        let j = this.i + 2;
        let d = 1;
        let q = '';
        while (j < n && d > 0) {
          const ch = s[j];
          if (q) {
            if (ch === '\\' && q === '"') j++;
            else if (ch === q) q = '';
          } else if (ch === '\\') j++;
          else if (ch === "'" || ch === '"') q = ch;
          else if (ch === '{') d++;
          else if (ch === '}') d--;
          if (d > 0) j++;
        }
        if (j >= n) {
          this.error('unterminated "${": missing "}"', e0, e0 + 2);
          this.i = n;
          value += s.slice(e0);
          resolved = false;
          return;
        }
        const inner = s.slice(this.i + 2, j);
        this.i = j + 1;
        let k = 0;
        const lengthOp = inner.startsWith('#') && inner.length > 1;
        if (lengthOp) k = 1;
        const nameStart = k;
        if (k < inner.length && NAME_START.test(inner[k])) {
          k++;
          while (k < inner.length && NAME_CHAR.test(inner[k])) k++;
        } else if (k < inner.length && /[0-9@*#?$!-]/.test(inner[k])) k++;
        const name = inner.slice(nameStart, k);
        const rest = inner.slice(k);
        const op = /^(:?[-+?=])/.exec(rest)?.[1];
        const word = op ? rest.slice(op.length) : '';
        const exp: Expansion = {
          name,
          kind: NAME_START.test(name[0] ?? '') ? 'var' : 'special',
          quoted: inDouble,
          guarded: op === ':?' || op === '?',
          defaulted: (op === ':-' || op === '-' || op === ':=' || op === '=') && word !== '',
          start: this.src(e0),
          end: this.srcEnd(e0, this.i),
        };
        expansions.push(exp);
        if (lengthOp || exp.kind !== 'var') {
          value += s.slice(e0, this.i);
          resolved = false;
          return;
        }
        const v = this.lookup(name);
        const known = typeof v === 'string';
        if (!op && rest === '') {
          if (known) value += v;
          else {
            value += s.slice(e0, this.i);
            resolved = false;
          }
          return;
        }
        if ((op === ':-' || op === ':=') && !/[$`\\'"]/.test(word)) {
          if (known && v !== '') value += v;
          else if (v === undefined || known) value += word;
          else {
            value += s.slice(e0, this.i);
            resolved = false;
          }
          return;
        }
        if (known && (op === ':?' || op === '?')) {
          value += v;
          return;
        }
        value += s.slice(e0, this.i);
        resolved = false;
        return;
      }
      if (nx !== undefined && NAME_START.test(nx)) {
        let j = this.i + 2;
        while (j < n && NAME_CHAR.test(s[j])) j++;
        const name = s.slice(this.i + 1, j);
        this.i = j;
        expansions.push({ name, kind: 'var', quoted: inDouble, guarded: false, defaulted: false, start: this.src(e0), end: this.srcEnd(e0, j) });
        const v = this.lookup(name);
        if (typeof v === 'string') value += v;
        else {
          value += s.slice(e0, j);
          resolved = false;
        }
        return;
      }
      if (nx !== undefined && /[0-9@*#?$!-]/.test(nx)) {
        this.i += 2;
        expansions.push({ name: nx, kind: 'special', quoted: inDouble, guarded: false, defaulted: false, start: this.src(e0), end: this.srcEnd(e0, this.i) });
        value += s.slice(e0, this.i);
        resolved = false;
        return;
      }
      if (nx === "'" && !inDouble) {
        // $'…' ANSI-C quoting.
        const close = s.indexOf("'", this.i + 2);
        const e = close < 0 ? n : close;
        quoted = true;
        value += s.slice(this.i + 2, e);
        this.i = Math.min(e + 1, n);
        return;
      }
      value += '$';
      this.i++;
    };

    const backtick = (inDouble: boolean): void => {
      const e0 = this.i;
      let j = this.i + 1;
      while (j < n && s[j] !== '`') {
        if (s[j] === '\\') j++;
        j++;
      }
      if (j >= n) {
        this.error('unterminated backquote: missing closing "`"', e0, e0 + 1);
        j = n;
      }
      // Parse the inside as a script of its own, over the same text.
      const sub = new Parser({ text: s.slice(0, j), map: this.m.map }, this.opts);
      sub.i = e0 + 1;
      sub.parseList(depth + 1, false);
      for (const c of sub.script.commands) c.depth = Math.max(c.depth, depth + 1);
      this.script.commands.push(...sub.script.commands);
      this.script.pipelines.push(...sub.script.pipelines);
      this.script.errors.push(...sub.script.errors);
      this.i = Math.min(j + 1, n);
      opaque(e0, 'cmd', inDouble);
    };
    /** A `$…` or backquote substitution at the cursor, read (true), or none there. */
    const substitution = (ch: string, inDouble: boolean): boolean => {
      if (ch === '$') expansion(inDouble);
      else if (ch === '`') backtick(inDouble);
      else return false;
      return true;
    };

    while (this.i < n) {
      const c = s[this.i];
      if ((c === '<' || c === '>') && s[this.i + 1] === '(' && this.i === a) {
        const e0 = this.i;
        subList(e0, 'unterminated process substitution: missing ")"');
        opaque(e0, 'proc', false);
        continue;
      }
      if (isMeta(c)) break;
      if (c === '\\') {
        if (s[this.i + 1] === '\n') {
          this.i += 2;
          continue;
        }
        if (s[this.i + 1] === '\r' && s[this.i + 2] === '\n') {
          this.i += 3;
          continue;
        }
        quoted = true;
        if (this.i + 1 < n) value += s[this.i + 1];
        this.i += 2;
        continue;
      }
      if (c === "'") {
        quoted = true;
        const close = s.indexOf("'", this.i + 1);
        if (close < 0) {
          this.error('unterminated single quote', this.i, this.i + 1);
          value += s.slice(this.i + 1);
          this.i = n;
          break;
        }
        value += s.slice(this.i + 1, close);
        this.i = close + 1;
        continue;
      }
      if (c === '"') {
        quoted = true;
        const q0 = this.i;
        this.i++;
        let closed = false;
        while (this.i < n) {
          const d = s[this.i];
          if (d === '"') {
            closed = true;
            this.i++;
            break;
          }
          if (d === '\\') {
            const nx = s[this.i + 1];
            if (nx === '\n') this.i += 2;
            else if (nx === '$' || nx === '`' || nx === '"' || nx === '\\') {
              value += nx;
              this.i += 2;
            } else {
              value += d;
              this.i++;
            }
            continue;
          }
          if (substitution(d, true)) continue;
          value += d;
          this.i++;
        }
        if (!closed) this.error('unterminated double quote', q0, q0 + 1);
        continue;
      }
      if (substitution(c, false)) continue;
      value += c;
      this.i++;
    }
    if (this.i === a) return undefined;
    this.vLast0 = a;
    this.vLast1 = this.i;
    return { start: this.src(a), end: this.srcEnd(a, this.i), raw: s.slice(a, this.i), value, resolved, quoted, expansions };
  }
}

/** Parses a shell script (the mapped text of a RUN, CMD or ENTRYPOINT, heredoc bodies included). */
export function parseShell(m: Mapped, opts: ShellOptions = {}): Script {
  const p = new Parser(m, opts);
  try {
    p.parseList(0, false);
  } catch (e) {
    p.script.errors.push({ message: `internal shell parser error: ${(e as Error).message}`, start: m.map[0], end: m.map[m.text.length] });
  }
  p.script.commands.sort((a, b) => a.start - b.start || a.depth - b.depth);
  return p.script;
}

/** Basename of a command word (`/usr/bin/apt-get` → `apt-get`). */
export function commandName(w: Word | undefined): string {
  if (!w) return '';
  const v = w.value;
  const slash = v.lastIndexOf('/');
  return slash >= 0 ? v.slice(slash + 1) : v;
}
