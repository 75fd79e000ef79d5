// The sshd_config kind: which files it reads, how drop-ins join the unit of the main sshd_config
// that includes them, and the analysis of a unit (effective configuration + every SSH rule).
import * as path from 'node:path';
import { resolveConfigPath, type ProjectConfig } from '../../engine/config';
import { memo, runRules, type Kind, type KindContext, type UnitAnalysis } from '../../engine/kind';
import type { Comment, Finding } from '../../engine/types';
import { keywordInfo } from './keywords';
import { lexSshd, sshdComments } from './lexer';
import { buildModel, type SshdModel } from './model';
import { SSH_RULES } from './rules';
import { parseVersion, type OpensshVersion } from './versions';

const DEFAULT_VERSION = parseVersion('9.6')!;

function isMainName(base: string): boolean {
  return base === 'sshd_config';
}

/** Files this kind reads by name: `sshd_config`, `*.conf` in an `sshd_config.d` folder, `*sshd*.conf`. */
export function claimsSshd(relPath: string): boolean {
  const parts = relPath.split('/');
  const base = parts[parts.length - 1];
  if (isMainName(base)) return true;
  if (parts.length >= 2 && parts[parts.length - 2] === 'sshd_config.d' && base.endsWith('.conf')) return true;
  const lower = base.toLowerCase();
  return lower.includes('sshd') && lower.endsWith('.conf');
}

/** `.conf` or `.config`: the only names whose content may make them sshd files. */
function hasConfigExtension(relPath: string): boolean {
  const lower = relPath.toLowerCase();
  return lower.endsWith('.conf') || lower.endsWith('.config');
}

/**
 * Other `.conf`/`.config` files (an `Include /etc/ssh/hardening.conf`, a crypto-policies back-end) by
 * content: no `{` or trailing `;` on any line (so nginx files, whose lines end with `;`, are never
 * taken), and sshd keywords on at least half of the lines that hold one. Not all of them: a drop-in
 * with a misspelt or half-typed keyword must still be read, or its syntax error would go unreported
 * (the file would be reported clean).
 */
export function looksLikeSshd(relPath: string, head: string | undefined): boolean {
  if (head === undefined || !hasConfigExtension(relPath)) return false;
  // sshd reads lines independently: the first line holding anything decides most files (an nginx
  // file's first directive ends with ";" or "{"), without lexing the whole head.
  for (let start = 0; start < head.length; ) {
    const nl = head.indexOf('\n', start);
    const end = nl < 0 ? head.length : nl + 1;
    const line = head.slice(start, end);
    start = end;
    const first = lexSshd('', line);
    if (first.directives.length === 0 && first.problems.length === 0) continue;
    if (tally(first, line) === undefined) return false;
    break;
  }
  const counts = tally(lexSshd('', head), head);
  return counts !== undefined && counts.known > 0 && counts.known >= counts.unknown;
}

/** Lines with an sshd keyword and with another word; undefined when a line has "{" or ends with ";". */
function tally(lexed: ReturnType<typeof lexSshd>, text: string): { known: number; unknown: number } | undefined {
  let known = 0;
  let unknown = 0;
  const directiveLines = new Set<number>();
  for (const d of lexed.directives) {
    // Up to the last argument: a trailing comment must not hide the ";" of an nginx line.
    const t = text.slice(d.keywordStart, d.args.length > 0 ? d.args[d.args.length - 1].end : d.contentEnd);
    if (t.includes('{') || t.trimEnd().endsWith(';')) return undefined;
    if (keywordInfo(d.key)) known++;
    else unknown++;
    directiveLines.add(d.lineStart);
  }
  // Lines sshd rejects before they become directives: a keyword without a value, a broken quote.
  for (const p of lexed.problems) {
    if (directiveLines.has(text.lastIndexOf('\n', p.start - 1) + 1)) continue;
    const t = text.slice(p.start, p.end);
    if (t.includes('{') || t.trimEnd().endsWith(';')) return undefined;
    const keyword = /^"?([A-Za-z0-9]+)/.exec(t)?.[1];
    if (keyword && keywordInfo(keyword.toLowerCase())) known++;
    else unknown++;
  }
  return { known, unknown };
}

export function targetVersion(config: ProjectConfig): OpensshVersion {
  return parseVersion(config.openssh.version) ?? DEFAULT_VERSION;
}

function sshDirOption(config: ProjectConfig): string | undefined {
  return config.openssh.configRoot ? resolveConfigPath(config, config.openssh.configRoot) : undefined;
}

/**
 * The model of a unit, built once until one of its files changes (deciding which units a drop-in is
 * in and analysing them share it), from lexed files shared by every unit. Treat it as immutable.
 */
function unitModel(root: string, ctx: KindContext): SshdModel {
  return memo(ctx, `sshd:model:${root}`, (c) =>
    buildModel(c.ws, root, {
      version: targetVersion(c.config),
      sshDir: sshDirOption(c.config),
      lex: (file, text) =>
        memo(c, `sshd:lex:${file}`, (lc) => {
          const r = lc.ws.read(file);
          return lexSshd(file, r.ok ? r.text : text);
        }),
    }),
  );
}

/** Main sshd_config files that could include `file`: in its folder or any ancestor up to the workspace root. */
function candidateMains(file: string, ctx: KindContext): string[] {
  const out: string[] = [];
  const configRoot = sshDirOption(ctx.config);
  if (configRoot) out.push(path.join(configRoot, 'sshd_config'));
  let dir = path.dirname(file);
  const stop = ctx.root || path.parse(file).root;
  for (let i = 0; i < 32; i++) {
    out.push(path.join(dir, 'sshd_config'));
    if (dir === stop || path.dirname(dir) === dir || !dir.startsWith(stop)) break;
    dir = path.dirname(dir);
  }
  return [...new Set(out)].filter((f) => f !== file);
}

export const sshdKind: Kind = {
  id: 'sshd',
  title: 'sshd_config',
  languageIds: ['sshd_config'],
  rules: SSH_RULES.map((r) => r.meta),
  // By path first: a file of another name is never read to decide.
  claims: (relPath, head) => claimsSshd(relPath) || (hasConfigExtension(relPath) && looksLikeSshd(relPath, head())),
  unitsFor(file: string, ctx: KindContext): string[] {
    if (isMainName(path.basename(file))) return [file];
    const mains = candidateMains(file, ctx).filter((m) => {
      if (!ctx.ws.read(m).ok) return false;
      return unitModel(m, ctx).files.has(file);
    });
    return mains.length ? mains : [file];
  },
  analyze(unitRoot: string, ctx: KindContext): UnitAnalysis {
    const model = unitModel(unitRoot, ctx);
    const findings: Finding[] = runRules(SSH_RULES, model, ctx);
    const comments = new Map<string, Comment[]>();
    for (const [f, lexed] of model.files) comments.set(f, lexed.comments);
    return { findings, comments };
  },
  comments: sshdComments,
};
