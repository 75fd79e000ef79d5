// SARIF 2.1.0 report of a scan (validated in test/cli against the official schema).
// - tool.driver.rules: every rule, with short/full description, helpUri (the rule page shipped with
//   DeployGuard), help.markdown (the page itself, for the rules that have results),
//   defaultConfiguration, and properties `security-severity` and `tags` (GitHub code scanning).
// - results: level, message, location, related locations, fixes, and a stable partial fingerprint
//   `deployguard/v1` = hash of rule id + file (relative to its project root) + the normalised text
//   of the finding's line + the occurrence index among identical ones: inserting or removing
//   unrelated lines does not change it.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineIndex, relativeTo, type Finding, type Range, type RuleMeta, type Severity } from '../engine';
import { ruleDocMarkdown, ruleDocUri } from './docs';
import { displayPaths, jsonMembers, JsonArrayWriter, type Reporter, type Write } from './format';
import type { PreparedScan } from './scan';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'deployguard/v1';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub's scale: ≥9 critical, 7–8.9 high, 4–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '2.0' };
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };
const KIND_TAG: Record<string, string> = {
  sshd: 'sshd_config',
  nginx: 'nginx',
  django: 'django',
  requirements: 'pip-requirements',
  dockerfile: 'dockerfile',
  meta: 'deployguard',
};

function region(r: Range) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function pascal(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** Whitespace-insensitive text of a line, for fingerprints. */
export function normaliseLine(text: string): string {
  return text.trim().split(/\s+/).join(' ');
}

export function fingerprint(ruleId: string, relPath: string, lineText: string, occurrence: number): string {
  return createHash('sha256').update(`${ruleId}\0${relPath}\0${normaliseLine(lineText)}\0${occurrence}`).digest('hex').slice(0, 32);
}

/**
 * The SARIF report, written as the scan goes: the results first (a file's as soon as they are
 * known), then the run's tool, base URI and invocation (member order means nothing in JSON).
 */
export function sarifReporter(write: Write, version: string, scan: PreparedScan): Reporter {
  const rules = sortedRules(scan.rules);
  const ctx = context(scan.cwd, rules);
  write(`{\n${jsonMembers({ $schema: SARIF_SCHEMA_URI, version: '2.1.0' }, 1)},\n  "runs": [\n    {\n      "results": `);
  const results = new JsonArrayWriter(write, (items) => ({ runs: [{ results: items }] }));
  return {
    file(scanned) {
      const read = scan.engine.ws.read(scanned.file);
      const lines = read.ok ? new LineIndex(read.text) : undefined;
      const relPath = relativeTo(scanned.root, scanned.file) ?? ctx.display(scanned.file);
      const occurrences = new Map<string, number>();
      results.items(
        scanned.findings.map((f) => {
          const lineText = lines && f.range.start.line < lines.lineCount ? lines.lineText(f.range.start.line) : '';
          const key = `${f.ruleId}\0${normaliseLine(lineText)}`;
          const n = occurrences.get(key) ?? 0;
          occurrences.set(key, n + 1);
          return ctx.result(f, fingerprint(f.ruleId, relPath, lineText, n));
        }),
      );
    },
    end(out) {
      results.close();
      const base = pathToFileURL(out.cwd.endsWith(path.sep) ? out.cwd : out.cwd + path.sep).href;
      const run = {
        tool: { driver: { name: 'DeployGuard', version, semanticVersion: version, rules: rules.map((r) => descriptor(r, out.usedRules.has(r.id))) } },
        originalUriBaseIds: { SRCROOT: { uri: base } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: out.skipped.map((s) => ({
              level: 'note',
              message: { text: `${ctx.display(s.file)}: ${s.reason}` },
            })),
          },
        ],
      };
      write(`,\n${jsonMembers(run, 3)}\n    }\n  ]\n}\n`);
    },
  };
}

function sortedRules(rules: RuleMeta[]): RuleMeta[] {
  return [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function descriptor(rule: RuleMeta, used: boolean): Record<string, unknown> {
  const d: Record<string, unknown> = {
    id: rule.id,
    name: pascal(rule.title) || rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.why },
    defaultConfiguration: { enabled: !rule.optIn, level: LEVEL[rule.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[rule.severity],
      'problem.severity': PROBLEM_SEVERITY[rule.severity],
      tags: ['security', KIND_TAG[rule.kind] ?? rule.kind, ...(rule.optIn ? ['opt-in'] : [])],
      ...(rule.anchors ? { anchors: rule.anchors } : {}),
    },
  };
  const href = ruleDocUri(rule.id);
  if (href) d.helpUri = href;
  if (used) {
    const markdown = ruleDocMarkdown(rule.id);
    d.help = markdown ? { text: rule.why, markdown } : { text: rule.why };
  }
  return d;
}

/** How results are written: locations relative to the current directory, indexes into `rules`. */
function context(cwd: string, rules: RuleMeta[]) {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const display = displayPaths(cwd);
  const artifact = (file: string) => {
    const rel = display(file);
    if (!path.isAbsolute(file) || rel.startsWith('../') || rel === '..') return { uri: path.isAbsolute(file) ? pathToFileURL(file).href : file };
    return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
  };
  const location = (file: string, range: Range) => ({ physicalLocation: { artifactLocation: artifact(file), region: region(range) } });

  function result(f: Finding, fp: string): object {
    const r: Record<string, unknown> = {
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [location(f.file, f.range)],
      partialFingerprints: { [FINGERPRINT_KEY]: fp },
    };
    const i = index.get(f.ruleId);
    if (i !== undefined) r.ruleIndex = i;
    if (f.related?.length) {
      r.relatedLocations = f.related.map((rel, n) => ({ id: n + 1, ...location(rel.file, rel.range), message: { text: rel.message } }));
    }
    const fixes = (f.fixes ?? []).filter((fix) => !fix.createFiles?.length && fix.edits.length > 0);
    if (fixes.length > 0) {
      r.fixes = fixes.map((fix) => {
        const byFile = new Map<string, typeof fix.edits>();
        for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
        return {
          description: { text: fix.caveat ? `${fix.title} (${fix.caveat})` : fix.title },
          artifactChanges: [...byFile].map(([file, edits]) => ({
            artifactLocation: artifact(file),
            replacements: edits.map((e) => ({ deletedRegion: region(e.range), ...(e.newText ? { insertedContent: { text: e.newText } } : {}) })),
          })),
        };
      });
    }
    return r;
  }

  return { result, display };
}
