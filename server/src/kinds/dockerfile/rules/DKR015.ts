// DKR015: downloaded code executed without verification (curl | sh, bash <(curl …), ADD <url> then run).
import * as path from 'node:path';
import { invocation, isInterpreterName, parseOptions, CURL_SPEC, WGET_SPEC } from '../cli';
import type { Command } from '../shell';
import { copyParts } from './DKR008';
import { meta, reportAt, runCommands, stageChain, type DRule } from '../ruleutil';
import { cutAtFirstOf } from '../scan';

/** Does this command write a download to stdout (curl without -o/-O, wget -O -)? */
export function downloadsToStdout(cmd: Command): boolean {
  const inv = invocation(cmd);
  if (!inv) return false;
  if (inv.name === 'curl') {
    const p = parseOptions(inv.args, CURL_SPEC);
    return !p.opts.some((o) => o.name === 'o' || o.name === 'output' || o.name === 'O' || o.name === 'remote-name' || o.name === 'remote-name-all' || o.name === 'output-dir');
  }
  if (inv.name === 'wget') {
    const p = parseOptions(inv.args, WGET_SPEC);
    return p.opts.some((o) => (o.name === 'O' || o.name === 'output-document') && o.value === '-');
  }
  return false;
}

function interpreterOf(cmd: Command): string | undefined {
  const inv = invocation(cmd);
  if (!inv) return undefined;
  return isInterpreterName(inv.name) ? inv.name : undefined;
}

export const DKR015: DRule = {
  meta: meta(
    'DKR015',
    'Downloaded script executed without verification',
    'error',
    'no',
    'Piping a download into a shell runs whatever the server (or anyone on the path) sends, as root, at build time, with no chance to check it.',
    '— (DL4006/DS-0032 only cover pipefail)',
  ),
  check(ctx) {
    const { model } = ctx;
    const reported = new Set<Command>();
    for (const instr of model.allInstructions) {
      const script = instr.command?.script;
      if (instr.keyword !== 'RUN' || !script) continue;
      // curl … | sh
      for (const p of script.pipelines) {
        for (let i = 0; i < p.commands.length; i++) {
          if (!downloadsToStdout(p.commands[i])) continue;
          for (let j = i + 1; j < p.commands.length; j++) {
            const interp = interpreterOf(p.commands[j]);
            if (!interp || reported.has(p.commands[j])) continue;
            reported.add(p.commands[j]);
            const dl = invocation(p.commands[i])!.name;
            reportAt(ctx, p.commands[i].start, p.commands[j].end, `${dl} output is piped into ${interp}: the downloaded script runs unverified at build time; download it to a file, verify its checksum or signature, then run it`);
          }
        }
      }
      // bash <(curl …), sh -c "$(curl …)"
      for (const c of script.commands) {
        const interp = interpreterOf(c);
        if (!interp || reported.has(c)) continue;
        for (const w of c.words.slice(1)) {
          const sub = w.expansions.find((e) => (e.kind === 'cmd' || e.kind === 'proc') && script.commands.some((d) => d.depth > c.depth && d.start >= e.start && d.end <= e.end && downloadsToStdout(d)));
          if (!sub) continue;
          reported.add(c);
          reportAt(ctx, c.start, c.end, `${interp} runs a script fetched by a command substitution: it runs unverified at build time; download it to a file, verify it, then run it`);
          break;
        }
      }
    }
    // ADD https://…/install.sh /tmp/ then RUN /tmp/install.sh or sh /tmp/install.sh
    for (const st of model.stages) {
      const fetched = new Map<string, string>();
      for (const instr of stageChain(st).flatMap((s) => s.instructions)) {
        if (instr.keyword !== 'ADD' || instr.flags.some((f) => f.name === 'checksum')) continue;
        const { sources, dest } = copyParts(instr);
        if (!dest || !dest.resolved) continue;
        for (const src of sources) {
          if (!/^https?:\/\//i.test(src.value)) continue;
          const base = path.posix.basename(cutAtFirstOf(src.value, '?#'));
          const target = dest.value.endsWith('/') ? path.posix.join(dest.value, base) : dest.value;
          fetched.set(target, src.value);
        }
      }
      if (fetched.size === 0) continue;
      for (const rc of runCommands(model, { triggers: false })) {
        if (rc.instr.stage !== st || reported.has(rc.cmd)) continue;
        const { inv } = rc;
        const target = isInterpreterName(inv.name) ? inv.args.find((a) => !a.value.startsWith('-')) : inv.nameWord;
        if (!target || !target.resolved) continue;
        const url = fetched.get(target.value) ?? fetched.get(path.posix.join('/', target.value));
        if (!url) continue;
        reported.add(rc.cmd);
        reportAt(ctx, rc.cmd.start, rc.cmd.end, `Runs ${target.value}, fetched by ADD ${url} without --checksum: the downloaded script runs unverified`);
      }
    }
  },
};
