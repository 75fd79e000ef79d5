// Conversions between the engine's types and LSP's: document keys and URIs, findings and
// diagnostics, fixes and workspace edits.
import * as path from 'node:path';
import type {
  ClientCapabilities,
  CreateFile,
  Diagnostic,
  DiagnosticRelatedInformation,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { ruleDocUri } from '../cli/docs';
import { rangeKey, type FileEdit, type Finding, type Range, type Severity } from '../engine';
import { SOURCE, type DiagnosticData } from './protocol';

/** What the client can do, read once from its capabilities. */
export interface ClientFeatures {
  pull: boolean;
  refresh: boolean;
  workDoneProgress: boolean;
  configuration: boolean;
  documentChanges: boolean;
  createFiles: boolean;
  codeActionLiterals: boolean;
  relatedInformation: boolean;
  codeDescription: boolean;
  hoverMarkdown: boolean;
  watchedFilesDynamic: boolean;
  workspaceFolders: boolean;
}

export function clientFeatures(caps: ClientCapabilities | undefined): ClientFeatures {
  const c = caps ?? {};
  return {
    pull: !!c.textDocument?.diagnostic,
    refresh: !!c.workspace?.diagnostics?.refreshSupport,
    workDoneProgress: !!c.window?.workDoneProgress,
    configuration: !!c.workspace?.configuration,
    documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
    createFiles: !!c.workspace?.workspaceEdit?.documentChanges && !!c.workspace?.workspaceEdit?.resourceOperations?.includes('create'),
    codeActionLiterals: !!c.textDocument?.codeAction?.codeActionLiteralSupport,
    relatedInformation: !!c.textDocument?.publishDiagnostics?.relatedInformation || !!c.textDocument?.diagnostic,
    codeDescription: !!c.textDocument?.publishDiagnostics?.codeDescriptionSupport || !!c.textDocument?.diagnostic,
    hoverMarkdown: !!c.textDocument?.hover?.contentFormat?.includes('markdown'),
    watchedFilesDynamic: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    workspaceFolders: !!c.workspace?.workspaceFolders,
  };
}

/**
 * The key of a document in the engine's workspace: the absolute path for `file:` URIs, the URI
 * itself for anything else (untitled buffers). Undefined for a string that is not a URI.
 */
export function keyOfUri(uri: string): string | undefined {
  if (typeof uri !== 'string' || uri === '' || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) return undefined;
  try {
    const u = URI.parse(uri);
    if (u.scheme === 'file') return path.normalize(u.fsPath);
    return uri;
  } catch {
    return undefined;
  }
}

/** URI of a file path (or the key itself when it is already a URI). */
export function uriOfFile(file: string): string {
  return path.isAbsolute(file) ? URI.file(file).toString() : file;
}

export function toLspSeverity(s: Severity): DiagnosticSeverity {
  return s === 'error' ? DiagnosticSeverity.Error : s === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

/**
 * Identity of a finding in one version of a document: rule, range and a hash of the message (the
 * message itself is in the diagnostic already; every diagnostic carries this key to the client and
 * back with code-action requests, so it is kept short).
 */
export function findingKey(f: Finding): string {
  return `${f.ruleId}|${rangeKey(f.range)}|${fnv1a(f.message)}`;
}

/** 32-bit FNV-1a of a string's UTF-16 code units, in base 36. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

const docUris = new Map<string, string | undefined>();

/** The rule page's URI (computed once per rule: every diagnostic carries it). */
function docUri(ruleId: string): string | undefined {
  if (!docUris.has(ruleId)) docUris.set(ruleId, ruleDocUri(ruleId));
  return docUris.get(ruleId);
}

export function toDiagnostic(f: Finding, features: ClientFeatures, uriOf: (file: string) => string): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: toLspSeverity(f.severity),
    source: SOURCE,
    code: f.ruleId,
    message: f.message,
  };
  const href = docUri(f.ruleId);
  if (href && features.codeDescription) d.codeDescription = { href };
  if (f.related && f.related.length > 0) {
    if (features.relatedInformation) {
      d.relatedInformation = f.related.map(
        (r): DiagnosticRelatedInformation => ({ location: { uri: uriOf(r.file), range: r.range }, message: r.message }),
      );
    } else {
      d.message += f.related.map((r) => `\n${path.basename(r.file)}:${r.range.start.line + 1}: ${r.message}`).join('');
    }
  }
  const data: DiagnosticData = { ruleId: f.ruleId, key: findingKey(f), fixes: f.fixes?.length ?? 0 };
  d.data = data;
  return d;
}

export function isDiagnosticData(v: unknown): v is DiagnosticData {
  return typeof v === 'object' && v !== null && typeof (v as DiagnosticData).key === 'string' && typeof (v as DiagnosticData).ruleId === 'string';
}

export interface EditTarget {
  uriOf(file: string): string;
  /** Version of the open buffer of this file, or null when it is not open. */
  versionOf(file: string): number | null;
}

/**
 * A WorkspaceEdit for text edits (in any files) and files to create. Undefined when the client
 * cannot apply it (files to create without resource-operation support).
 */
export function toWorkspaceEdit(
  edits: FileEdit[],
  createFiles: { file: string; text: string }[] | undefined,
  features: ClientFeatures,
  target: EditTarget,
): WorkspaceEdit | undefined {
  const creates = createFiles ?? [];
  if (creates.length > 0 && !features.createFiles) return undefined;
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const list = byFile.get(e.file) ?? [];
    list.push({ range: e.range, newText: e.newText });
    byFile.set(e.file, list);
  }
  if (features.documentChanges) {
    const changes: (TextDocumentEdit | CreateFile)[] = [];
    for (const c of creates) {
      const uri = target.uriOf(c.file);
      changes.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
      if (c.text !== '') changes.push({ textDocument: { uri, version: null }, edits: [{ range: zeroRange(), newText: c.text }] });
    }
    for (const [file, list] of byFile) {
      changes.push({ textDocument: { uri: target.uriOf(file), version: target.versionOf(file) }, edits: list });
    }
    return { documentChanges: changes };
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const [file, list] of byFile) changes[target.uriOf(file)] = list;
  return { changes };
}

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
