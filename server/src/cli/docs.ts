// The rule pages (docs/rules/<ID>.md) shipped next to the bundles: dist/../docs/rules. Used by the
// CLI (`deployguard explain`, SARIF helpUri) and the language server (codeDescription, hover,
// deployguard/ruleDoc). No LSP import here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const RULE_ID = /^[A-Z]{2,3}\d{3}$/;

let cachedDir: string | null | undefined;

/**
 * The docs/rules folder: next to the bundle (dist/server.js → docs/rules) or, when running from
 * source, at the repository root. Undefined when none is found.
 */
export function docsDir(): string | undefined {
  if (cachedDir !== undefined) return cachedDir ?? undefined;
  cachedDir = null;
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(candidate)) {
      cachedDir = candidate;
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return cachedDir ?? undefined;
}

/** Normalises a user-typed rule id (`ssh002` → `SSH002`); undefined when it is not of that shape. */
export function normaliseRuleId(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const up = id.trim().toUpperCase();
  return RULE_ID.test(up) ? up : undefined;
}

const pathCache = new Map<string, string | null>();

/** Absolute path of the rule's page, when it exists. */
export function ruleDocPath(id: string): string | undefined {
  const norm = normaliseRuleId(id);
  if (!norm) return undefined;
  let p = pathCache.get(norm);
  if (p === undefined) {
    const dir = docsDir();
    const file = dir ? path.join(dir, `${norm}.md`) : undefined;
    p = file && fs.existsSync(file) ? file : null;
    pathCache.set(norm, p);
  }
  return p ?? undefined;
}

/** file:// URI of the rule's page (works offline), when it exists. */
export function ruleDocUri(id: string): string | undefined {
  const p = ruleDocPath(id);
  return p ? pathToFileURL(p).href : undefined;
}

/** Markdown text of the rule's page, when it exists and can be read. */
export function ruleDocMarkdown(id: string): string | undefined {
  const p = ruleDocPath(id);
  if (!p) return undefined;
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}
