// The Dockerfile kind: Dockerfile, Dockerfile.*, *.dockerfile, Containerfile* (language id
// `dockerfile`, shared with VS Code's built-in Dockerfile support, which we do not replace).
import * as path from 'node:path';
import type { Kind, KindContext, UnitAnalysis } from '../../engine/kind';
import { runRules } from '../../engine/kind';
import { relativeTo } from '../../engine/paths';
import type { Comment } from '../../engine/types';
import { defaultConfig } from '../../engine/config';
import { MemoryWorkspace } from '../../engine/workspace';
import { buildModel } from './parse';
import { foreignPragma } from './pragmas';
import { RULES } from './rules';
import { checkSyntax } from './syntax';

/** Names that look like Dockerfiles but are not (ignore files, docs, editor backups). */
const NOT_DOCKERFILE = /\.(dockerignore|md|txt|orig|rej|bak|swp|patch|diff|json|ya?ml|sh|j2|tmpl|tpl)$|~$/i;

export function isDockerfileName(relPath: string): boolean {
  const base = relPath.slice(relPath.lastIndexOf('/') + 1);
  if (NOT_DOCKERFILE.test(base) && !/^(docker|container)file$/i.test(base)) return false;
  return /^(dockerfile)(\..+)?$/i.test(base) || /^containerfile.*$/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base);
}

export const dockerfileKind: Kind = {
  id: 'dockerfile',
  title: 'Dockerfile',
  languageIds: ['dockerfile'],
  rules: RULES.map((r) => r.meta),

  claims(relPath: string): boolean {
    return isDockerfileName(relPath);
  },

  unitsFor(file: string): string[] {
    return [file];
  },

  analyze(unitRoot: string, ctx: KindContext): UnitAnalysis {
    const r = ctx.ws.read(unitRoot);
    if (!r.ok) return { findings: [], comments: new Map() };
    const rel = (ctx.root && relativeTo(ctx.root, unitRoot)) || path.basename(unitRoot);
    const model = buildModel(r.text, { file: unitRoot, relPath: rel, ws: ctx.ws, config: ctx.config });
    model.syntax = checkSyntax(model);
    const findings = runRules(RULES, model, ctx);
    return { findings, comments: new Map([[unitRoot, model.comments]]) };
  },

  comments(text: string): Comment[] {
    try {
      const file = '/untitled/Dockerfile';
      return buildModel(text, { file, relPath: 'Dockerfile', ws: new MemoryWorkspace({}, ['/untitled']), config: defaultConfig('') }).comments;
    } catch {
      return [];
    }
  },

  foreignPragma(comment: Comment) {
    return foreignPragma(comment);
  },
};
