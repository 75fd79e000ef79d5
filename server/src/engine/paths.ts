// Path helpers shared by the kinds: workspace-relative paths and path roles (catalog §0).
import * as path from 'node:path';

/** Forward-slash path of `file` relative to `root`, or undefined when it is not below it. */
export function relativeTo(root: string, file: string): string | undefined {
  if (!path.isAbsolute(file)) return undefined;
  // The common case without path.relative (which normalises both paths every time): a normal
  // path below a normal root.
  if (path.sep === '/' && file.length > root.length + 1 && file.charCodeAt(root.length) === 47 && file.startsWith(root) && isNormal(root) && isNormal(file)) {
    return file.slice(root.length + 1);
  }
  const rel = path.relative(root, file);
  if (rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/**
 * An absolute POSIX path without doubled or trailing slashes and without a segment starting with
 * `.` (so no `.` or `..` segment; a path with a hidden folder or file just takes the slow way).
 */
function isNormal(p: string): boolean {
  return p.length > 1 && p.charCodeAt(p.length - 1) !== 47 && !p.includes('//') && !p.includes('/.');
}

const DEV_TOKENS = new Set([
  'dev',
  'develop',
  'development',
  'test',
  'tests',
  'testing',
  'lint',
  'docs',
  'doc',
  'ci',
  'local',
]);

/** Tokens of a workspace-relative path: folder names and the file stem, split at `-`, `_`, `.`. */
export function pathTokens(relPath: string): string[] {
  const parts = relPath.split('/').filter(Boolean);
  if (parts.length === 0) return [];
  const base = parts.pop()!;
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return [...parts, stem].flatMap((p) => p.split(/[-_.]/)).filter(Boolean).map((t) => t.toLowerCase());
}

/** Catalog §0 "Path roles": development when a token says so, production otherwise. */
export function pathRole(relPath: string): 'development' | 'production' {
  return pathTokens(relPath).some((t) => DEV_TOKENS.has(t)) ? 'development' : 'production';
}
