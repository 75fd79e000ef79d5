// Fixtures of every kind as in-memory workspaces, and "still parsable" variants of a fixture file:
// CRLF line breaks, tab indentation, comment lines between the lines, trailing comments. Which
// variants apply depends on the kind's comment syntax; whether a variant really still parses is
// judged by the caller (no more XXX000 findings than the original).
import { Engine, MemoryWorkspace, type Finding, type Kind, type KindId } from '../../server/src/engine';
import { KINDS } from '../../server/src/kinds';
import { kindFixtures } from './fuzz-lib';

export const WS = '/ws';

export type VariantName = 'original' | 'crlf' | 'tabs' | 'comment-lines' | 'trailing-comments';
export const VARIANTS: VariantName[] = ['original', 'crlf', 'tabs', 'comment-lines', 'trailing-comments'];

/** The text a comment variant adds: plain words, nothing that reads as a pragma of any tool. */
export const NOTE = 'note for reviewers';

/** A kind's fixtures keyed by absolute path in the in-memory workspace rooted at /ws. */
export function fixtureFiles(kind: Kind): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rel, text] of Object.entries(kindFixtures(kind))) out[`${WS}/${rel}`] = text;
  return out;
}

/** A fresh engine over the workspace with every registered kind (cross-kind facts included). */
export function engineOver(ws: MemoryWorkspace, logs: string[] = []): Engine {
  return new Engine(ws, [WS], KINDS, { log: (m) => logs.push(m) });
}

export const isSyntaxRule = (id: string) => /^[A-Z]{3}000$/.test(id);
export const syntaxFindings = (fs: Finding[]) => fs.filter((f) => isSyntaxRule(f.ruleId));

function splitLines(text: string): { content: string; eol: string }[] {
  const out: { content: string; eol: string }[] = [];
  const re = /\r\n|\r|\n/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ content: text.slice(last, m.index), eol: m[0] });
    last = m.index + m[0].length;
  }
  out.push({ content: text.slice(last), eol: '' });
  return out;
}

function join(lines: { content: string; eol: string }[]): string {
  return lines.map((l) => l.content + l.eol).join('');
}

/** The line break the file mostly uses ('\n' for a file without any). */
export function dominantEol(text: string): string {
  const counts = new Map<string, number>();
  for (const l of splitLines(text)) if (l.eol) counts.set(l.eol, (counts.get(l.eol) ?? 0) + 1);
  let best = '\n';
  let n = 0;
  for (const [eol, c] of counts) if (c > n) [best, n] = [eol, c];
  return best;
}

/** Leading-space runs become tabs, one tab per indentation unit (the smallest indentation in the file). */
function toTabs(text: string): string {
  const lines = splitLines(text);
  const widths = lines.map((l) => /^ */.exec(l.content)![0].length).filter((w) => w > 0);
  if (widths.length === 0) return text;
  const unit = Math.min(...widths);
  for (const l of lines) {
    const w = /^ */.exec(l.content)![0].length;
    if (w > 0 && l.content[w] !== '\t') l.content = '\t'.repeat(Math.ceil(w / unit)) + l.content.slice(w);
  }
  return join(lines);
}

/**
 * Whole-line comments are a comment in every kind; Dockerfile parser directives must stay first.
 * A Dockerfile allows comment lines inside a continued instruction; pip and Python do not (pip
 * would join the comment to the continued line), so there no comment goes after a `\` line.
 */
function withCommentLines(text: string, kind: KindId): string {
  const lines = splitLines(text);
  const eol = dominantEol(text);
  const out: { content: string; eol: string }[] = [];
  let header = kind === 'dockerfile';
  lines.forEach((l, i) => {
    if (header && !l.content.startsWith('#')) header = false;
    const continued = i > 0 && kind !== 'dockerfile' && lines[i - 1].content.endsWith('\\');
    if (!header && !continued && l.content.trim() !== '' && i > 0) {
      const indent = /^[ \t]*/.exec(l.content)![0];
      out.push({ content: `${indent}# ${NOTE}`, eol });
    }
    out.push(l);
  });
  return join(out);
}

/**
 * A trailing `# …` after the statement: nginx (after `;`, `{` or `}`), sshd (argv_split stops at a
 * word starting with `#` since OpenSSH 8.7), Python and requirements files (not after a `\`
 * continuation). A Dockerfile reads a trailing `#` as an argument: no such variant there.
 */
function withTrailingComments(text: string, kind: KindId): string | undefined {
  if (kind === 'dockerfile' || kind === 'meta') return undefined;
  const lines = splitLines(text);
  for (const l of lines) {
    const t = l.content.trimEnd();
    if (t === '' || t.trimStart().startsWith('#') || t.endsWith('\\')) continue;
    if (kind === 'nginx' && !/[;{}]$/.test(t)) continue;
    l.content = `${t}  # ${NOTE}`;
  }
  return join(lines);
}

/** The variant of a fixture file's text, or undefined when the variant does not apply (or changes nothing). */
export function variantOf(name: VariantName, text: string, kind: KindId): string | undefined {
  let out: string | undefined;
  switch (name) {
    case 'original':
      return text;
    case 'crlf':
      out = text.includes('\r') ? undefined : text.replace(/\n/g, '\r\n');
      break;
    case 'tabs':
      out = toTabs(text);
      break;
    case 'comment-lines':
      out = withCommentLines(text, kind);
      break;
    case 'trailing-comments':
      out = withTrailingComments(text, kind);
      break;
  }
  return out === text ? undefined : out;
}
