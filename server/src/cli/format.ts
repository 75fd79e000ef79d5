// Text and JSON reports of a scan. Paths are relative to the current directory, lines and
// columns 1-based (columns in UTF-16 code units, as editors count them).
// Reports are written as the scan goes (a file's part as soon as its findings are known, the
// totals at the end), so a scan of a large workspace never holds its whole report in memory.
import * as path from 'node:path';
import type { Range } from '../engine';
import type { PreparedScan, ScannedFile, ScanOutput } from './scan';

/** Where a report goes, piece by piece. */
export type Write = (text: string) => void;

/** A report written as the scan goes: its start when made, a part per file, its end with the totals. */
export interface Reporter {
  file(scanned: ScannedFile): void;
  end(out: ScanOutput): void;
}

export function displayPath(cwd: string, file: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
}

/** displayPath for one report, remembering the last paths asked (a file's findings name few files). */
export function displayPaths(cwd: string): (file: string) => string {
  const known = new Map<string, string>();
  return (file) => {
    let p = known.get(file);
    if (p === undefined) {
      if (known.size >= 256) known.clear();
      p = displayPath(cwd, file);
      known.set(file, p);
    }
    return p;
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(out: ScanOutput): string {
  const c = out.counts;
  const total = c.error + c.warning + c.info;
  const scanned = plural(out.filesScanned, 'file');
  if (total === 0) return `No findings in ${scanned} scanned`;
  return `${plural(total, 'finding')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info) in ${out.filesWithFindings} of ${scanned} scanned`;
}

/** `path:line:col severity RULE message`, one finding a line, then the summary line. */
export function textReporter(write: Write, scan: PreparedScan): Reporter {
  const rel = displayPaths(scan.cwd);
  return {
    file(scanned) {
      let lines = '';
      for (const x of scanned.findings) {
        const message = x.message.replace(/\r?\n/g, ' ');
        lines += `${rel(x.file)}:${x.range.start.line + 1}:${x.range.start.character + 1} ${x.severity} ${x.ruleId} ${message}\n`;
      }
      if (lines) write(lines);
    },
    end(out) {
      write(summaryLine(out) + '\n');
    },
  };
}

const indent = (depth: number) => '  '.repeat(depth);

/** `JSON.stringify(value, null, 2)` as it reads `depth` levels deep in a document indented by 2. */
export function nestedJson(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n' + indent(depth));
}

/** `"key": value` members, `depth` levels deep, as JSON.stringify(…, null, 2) lays them out. */
export function jsonMembers(members: Record<string, unknown>, depth: number): string {
  return Object.entries(members)
    .map(([k, v]) => `${indent(depth)}${JSON.stringify(k)}: ${nestedJson(v, depth)}`)
    .join(',\n');
}

/**
 * A JSON array written a batch of items at a time, laid out as JSON.stringify(document, null, 2)
 * would lay it out. `wrap` puts the items where the array sits in the document (e.g.
 * `(items) => ({ runs: [{ results: items }] })`): the batch is serialised inside that shape, so
 * its indentation is right without re-indenting every line.
 */
export class JsonArrayWriter {
  private count = 0;
  /** Where the first item starts in the serialised shape, and how much follows the last one. */
  private readonly head: number;
  private readonly tail: number;
  private readonly itemIndent: string;

  constructor(
    private readonly write: Write,
    private readonly wrap: (items: unknown[]) => unknown,
  ) {
    const probe = JSON.stringify(wrap([0]), null, 2);
    this.head = probe.lastIndexOf('0');
    this.tail = probe.length - this.head - 1;
    this.itemIndent = probe.slice(probe.lastIndexOf('\n', this.head) + 1, this.head);
  }

  items(values: unknown[]): void {
    if (values.length === 0) return;
    const text = JSON.stringify(this.wrap(values), null, 2);
    this.write(`${this.count === 0 ? '[' : ','}\n${this.itemIndent}${text.slice(this.head, text.length - this.tail)}`);
    this.count += values.length;
  }

  close(): void {
    this.write(this.count === 0 ? '[]' : `\n${this.itemIndent.slice(2)}]`);
  }
}

function span(r: Range) {
  return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/**
 * The JSON report: `tool`, `version`, every finding with its location, related locations and
 * fixes, the skipped files, and the totals.
 */
export function jsonReporter(write: Write, version: string, scan: PreparedScan): Reporter {
  const titles = new Map(scan.rules.map((r) => [r.id, r.title]));
  const rel = displayPaths(scan.cwd);
  write(`{\n${jsonMembers({ tool: 'deployguard', version }, 1)},\n${indent(1)}"findings": `);
  const findings = new JsonArrayWriter(write, (items) => ({ findings: items }));
  return {
    file(scanned) {
      findings.items(
        scanned.findings.map((x) => ({
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
      );
    },
    end(out) {
      findings.close();
      const c = out.counts;
      const tail = {
        skipped: out.skipped.map((s) => ({ file: rel(s.file), reason: s.reason })),
        summary: {
          error: c.error,
          warning: c.warning,
          info: c.info,
          total: c.error + c.warning + c.info,
          filesWithFindings: out.filesWithFindings,
          filesScanned: out.filesScanned,
        },
      };
      write(`,\n${jsonMembers(tail, 1)}\n}\n`);
    },
  };
}
