// Edits that add an inline suppression for a finding (the code actions "Suppress RULE on this line"
// and "Suppress RULE in this file"). Pure text computations, no LSP.
//
// A line suppression goes alone on a new line before the finding's line (every kind accepts a
// comment there; a trailing comment is not a comment in a Dockerfile, and a line before keeps long
// lines readable), with the finding line's indentation and the file's line break. A suppression
// already there gets the id added instead. A file suppression goes at the top, after what must stay
// first: a shebang, a Python encoding declaration, Dockerfile parser directives (`# syntax=`,
// `# escape=`, `# check=`).
import { LineIndex, type Comment, type KindId, type Range } from '../engine';

/** What the inserted comment says after `--`; the user replaces it with the real reason. */
export const REASON_PLACEHOLDER = 'TODO: reason';

export interface TextEditLike {
  range: Range;
  newText: string;
}

interface Pragma {
  scope: 'line' | 'file';
  /** Column (in the line) just after the last rule id, where `, ID` is inserted. */
  idsEnd: number;
  ids: string[];
}

/** Reads a `deployguard-ignore[-file] IDS -- reason` comment. */
function readPragma(c: Comment): Pragma | undefined {
  const text = c.text;
  const lead = text.length - text.trimStart().length;
  const rest = text.slice(lead);
  let scope: 'line' | 'file';
  let after: number;
  if (rest.startsWith('deployguard-ignore-file')) {
    scope = 'file';
    after = lead + 'deployguard-ignore-file'.length;
  } else if (rest.startsWith('deployguard-ignore')) {
    scope = 'line';
    after = lead + 'deployguard-ignore'.length;
  } else return undefined;
  if (after < text.length && text[after] !== ' ' && text[after] !== '\t') return undefined;
  const sep = text.indexOf('--', after);
  const idsPart = text.slice(after, sep < 0 ? text.length : sep);
  const ids = idsPart.split(/[\s,]+/).filter(Boolean);
  if (ids.length === 0) return undefined;
  const idsEnd = after + idsPart.trimEnd().length;
  // +1: Comment.text starts after the `#`.
  return { scope, idsEnd: c.character + 1 + idsEnd, ids };
}

function indentOf(line: string): string {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(0, i);
}

const DOCKER_DIRECTIVE = /^#[ \t]*[A-Za-z][A-Za-z0-9_-]*[ \t]*=/;
const PY_CODING = /^[ \t\f]*#.*?coding[:=]/;

/** Number of lines at the top of the file that a new comment must not precede. */
export function headerLines(index: LineIndex, kind: KindId | undefined): number {
  let n = 0;
  const count = index.lineCount;
  if (count > 0 && index.lineText(0).startsWith('#!')) n = 1;
  if (kind === 'dockerfile') {
    while (n < count && DOCKER_DIRECTIVE.test(index.lineText(n))) n++;
  } else if (kind === 'django') {
    for (let i = n; i < Math.min(2, count); i++) {
      if (PY_CODING.test(index.lineText(i))) n = i + 1;
    }
  }
  return n;
}

/**
 * The edit suppressing `ruleId` for a finding on `line`, or undefined when a line comment cannot
 * be placed there (a finding in the header lines that must stay first).
 */
export function lineSuppressionEdit(text: string, comments: Comment[], kind: KindId | undefined, line: number, ruleId: string): TextEditLike | undefined {
  const index = new LineIndex(text);
  if (line < 0 || line >= index.lineCount) return undefined;
  // A suppression already covering this line (trailing on it, or alone on the line before): add the id.
  for (const c of comments) {
    if (!(c.line === line || (c.line === line - 1 && c.wholeLine))) continue;
    const p = readPragma(c);
    if (!p || p.scope !== 'line') continue;
    if (p.ids.includes(ruleId)) return undefined;
    return { range: { start: { line: c.line, character: p.idsEnd }, end: { line: c.line, character: p.idsEnd } }, newText: `, ${ruleId}` };
  }
  if (line < headerLines(index, kind)) return undefined;
  const indent = indentOf(index.lineText(line));
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `${indent}# deployguard-ignore ${ruleId} -- ${REASON_PLACEHOLDER}${index.eol}`,
  };
}

/** The edit suppressing `ruleId` in the whole file, or undefined when it already is. */
export function fileSuppressionEdit(text: string, comments: Comment[], kind: KindId | undefined, ruleId: string): TextEditLike | undefined {
  const index = new LineIndex(text);
  for (const c of comments) {
    if (!c.wholeLine) continue;
    const p = readPragma(c);
    if (!p || p.scope !== 'file') continue;
    if (p.ids.includes(ruleId)) return undefined;
    return { range: { start: { line: c.line, character: p.idsEnd }, end: { line: c.line, character: p.idsEnd } }, newText: `, ${ruleId}` };
  }
  const comment = `# deployguard-ignore-file ${ruleId} -- ${REASON_PLACEHOLDER}`;
  const at = headerLines(index, kind);
  if (at >= index.lineCount) {
    // The header is the whole file and has no final line break.
    const last = index.lineCount - 1;
    const end = { line: last, character: index.lineText(last).length };
    return { range: { start: end, end }, newText: `${index.eol}${comment}` };
  }
  return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `${comment}${index.eol}` };
}
