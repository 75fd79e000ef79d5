// The shape of a kind's table for the extension-host suite (kinds.test.ts runs the same tests for
// every table listed in kinds/index.ts). Lines and characters are 0-based, as in the VS Code API.
// Adding a kind: put its fixtures under test/e2e/workspace/<kind>/, write kinds/<kind>.ts
// exporting a KindCases, and add it to the list in kinds/index.ts.
import type { SeverityName } from '../helpers';

export interface ExpectedFinding {
  rule: string;
  line: number;
  severity: SeverityName;
  /** The diagnostic must carry related information (e.g. the shadowed lines of SSH034). */
  related?: boolean;
}

export interface TypingStep {
  /** 0-based line where the cursor goes. */
  line: number;
  /** Text on that line to select (typing replaces it); omitted: the cursor goes to the end of the line. */
  select?: string;
  /** Typed with the `type` command, character by character as a user would. */
  text: string;
  /** Rules whose finding appears / disappears after this step. */
  adds?: string[];
  removes?: string[];
}

export interface KindCases {
  /** Engine kind id (server/src/kinds/<kind>). */
  kind: string;
  /** Files and the language id VS Code must give them when opened. */
  languages: { file: string; languageId: string }[];
  /** A fixture opened in the editor and exactly the findings it must show. */
  fixture: { file: string; findings: ExpectedFinding[] };
  /** Edits typed into the fixture, applied in order (then undone). */
  typing: TypingStep[];
  /** A suppression comment, inserted as a new line above `line`, silences that finding of `rule`. */
  suppression: { rule: string; line: number; comment: string };
  /**
   * A file never opened whose findings come through workspace diagnostics; with `relatedTo`, that
   * finding's related information must point into this other workspace file.
   */
  unopened: { file: string; rule: string; line: number; relatedTo?: string };
  /** Rules of the fixture for the .deployguard.json test: one turned off, one given another severity. */
  config: { off: string; severity: { rule: string; to: SeverityName } };
  /** An untitled buffer in the kind's language and a rule it must show. */
  untitled: { languageId: string; content: string; rule: string };
}
