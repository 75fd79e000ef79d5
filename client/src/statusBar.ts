// The status bar item: "scanning…" while the server works, otherwise "N findings in M files" as the
// Problems panel shows them (counted from our diagnostics, so the two always agree). Click: Problems.
import * as vscode from 'vscode';
import type { StatusParams } from './protocol';

export const DIAGNOSTIC_SOURCE = 'deployguard';

export interface FindingCount {
  findings: number;
  files: number;
}

export function countFindings(): FindingCount {
  let findings = 0;
  let files = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE).length;
    if (ours > 0) {
      findings += ours;
      files += 1;
    }
  }
  return { findings, files };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private scanning = 0;
  private serverState: 'starting' | 'running' | 'stopped' | 'disabled' = 'starting';
  private lastScan: StatusParams | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('deployguard.status', vscode.StatusBarAlignment.Left, 0);
    this.item.name = 'DeployGuard';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(this.item, vscode.languages.onDidChangeDiagnostics(() => this.update()));
    this.update();
    this.item.show();
  }

  /** From the server's deployguard/status notification. */
  onServerStatus(status: StatusParams): void {
    this.scanning = status.state === 'scanning' ? Math.max(this.scanning, 1) : 0;
    if (status.state === 'idle') this.lastScan = status;
    this.update();
  }

  /** Brackets a client-initiated scan (the command), in case the server sends no status. */
  async whileScanning<T>(work: () => Thenable<T>): Promise<T> {
    this.scanning++;
    this.update();
    try {
      return await work();
    } finally {
      this.scanning = Math.max(0, this.scanning - 1);
      this.update();
    }
  }

  setServerState(state: 'starting' | 'running' | 'stopped' | 'disabled'): void {
    this.serverState = state;
    this.update();
  }

  private update(): void {
    const { findings, files } = countFindings();
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown('**DeployGuard**\n\n');
    if (this.serverState === 'disabled') {
      this.item.text = '$(shield) DeployGuard: off';
      tooltip.appendMarkdown('Disabled by the setting `deployguard.enable`.');
    } else if (this.serverState === 'stopped') {
      this.item.text = '$(error) DeployGuard: stopped';
      tooltip.appendMarkdown('The language server is not running: see the DeployGuard output channel.');
    } else if (this.scanning > 0 || this.serverState === 'starting') {
      this.item.text = '$(sync~spin) DeployGuard: scanning…';
      tooltip.appendMarkdown('Analysing deployment configs.');
    } else if (findings === 0) {
      this.item.text = '$(shield) DeployGuard: no findings';
      tooltip.appendMarkdown('No findings in the files analysed so far.');
    } else {
      this.item.text = `$(shield) ${plural(findings, 'finding')} in ${plural(files, 'file')}`;
      tooltip.appendMarkdown('Click to open the Problems panel.');
    }
    if (this.lastScan) {
      tooltip.appendMarkdown(`\n\nLast workspace scan: ${plural(this.lastScan.findings, 'finding')} in ${plural(this.lastScan.files, 'file')}.`);
    }
    this.item.tooltip = tooltip;
    // The text without its leading $(icon) for screen readers.
    this.item.accessibilityInformation = { label: this.item.text.slice(this.item.text.indexOf(' ') + 1) };
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
