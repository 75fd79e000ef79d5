// The pip requirements kind: requirements*.txt, requirements/*.txt, *requirements*.in,
// constraints*.txt. A file is analysed together with what it includes (-r/-c); an included file is
// also analysed in the units of the files that include it, so cross-file findings reach it.
import * as path from 'node:path';
import { advisorySourceFor } from '../../advisories/service';
import type { AdvisorySource } from '../../advisories/source';
import type { Kind, KindContext, UnitAnalysis } from '../../engine/kind';
import { memo, runRules } from '../../engine/kind';
import { relativeTo } from '../../engine/paths';
import type { Comment } from '../../engine/types';
import { isRequirementsPath } from './helpers';
import { commentsOf, preprocess } from './lines';
import { buildUnit, includersOf, includeTargets } from './model';
import { RULES } from './rules';

function advisoriesFor(ctx: KindContext): AdvisorySource | undefined {
  const c = ctx.config;
  try {
    return advisorySourceFor({
      folder: c.requirements.advisories,
      configDir: c.file ? path.dirname(c.file) : c.root || process.cwd(),
      online: c.requirements.onlineAdvisories,
    });
  } catch (e) {
    ctx.log(`requirements: advisory source unavailable: ${(e as Error).message}`);
    return undefined;
  }
}

/** Requirements files in the folders an include usually comes from: the file's own, its parent, and their requirements/ sub-folders. */
function neighbourFiles(file: string, ctx: KindContext): string[] {
  const dir = path.dirname(file);
  const dirs = new Set([dir, path.dirname(dir)]);
  for (const d of [...dirs]) dirs.add(path.join(d, 'requirements'));
  const out: string[] = [];
  for (const d of dirs) {
    if (ctx.root && relativeTo(ctx.root, d) === undefined) continue;
    for (const e of ctx.ws.list(d) ?? []) {
      if (e.isDirectory) continue;
      const abs = path.join(d, e.name);
      const rel = (ctx.root ? relativeTo(ctx.root, abs) : undefined) ?? e.name;
      if (isRequirementsPath(rel)) out.push(abs);
    }
    if (out.length > 200) break;
  }
  return out;
}

export const requirementsKind: Kind = {
  id: 'requirements',
  title: 'pip requirements',
  languageIds: ['pip-requirements'],
  rules: RULES.map((r) => r.meta),

  claims(relPath: string): boolean {
    return isRequirementsPath(relPath);
  },

  unitsFor(file: string, ctx: KindContext): string[] {
    // Both memoised: typing in a file re-reads only that file's includes, not its folders and neighbours.
    const candidates = memo(ctx, `requirements:neighbours:${file}`, (c) => neighbourFiles(file, c));
    const targetsOf = (f: string) => memo(ctx, `requirements:includes:${f}`, (c) => includeTargets(c.ws, f));
    return [file, ...includersOf(file, candidates, targetsOf)];
  },

  analyze(unitRoot: string, ctx: KindContext): UnitAnalysis {
    const model = buildUnit(unitRoot, ctx, advisoriesFor(ctx));
    const comments = new Map<string, Comment[]>();
    for (const f of model.files) comments.set(f.file, f.parsed.comments);
    return { findings: runRules(RULES, model, ctx), comments };
  },

  comments(text: string): Comment[] {
    return commentsOf(preprocess(text));
  },
};
