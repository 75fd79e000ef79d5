// The analysed form of a Dockerfile that every DKR rule reads.
import type { Instruction } from 'dockerfile-ast';
import type { LineIndex } from '../../engine/text';
import type { Comment, Range } from '../../engine/types';
import type { WorkspaceView } from '../../engine/workspace';
import type { Command, Script, Word } from './shell';
import type { Mapped, VarLookup } from './text';

/** A flag such as `--from=builder` (offsets into the Dockerfile text). */
export interface DFlag {
  name: string;
  /** Expanded value (null: flag without `=`). */
  value: string | null;
  rawValue: string | null;
  resolved: boolean;
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  valueStart?: number;
  valueEnd?: number;
}

/** A non-flag argument of COPY/ADD/USER/EXPOSE/WORKDIR/FROM… after Dockerfile-level expansion. */
export interface DArg {
  raw: string;
  value: string;
  resolved: boolean;
  start: number;
  end: number;
}

/** A `NAME=value` of ENV, ARG or LABEL. */
export interface DProperty {
  name: string;
  /** Expanded value; undefined when absent (`ARG NAME`). */
  value?: string;
  rawValue?: string;
  resolved: boolean;
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  valueStart?: number;
  valueEnd?: number;
  /** Legacy `ENV NAME value` form. */
  legacy?: boolean;
}

/** A heredoc body attached to an instruction (`RUN <<EOF`, `COPY <<EOF /dest`). */
export interface DHeredoc {
  name: string;
  start: number;
  end: number;
  text: string;
}

/** Parsed command part of RUN / CMD / ENTRYPOINT / HEALTHCHECK CMD. */
export interface CommandLine {
  form: 'shell' | 'exec';
  /** Exec form: the JSON array's strings with their source offsets. */
  exec?: DArg[];
  /** Shell script (shell form, heredoc scripts, or exec form `["sh","-c","…"]`); absent for other exec forms. */
  script?: Script;
  /** Mapped text of the script (shell form: the logical line plus heredoc bodies). */
  text?: Mapped;
  /** The command runs from a heredoc script (`RUN <<EOF`). */
  heredocScript?: boolean;
  /** Offsets of the command part (after flags) on the instruction's first logical line. */
  start: number;
  end: number;
}

export interface DInstruction {
  /** Upper-case keyword (`RUN`, `FROMM` for an unknown one). */
  keyword: string;
  /** As written. */
  written: string;
  ast: Instruction;
  /** Offsets of the whole instruction (heredoc bodies included). */
  start: number;
  end: number;
  keywordStart: number;
  keywordEnd: number;
  /** End of the first logical line (before heredoc bodies). */
  lineEnd: number;
  /** First and last line (0-based). */
  startLine: number;
  endLine: number;
  flags: DFlag[];
  /** Non-flag arguments on the first logical line, expanded. */
  args: DArg[];
  /** Raw text of the arguments after the flags, continuations joined. */
  argText: Mapped;
  properties: DProperty[];
  heredocs: DHeredoc[];
  command?: CommandLine;
  /** The stage it belongs to (undefined for ARGs before the first FROM). */
  stage?: Stage;
  /** Index in `model.instructions`. */
  index: number;
  /** Variable lookup in force for this instruction (ARG/ENV values visible to it). */
  lookup: VarLookup;
  /** The ONBUILD trigger, parsed as an instruction of its own. */
  trigger?: DInstruction;
  /** For a trigger: the ONBUILD instruction holding it. */
  onbuild?: DInstruction;
}

export interface ImageRef {
  /** As written (variables expanded where known). */
  text: string;
  resolved: boolean;
  registry?: string;
  /** Repository path without registry, e.g. `library/python` is written `python`. */
  repository: string;
  tag?: string;
  digest?: string;
  /** Offsets of the image argument, and of the tag / digest when written literally. */
  start: number;
  end: number;
  tagStart?: number;
  tagEnd?: number;
}

export interface EffectiveUser {
  /** The USER value (expanded), or undefined when no USER applies. */
  value?: string;
  resolved: boolean;
  /** The USER instruction that sets it. */
  instruction?: DInstruction;
}

export interface Stage {
  index: number;
  /** Lower-cased name from `AS name`. */
  name?: string;
  nameStart?: number;
  nameEnd?: number;
  from: DInstruction;
  image?: ImageRef;
  /** The earlier stage it builds on (`FROM builder AS final`). */
  parent?: Stage;
  /** `FROM scratch`. */
  scratch: boolean;
  instructions: DInstruction[];
  /** The final stage, or a stage the final stage builds on (its layers ship). */
  shipped: boolean;
  final: boolean;
  /** Effective user at the end of the stage (inherited from the parent stage). */
  user: EffectiveUser;
  /** The base image (root of the FROM chain) is known to run as a non-root user. */
  baseNonRoot: boolean;
  /** Stages this one copies from (`COPY --from`). */
  copiesFrom: Stage[];
}

export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
}

export interface DockerignoreInfo {
  file: string;
  text: string;
}

export interface DockerModel {
  file: string;
  /** Workspace-relative path of the Dockerfile ('' for an untitled buffer). */
  relPath: string;
  text: string;
  index: LineIndex;
  escape: string;
  instructions: DInstruction[];
  /** Instructions and ONBUILD triggers. */
  allInstructions: DInstruction[];
  /** ARGs before the first FROM. */
  metaArgs: DInstruction[];
  stages: Stage[];
  finalStage?: Stage;
  comments: Comment[];
  syntax: SyntaxProblem[];
  /** Build context folder (the Dockerfile's folder). */
  contextDir: string;
  ws: WorkspaceView;
  /** The .dockerignore in force (`<Dockerfile>.dockerignore` first, then `.dockerignore`), if any. */
  dockerignore?: DockerignoreInfo;
  /** Path where a new .dockerignore would be created. */
  dockerignorePath: string;
  range(start: number, end: number): Range;
}

/** Every shell command of an instruction's command line (nested ones included). */
export function commandsOf(instr: DInstruction): Command[] {
  return instr.command?.script?.commands ?? [];
}

export type { Command, Script, Word };
