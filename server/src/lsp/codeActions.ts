// Code actions for the findings of one document: each quick fix of a finding, "Suppress RULE on
// this line", "Suppress RULE in this file", and `source.fixAll.deployguard`.
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import { comparePositions, rangesOverlap, type Comment, type FileEdit, type Finding, type Fix, type KindId, type Range } from '../engine';
import { findingKey, isDiagnosticData, toDiagnostic, toWorkspaceEdit, type ClientFeatures, type EditTarget } from './convert';
import { FIX_ALL_KIND, SOURCE } from './protocol';
import { fileSuppressionEdit, lineSuppressionEdit } from './suppressions';

export interface CodeActionInput {
  /** Engine key of the document (path, or URI for untitled buffers). */
  file: string;
  text: string;
  kind?: KindId;
  comments: Comment[];
  /** Current findings of the document. */
  findings: Finding[];
  range: Range;
  only?: string[];
  /** `context.diagnostics` of the request. */
  diagnostics: Diagnostic[];
  features: ClientFeatures;
  target: EditTarget;
}

/** Whether an action of `kind` is wanted by a request restricted to `only`. */
export function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix;
  return only.some((k) => kind === k || kind.startsWith(k + '.'));
}

export function fixTitle(fix: Fix): string {
  return fix.caveat ? `${fix.title} (${fix.caveat})` : fix.title;
}

/** Findings the request is about: those of its diagnostics, else those overlapping its range. */
function selectFindings(input: CodeActionInput): Finding[] {
  const keys = new Set<string>();
  for (const d of input.diagnostics) {
    if (d && d.source === SOURCE && isDiagnosticData(d.data)) keys.add(d.data.key);
  }
  if (keys.size > 0) return input.findings.filter((f) => keys.has(findingKey(f)));
  return input.findings.filter((f) => rangesOverlap(f.range, input.range));
}

export function codeActions(input: CodeActionInput): CodeAction[] {
  const out: CodeAction[] = [];
  const uriOf = (file: string) => input.target.uriOf(file);
  if (wants(input.only, CodeActionKind.QuickFix)) {
    const suppressed = new Set<string>();
    for (const f of selectFindings(input)) {
      const diagnostic = toDiagnostic(f, input.features, uriOf);
      for (const fix of f.fixes ?? []) {
        const edit = toWorkspaceEdit(fix.edits, fix.createFiles, input.features, input.target);
        if (!edit) continue;
        out.push({ title: fixTitle(fix), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: !!fix.isPreferred, edit });
      }
      if (f.ruleId.startsWith('DG') || f.file !== input.file) continue;
      const lineKey = `${f.ruleId}@${f.range.start.line}`;
      if (!suppressed.has(lineKey)) {
        suppressed.add(lineKey);
        const lineEdit = lineSuppressionEdit(input.text, input.comments, input.kind, f.range.start.line, f.ruleId);
        if (lineEdit) {
          out.push({
            title: `Suppress ${f.ruleId} on this line`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: toWorkspaceEdit([{ file: input.file, ...lineEdit }], undefined, input.features, input.target),
          });
        }
      }
      if (!suppressed.has(f.ruleId)) {
        suppressed.add(f.ruleId);
        const fileEdit = fileSuppressionEdit(input.text, input.comments, input.kind, f.ruleId);
        if (fileEdit) {
          out.push({
            title: `Suppress ${f.ruleId} in this file`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: toWorkspaceEdit([{ file: input.file, ...fileEdit }], undefined, input.features, input.target),
          });
        }
      }
    }
  }
  if (wants(input.only, FIX_ALL_KIND)) {
    const all = fixAll(input.findings, input.features.createFiles);
    if (all.edits.length > 0 || all.createFiles.length > 0) {
      const edit = toWorkspaceEdit(all.edits, all.createFiles, input.features, input.target);
      if (edit) out.push({ title: 'Fix all DeployGuard findings', kind: FIX_ALL_KIND, edit });
    }
  }
  return out;
}

function isEmpty(r: Range): boolean {
  return comparePositions(r.start, r.end) === 0;
}

/**
 * Whether two edits of one file cannot go into the same WorkspaceEdit. LSP allows several inserts
 * at one position (applied in array order) and edits that only touch; an insert at the start of a
 * replaced range is refused too, since its place relative to the replacement would be ambiguous.
 */
export function conflict(a: Range, b: Range): boolean {
  if (isEmpty(a) && isEmpty(b)) return false;
  if (isEmpty(a) || isEmpty(b)) {
    const [p, r] = isEmpty(a) ? [a.start, b] : [b.start, a];
    return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) < 0;
  }
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

/**
 * The preferred fix of every finding, skipping any whose edits overlap one already taken (in any
 * file) or that would create a file the client cannot create. Edits identical to one already
 * taken are shared, not repeated.
 */
export function fixAll(findings: Finding[], canCreate: boolean): { edits: FileEdit[]; createFiles: { file: string; text: string }[]; count: number } {
  const edits: FileEdit[] = [];
  const createFiles: { file: string; text: string }[] = [];
  const created = new Set<string>();
  let count = 0;
  for (const f of findings) {
    const fix = (f.fixes ?? []).find((x) => x.isPreferred);
    if (!fix) continue;
    const creates = fix.createFiles ?? [];
    if (creates.length > 0 && (!canCreate || creates.some((c) => created.has(c.file)))) continue;
    // An edit identical to one already taken (two fixes both adding `import os`) is applied once.
    const fresh = fix.edits.filter((e) => !edits.some((t) => t.file === e.file && t.newText === e.newText && comparePositions(t.range.start, e.range.start) === 0 && comparePositions(t.range.end, e.range.end) === 0));
    const clash = fresh.some((e) => edits.some((t) => t.file === e.file && conflict(t.range, e.range)));
    if (clash) continue;
    edits.push(...fresh);
    for (const c of creates) {
      created.add(c.file);
      createFiles.push(c);
    }
    count++;
  }
  return { edits, createFiles, count };
}
