// The target nginx version (catalog §0): `nginx.version` in .deployguard.json when set; else the
// lowest `FROM nginx:<x.y[.z]>` tag found in the workspace's Dockerfiles; else the default 1.24.
// The Dockerfile scan is deliberately small: files named Dockerfile, Dockerfile.*, *.Dockerfile or
// Containerfile up to three folders deep, one FROM line at a time, no ARG substitution.
import * as path from 'node:path';
import { memo, type KindContext } from '../../engine/kind';
import { SKIPPED_DIRS } from '../../engine/discover';

export interface NginxVersion {
  /** As written: "1.24", "1.25.3". */
  text: string;
  parts: [number, number, number | undefined];
  /** True when the workspace states it (project config or a Dockerfile tag), not the default. */
  stated: boolean;
  /** Where a Dockerfile states it. */
  source?: { file: string; line: number; character: number; length: number };
  /** Compares with x.y.z; a version without patch level counts as x.y.0. */
  atLeast(v: string): boolean;
}

export function parseVersion(s: string): [number, number, number | undefined] | undefined {
  const m = /^(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?/.exec(s.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
}

export function compareVersions(a: [number, number, number | undefined], b: [number, number, number | undefined]): number {
  return a[0] - b[0] || a[1] - b[1] || (a[2] ?? 0) - (b[2] ?? 0);
}

export function makeVersion(text: string, stated: boolean, source?: NginxVersion['source']): NginxVersion {
  const parts = parseVersion(text) ?? [1, 24, undefined];
  // Rules ask about a handful of fixed versions, for every node: answered once each.
  const answers = new Map<string, boolean>();
  return {
    text,
    parts,
    stated,
    source,
    atLeast: (v) => {
      let a = answers.get(v);
      if (a === undefined) answers.set(v, (a = compareVersions(parts, parseVersion(v)!) >= 0));
      return a;
    },
  };
}

const FROM_NGINX = /^[ \t]*FROM[ \t]+(?:--platform=\S+[ \t]+)?(?:docker\.io\/)?(?:library\/)?(?:nginx|nginxinc\/nginx-unprivileged):(\d{1,4}\.\d{1,4}(?:\.\d{1,4})?)/i;

function isDockerfile(name: string): boolean {
  return name === 'Dockerfile' || name === 'Containerfile' || name.startsWith('Dockerfile.') || name.endsWith('.Dockerfile') || name.endsWith('.dockerfile');
}

/** `FROM nginx:<version>` lines of the workspace's Dockerfiles. */
export function dockerfileVersions(ctx: KindContext): NonNullable<NginxVersion['source'] & { version: string }>[] {
  const out: NonNullable<NginxVersion['source'] & { version: string }>[] = [];
  if (!ctx.root) return out;
  const visit = (dir: string, depth: number) => {
    const entries = ctx.ws.list(dir);
    if (!entries) return;
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory) {
        if (depth < 3 && !SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) visit(p, depth + 1);
        continue;
      }
      if (!isDockerfile(e.name)) continue;
      const r = ctx.ws.read(p);
      if (!r.ok) continue;
      const lines = r.text.split(/\r\n|\n|\r/);
      lines.forEach((line, i) => {
        const m = FROM_NGINX.exec(line);
        if (m) out.push({ file: p, line: i, character: line.indexOf(m[1]), length: m[1].length, version: m[1] });
      });
    }
  };
  visit(ctx.root, 0);
  return out;
}

export function nginxVersion(ctx: KindContext): NginxVersion {
  const cfg = ctx.config.nginx;
  if (cfg.versionStated) return makeVersion(cfg.version, true);
  // Looked up once per workspace root until a Dockerfile (or a folder listed) changes.
  const found = memo(ctx, 'nginx:dockerfile-versions', dockerfileVersions);
  if (found.length > 0) {
    let low = found[0];
    for (const f of found) if (compareVersions(parseVersion(f.version)!, parseVersion(low.version)!) < 0) low = f;
    return makeVersion(low.version, true, { file: low.file, line: low.line, character: low.character, length: low.length });
  }
  return makeVersion(cfg.version, false);
}
