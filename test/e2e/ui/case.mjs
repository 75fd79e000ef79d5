// What the UI tests (scripts/e2e-ui.mjs) look at: one finding in a fixture of test/e2e/workspace,
// its squiggle, its Problems row and its quick fix.
export const UI_CASE = {
  /** Workspace-relative file opened with Ctrl+P. */
  file: 'sshd/sshd_config',
  /** 1-based line of the finding (Ctrl+G). */
  line: 4,
  rule: 'SSH001',
  /** squiggly-error | squiggly-warning | squiggly-info */
  squiggle: 'error',
  /** Part of the diagnostic message shown in the Problems panel. */
  messageFragment: 'root',
  /** Part of the quick fix's title in the Ctrl+. menu. */
  fixTitle: 'PermitRootLogin',
  /** Text the line holds after the fix. */
  fixedText: 'PermitRootLogin no',
};
