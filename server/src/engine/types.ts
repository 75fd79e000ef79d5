// Core data types of the DeployGuard engine. Nothing here knows about LSP or VS Code.
//
// Positions are 0-based lines and 0-based UTF-16 code-unit columns (the same convention as
// JavaScript strings and LSP), so a range can be sliced out of the text directly.

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_ORDER: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A replacement of `range` in `file` by `newText` (insert: empty range; delete: empty newText). */
export interface FileEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface Fix {
  /** Short imperative title shown in the quick-fix menu, e.g. "Set PasswordAuthentication no". */
  title: string;
  edits: FileEdit[];
  /** Files the fix creates (with their full text) before `edits` apply, e.g. a `.dockerignore`. */
  createFiles?: { file: string; text: string }[];
  /** The fix most users want; editors apply it on "fix all". */
  isPreferred?: boolean;
  /** Something the user must still do after applying, e.g. "regenerate the --hash lines". */
  caveat?: string;
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Absolute path (or, for an unsaved untitled buffer, its URI) of the file the finding is in. */
  file: string;
  range: Range;
  related?: RelatedLocation[];
  fixes?: Fix[];
}

export type KindId = 'sshd' | 'nginx' | 'django' | 'requirements' | 'dockerfile' | 'meta';

/** Whether a quick fix exists for a rule, in the catalog's words. */
export type FixAvailability = 'yes' | 'partial' | 'no';

export interface RuleMeta {
  /** Public, stable id: SSH002, NGX038, … Used as the diagnostic code. */
  id: string;
  kind: KindId;
  /** One line, sentence case, no trailing period. */
  title: string;
  /** Default severity (a rule may report a different one per finding where the catalog says so). */
  severity: Severity;
  /** Off unless enabled in the project config. */
  optIn?: boolean;
  fix: FixAvailability;
  /** One or two sentences: why this is a problem. Shown in hovers. */
  why: string;
  /** Equivalent ids in other tools, verbatim from the catalog (e.g. "hadolint DL3002; DS-0002"). */
  anchors?: string;
}

export interface Comment {
  /** 0-based line of the comment. */
  line: number;
  /** Column of the `#`. */
  character: number;
  /** Text after the `#`. */
  text: string;
  /** True when nothing but whitespace precedes the comment on its line. */
  wholeLine: boolean;
}
