// DKR022: risky pip installs in the shipped image: --extra-index-url, VCS/URL without hash,
// development requirements (judged by path role, following -r includes in the workspace).
import * as path from 'node:path';
import { pathRole } from '../../../engine/paths';
import { isInstall, packageManager, parseOptions, PIP_SPEC } from '../cli';
import type { DInstruction, DockerModel } from '../model';
import { meta, reportAt, runCommands, stageChain, type DRule } from '../ruleutil';
import { trailingBracketText } from '../scan';

/** Effective WORKDIR before an instruction (undefined when none is set in the Dockerfile). */
export function workdirAt(instr: DInstruction): string | undefined {
  if (!instr.stage) return undefined;
  let wd: string | undefined;
  for (const st of stageChain(instr.stage)) {
    for (const i of st.instructions) {
      if (st === instr.stage && i.index >= instr.index) break;
      if (i.keyword !== 'WORKDIR' || i.args.length === 0 || !i.args[0].resolved) continue;
      const v = i.args.map((a) => a.value).join(' ');
      wd = v.startsWith('/') ? v : path.posix.join(wd ?? '/', v);
    }
  }
  return wd;
}

const DEV_EXTRAS = new Set(['dev', 'develop', 'development', 'test', 'tests', 'testing', 'lint', 'docs', 'doc', 'ci', 'local']);

/** Context-relative path of a requirements file named in the container (WORKDIR prefix removed). */
function contextPath(value: string, workdir: string | undefined): string {
  let v = value.replace(/^\.\//, '');
  if (v.startsWith('/') && workdir && (v === workdir || v.startsWith(workdir.replace(/\/$/, '') + '/'))) v = v.slice(workdir.replace(/\/$/, '').length + 1);
  return v.replace(/^\/+/, '');
}

/** A development requirements file this one includes (-r), found by reading the workspace copy. */
function devInclude(model: DockerModel, rel: string, depth = 0, seen = new Set<string>()): string | undefined {
  if (depth > 5 || !path.isAbsolute(model.file)) return undefined;
  const file = path.join(model.contextDir, rel);
  if (seen.has(file)) return undefined;
  seen.add(file);
  const r = model.ws.read(file);
  if (!r.ok) return undefined;
  for (const line of r.text.split(/\r?\n/)) {
    const m = /^\s*(?:-r|--requirement)(?:\s*=\s*|\s+)(\S+)/.exec(line);
    if (!m) continue;
    const inc = path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1]));
    if (pathRole(inc) === 'development') return inc;
    const deeper = devInclude(model, inc, depth + 1, seen);
    if (deeper) return deeper;
  }
  return undefined;
}

export const DKR022: DRule = {
  meta: meta(
    'DKR022',
    'Risky pip install in the shipped image',
    'warning',
    'no',
    '--extra-index-url lets a public package shadow an internal one (dependency confusion); VCS or URL installs without a hash can change under you; development requirements ship test and debug tools to production.',
    undefined,
  ),
  check(ctx) {
    const { model } = ctx;
    for (const rc of runCommands(model, { triggers: false, shippedOnly: true })) {
      const pm = packageManager(rc.cmd);
      if (!pm || pm.tool !== 'pip' || !isInstall(pm)) continue;
      const p = parseOptions(pm.inv.args, PIP_SPEC);
      const hashes = p.opts.some((o) => o.name === 'require-hashes');
      for (const o of p.opts) {
        if (o.name === 'extra-index-url') {
          reportAt(ctx, o.word.start, (o.valueWord ?? o.word).end, `pip --extra-index-url ${o.value ?? ''} in the shipped image: pip picks the highest version from any index, so a public package can shadow an internal one (dependency confusion); use --index-url with a proxy that serves both`);
        }
        if ((o.name === 'r' || o.name === 'requirement') && o.value) {
          const w = o.valueWord ?? o.word;
          if (!w.resolved) continue;
          const rel = contextPath(o.value, workdirAt(rc.instr));
          if (pathRole(rel) === 'development') {
            reportAt(ctx, w.start, w.end, `pip install -r ${o.value} installs development requirements in the shipped image: install the production requirements and keep dev/test tools in a builder or test stage`);
          } else {
            const inc = devInclude(model, rel);
            if (inc) reportAt(ctx, w.start, w.end, `pip install -r ${o.value} pulls in development requirements (${inc}, through -r) in the shipped image`);
          }
        }
      }
      const editables = p.opts.filter((o) => (o.name === 'e' || o.name === 'editable') && o.value !== undefined).map((o) => ({ ...(o.valueWord ?? o.word), value: o.value! }));
      for (const w of [...pm.parsed.operands, ...editables]) {
        if (!w.resolved) continue;
        const extras = trailingBracketText(w.value);
        if (extras && extras.split(',').some((e) => DEV_EXTRAS.has(e.trim().toLowerCase()))) {
          reportAt(ctx, w.start, w.end, `pip install ${w.value} installs development extras in the shipped image`);
          continue;
        }
        const vcs = /^(git|hg|svn|bzr)\+/.test(w.value);
        const url = /^(https?|ftp):\/\//i.test(w.value);
        if (!vcs && !url) continue;
        if (hashes || /#sha(256|384|512)=/.test(w.value)) continue;
        if (vcs && /@[0-9a-f]{40}(#|$)/.test(w.value)) continue;
        reportAt(ctx, w.start, w.end, `pip install ${w.value}: a ${vcs ? 'VCS' : 'URL'} requirement without a hash can change between builds; pin a commit or add #sha256=…`);
      }
    }
  },
};
