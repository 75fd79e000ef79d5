// DeployGuard's custom messages on top of LSP (the server implements them in server/src/lsp/).
import { NotificationType, RequestType, type WorkDoneProgressParams } from 'vscode-languageclient/node';

/** Server → client whenever scanning starts or ends; counts are for the whole workspace. */
export interface StatusParams {
  state: 'idle' | 'scanning';
  findings: number;
  files: number;
}
export const StatusNotification = new NotificationType<StatusParams>('deployguard/status');

/** Analyse every supported file of the workspace folders (reports work-done progress; cancellable). */
export type ScanWorkspaceParams = WorkDoneProgressParams;
export interface ScanWorkspaceResult {
  files: number;
  findings: number;
  cancelled: boolean;
}
export const ScanWorkspaceRequest = new RequestType<ScanWorkspaceParams, ScanWorkspaceResult, void>('deployguard/scanWorkspace');

/** The project configuration in force for a file or folder (defaults merged with .deployguard.json). */
export interface EffectiveConfigParams {
  uri?: string;
}
export const EffectiveConfigRequest = new RequestType<EffectiveConfigParams, Record<string, unknown> | null, void>(
  'deployguard/effectiveConfig',
);

/** The Markdown page of a rule (docs/rules/<id>.md), or null for an unknown id. */
export interface RuleDocParams {
  id: string;
}
export const RuleDocRequest = new RequestType<RuleDocParams, string | null, void>('deployguard/ruleDoc');
