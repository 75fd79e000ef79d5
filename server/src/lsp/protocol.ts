// DeployGuard's messages on top of LSP 3.17, and the settings the server reads. The VS Code client
// (client/src/protocol.ts) mirrors these; any other LSP client can use them as documented here.
//
// Standard LSP the server implements:
//   - text sync: incremental (open buffers override the files on disk; untitled buffers are linted
//     by language id);
//   - pull diagnostics (`textDocument/diagnostic` with result ids, `workspace/diagnostic` for files
//     never opened, with work-done progress and partial results; the server holds a workspace
//     request open while nothing has changed and answers when something does), and
//     `workspace/diagnostic/refresh` when a change affects other files (a drop-in and its main
//     sshd_config, a .deployguard.json and everything);
//   - push diagnostics (`textDocument/publishDiagnostics`) for clients without pull support;
//   - code actions (`quickfix`, `source.fixAll.deployguard`), hover, `workspace/didChangeWatchedFiles`,
//     `workspace/didChangeConfiguration` / `workspace/configuration` (section "deployguard").
//
// Every diagnostic: source "deployguard", code = rule id, codeDescription.href = file URI of the
// rule page shipped with the server (docs/rules/<ID>.md, works offline), data = DiagnosticData.

/** The diagnostic source and the code-action kind suffix. */
export const SOURCE = 'deployguard';

/** `source.fixAll.deployguard`: every preferred, non-overlapping fix of a file. */
export const FIX_ALL_KIND = 'source.fixAll.deployguard';

/** Diagnostic identifier used in the diagnostic provider registration. */
export const DIAGNOSTIC_IDENTIFIER = 'deployguard';

/** What the server puts into `Diagnostic.data` (opaque to clients, used to match code actions). */
export interface DiagnosticData {
  /** Rule id (also in `code`). */
  ruleId: string;
  /** Identity of the finding in the document at this version: rule, range and message. */
  key: string;
  /** Number of quick fixes the finding offers (suppressions not counted). */
  fixes: number;
}

/**
 * `deployguard/status` (server → client notification): sent when a scan starts and ends and when
 * the totals change. `findings` / `files` count the findings and the files having any, over every
 * file the server has analysed (open buffers and workspace diagnostics).
 */
export const STATUS_NOTIFICATION = 'deployguard/status';
export interface StatusParams {
  state: 'idle' | 'scanning';
  findings: number;
  files: number;
}

/**
 * `deployguard/scanWorkspace` (client → server request): analyse every supported file of the
 * workspace folders now. Reports work-done progress (pass `workDoneToken`, or the server creates
 * one when the client supports `window.workDoneProgress`) and honours cancellation: a cancelled
 * scan answers `cancelled: true` with what it counted so far. Afterwards the server asks the client
 * to refresh diagnostics (pull clients) or publishes them (push clients).
 */
export const SCAN_WORKSPACE_REQUEST = 'deployguard/scanWorkspace';
export interface ScanWorkspaceParams {
  workDoneToken?: string | number;
}
export interface ScanWorkspaceResult {
  /** Files analysed. */
  files: number;
  /** Findings in them. */
  findings: number;
  cancelled: boolean;
}

/**
 * `deployguard/effectiveConfig` (client → server request): the project configuration in force for
 * the workspace folder containing `uri` (default: the first folder): the defaults merged with that
 * folder's .deployguard.json, as a JSON object that validates against
 * server/schemas/deployguard.schema.json (so it can be written as a new .deployguard.json).
 * Editor settings (deployguard.advisories.*) are not part of it: they stay on this machine.
 * `null` when the server has no workspace folder and no `uri` was given.
 */
export const EFFECTIVE_CONFIG_REQUEST = 'deployguard/effectiveConfig';
export interface EffectiveConfigParams {
  uri?: string;
}
export type EffectiveConfigResult = Record<string, unknown> | null;

/**
 * `deployguard/ruleDoc` (client → server request): the Markdown text of docs/rules/<id>.md
 * (id case-insensitive), or `null` for an unknown id or a missing page.
 */
export const RULE_DOC_REQUEST = 'deployguard/ruleDoc';
export interface RuleDocParams {
  id: string;
}
export type RuleDocResult = string | null;

/**
 * Settings, read with `workspace/configuration` (section "deployguard") or, for clients without
 * it, from `workspace/didChangeConfiguration` params (`settings.deployguard`) and from
 * `initializationOptions.settings`. Rule configuration stays in .deployguard.json; a setting that
 * conflicts with it is explained in the log (window/logMessage), and .deployguard.json wins.
 */
export interface Settings {
  /** `deployguard.enable`: lint at all (default true). */
  enable: boolean;
  /** `deployguard.run`: lint as you type, or only when a file is opened or saved (default onType). */
  run: 'onType' | 'onSave';
  /** `deployguard.exclude`: workspace-relative globs the editor does not lint (the CLI still does). */
  exclude: string[];
  /** `deployguard.advisories.path`: folder of OSV advisories (used when .deployguard.json names none). */
  advisoriesPath: string;
  /** `deployguard.advisories.online`: query OSV online (used when .deployguard.json does not say). */
  advisoriesOnline: boolean;
  /** `deployguard.trace.server`: "off" | "messages" | "verbose" (verbose also logs timings). */
  trace: 'off' | 'messages' | 'verbose';
  /** `deployguard.debounce`: milliseconds of quiet typing before a changed buffer is analysed (default 150). */
  debounce: number;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  exclude: [],
  advisoriesPath: '',
  advisoriesOnline: false,
  trace: 'off',
  debounce: 150,
};
