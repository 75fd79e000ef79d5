// Text and JSON reports of a scan. Paths are relative to the current directory, lines and
// columns 1-based (columns in UTF-16 code units, as editors count them).
import * as path from 'node:path';
import type { Range } from '../engine';
import { countBySeverity, type ScanOutput } from './scan';

export function displayPath(cwd: string, file: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(out: ScanOutput): string {
  const c = countBySeverity(out);
  const total = c.error + c.warning + c.info;
  const scanned = plural(out.files.length, 'file');
  if (total === 0) return `No findings in ${scanned} scanned`;
  const withFindings = out.files.filter((f) => f.findings.length > 0).length;
  return `${plural(total, 'finding')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info) in ${withFindings} of ${scanned} scanned`;
}

/** `path:line:col severity RULE message`, one finding a line, then the summary line. */
export function formatText(out: ScanOutput): string {
  const lines: string[] = [];
  for (const f of out.files) {
    for (const x of f.findings) {
      const p = displayPath(out.cwd, x.file);
      const message = x.message.replace(/\r?\n/g, ' ');
      lines.push(`${p}:${x.range.start.line + 1}:${x.range.start.character + 1} ${x.severity} ${x.ruleId} ${message}`);
    }
  }
  lines.push(summaryLine(out));
  return lines.join('\n') + '\n';
}

function span(r: Range) {
  return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** The JSON report: every finding with its location, related locations and fixes, plus totals. */
export function toJson(out: ScanOutput, version: string): object {
  const titles = new Map(out.rules.map((r) => [r.id, r.title]));
  const c = countBySeverity(out);
  const rel = (file: string) => displayPath(out.cwd, file);
  return {
    tool: 'deployguard',
    version,
    findings: out.files.flatMap((f) =>
      f.findings.map((x) => ({
        file: rel(x.file),
        ...span(x.range),
        severity: x.severity,
        ruleId: x.ruleId,
        title: titles.get(x.ruleId) ?? '',
        message: x.message,
        related: (x.related ?? []).map((r) => ({ file: rel(r.file), ...span(r.range), message: r.message })),
        fixes: (x.fixes ?? []).map((fix) => ({
          title: fix.title,
          isPreferred: !!fix.isPreferred,
          ...(fix.caveat ? { caveat: fix.caveat } : {}),
          edits: fix.edits.map((e) => ({ file: rel(e.file), ...span(e.range), newText: e.newText })),
          ...(fix.createFiles?.length ? { createFiles: fix.createFiles.map((cf) => ({ file: rel(cf.file), text: cf.text })) } : {}),
        })),
      })),
    ),
    skipped: out.skipped.map((s) => ({ file: rel(s.file), reason: s.reason })),
    summary: {
      error: c.error,
      warning: c.warning,
      info: c.info,
      total: c.error + c.warning + c.info,
      filesWithFindings: out.files.filter((f) => f.findings.length > 0).length,
      filesScanned: out.files.length,
    },
  };
}
