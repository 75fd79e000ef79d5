// Speed-ups of dockerfile-ast 0.7 (pinned by the lockfile), installed once when the Dockerfile
// kind loads. Each keeps the library's results exactly (test/kinds/dockerfile/ast-patches.test.ts
// compares every fixture with a pristine copy of the library) and removes repeated or quadratic
// work that made the parse most of the analysis time.
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';

/**
 * dockerfile-ast recomputes an instruction's arguments (a scan of its text creating a Range per
 * word) on every getArguments / getFlags / getJSONStrings / getHeredocs call, about nine times
 * per RUN while parsing alone: two thirds of the parse time. The result depends only on the
 * instruction's text and range, which never change, so compute it once per instruction. Callers
 * get a fresh array each time (ModifiableInstruction.getArguments shifts the flags off it).
 */
function memoizeRawArguments(): void {
  const proto = Instruction.prototype as unknown as { getRawArguments(): unknown[]; __deployguardMemo?: boolean };
  if (proto.__deployguardMemo) return;
  const compute = proto.getRawArguments;
  const CACHE = Symbol('deployguard.rawArguments');
  proto.getRawArguments = function (this: { [CACHE]?: unknown[] }) {
    return (this[CACHE] ??= compute.call(this)).slice();
  };
  proto.__deployguardMemo = true;
}
memoizeRawArguments();

/**
 * dockerfile-ast's parser builds every instruction twice: once to look for heredocs after its
 * first line, then again with the range that includes them. Without heredocs both calls get the
 * same arguments: hand back the instruction built a moment ago instead of a second copy.
 */
function reuseInstructions(): void {
  type Create = (dockerfile: unknown, instruction: string, start: number, instructionEnd: number, end: number) => unknown;
  const proto = Parser.prototype as unknown as { createInstruction: Create; __deployguardReuse?: boolean };
  if (proto.__deployguardReuse || typeof proto.createInstruction !== 'function') return;
  const create = proto.createInstruction;
  const LAST = Symbol('deployguard.lastInstruction');
  proto.createInstruction = function (this: { [LAST]?: { args: unknown[]; result: unknown } }, ...args) {
    const last = this[LAST];
    if (last && last.args.length === args.length && last.args.every((a, k) => a === args[k])) return last.result;
    const result = create.apply(this, args);
    this[LAST] = { args, result };
    return result;
  } as Create;
  proto.__deployguardReuse = true;
}
reuseInstructions();

interface Pos {
  line: number;
  character: number;
}
interface Rng {
  start: Pos;
  end: Pos;
}
interface Template {
  getRange(): Rng;
  addComment(c: unknown): void;
}

/** dockerfile-ast's Util.isInsideRange. */
function isInsideRange(p: Pos, r: Rng): boolean {
  if (r.start.line === r.end.line) return r.start.line === p.line && r.start.character <= p.character && p.character <= r.end.character;
  if (r.start.line === p.line) return r.start.character <= p.character;
  if (r.end.line === p.line) return p.character <= r.end.character;
  return r.start.line < p.line && p.line < r.end.line;
}

const before = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character < b.character);

/**
 * dockerfile-ast hands each comment to the build stage containing it by testing every stage, and
 * recomputes every stage's range for each test: comments × stages range constructions at the end
 * of every parse (half the time on a file of many stages). Stages follow each other and comments
 * come in document order, so one pass with a moving start finds the same stages. When that order
 * does not hold, the original runs.
 */
function linearOrganizeComments(): void {
  const proto = Object.getPrototypeOf(DockerfileParser.parse('')) as {
    organizeComments(): void;
    __deployguardLinear?: boolean;
  };
  if (proto.__deployguardLinear || typeof proto.organizeComments !== 'function') return;
  const original = proto.organizeComments;
  proto.organizeComments = function (this: { getComments(): { getRange(): Rng }[]; initialInstructions: Template; buildStages: Template[] }) {
    const comments = this.getComments();
    const stages = this.buildStages;
    const ranges = stages.map((s) => s.getRange());
    const ordered =
      ranges.every((r, k) => !before(r.end, r.start) && (k === 0 || before(ranges[k - 1].end, r.start))) &&
      comments.every((c, k) => k === 0 || !before(c.getRange().start, comments[k - 1].getRange().start));
    if (!ordered) return original.call(this);
    const initial = this.initialInstructions.getRange();
    let k = 0;
    for (const c of comments) {
      const r = c.getRange();
      if (isInsideRange(r.end, initial)) {
        this.initialInstructions.addComment(c);
        continue;
      }
      while (k < ranges.length && before(ranges[k].end, r.start)) k++;
      for (let j = k; j < ranges.length && !before(r.start, ranges[j].start); j++) if (isInsideRange(r.start, ranges[j])) stages[j].addComment(c);
    }
  };
  proto.__deployguardLinear = true;
}
linearOrganizeComments();
