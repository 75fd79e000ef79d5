// DKR039 (opt-in): build-correctness checks of other tools, passed through without cluttering
// security output: MAINTAINER, FROM --platform, undefined variables, legacy ENV form, apt vs
// apt-get, casing, empty continuation lines.
import { invocation } from '../cli';
import { insertEdit, replaceEdit } from '../edits';
import { logicalLine } from '../text';
import { fix, meta, reportAt, runCommands, type DRule } from '../ruleutil';
import { KEYWORDS } from '../syntax';

export const DKR039: DRule = {
  meta: meta(
    'DKR039',
    'Build-correctness check (parity with hadolint, BuildKit, Checkov)',
    'info',
    'yes',
    'Not security issues, but they break builds or mislead readers; kept for parity with the anchors without cluttering security output (opt-in).',
    'DL4000, CKV_DOCKER_6, DS-0022, BK `MaintainerDeprecated`; DL3029, DL3065, BK `FromPlatformFlagConstDisallowed`, `RedundantTargetPlatform`; BK `UndefinedVar`, `UndefinedArgInFrom`; BK `LegacyKeyValueFormat`; DL3027, CKV_DOCKER_9; BK `StageNameCasing`, `FromAsCasing`, `ConsistentInstructionCasing`, `NoEmptyContinuation`',
    true,
  ),
  check(ctx) {
    const { model } = ctx;
    const text = model.text;
    // ConsistentInstructionCasing: majority casing.
    const known = model.instructions.filter((i) => KEYWORDS.has(i.keyword));
    const upper = known.filter((i) => i.written === i.written.toUpperCase()).length;
    const majorityUpper = upper * 2 >= known.length;
    for (const instr of model.instructions) {
      const kw = instr.keyword;
      if (!KEYWORDS.has(kw)) continue;
      if (instr.written !== (majorityUpper ? instr.written.toUpperCase() : instr.written.toLowerCase())) {
        const want = majorityUpper ? instr.written.toUpperCase() : instr.written.toLowerCase();
        reportAt(ctx, instr.keywordStart, instr.keywordEnd, `ConsistentInstructionCasing: write ${want} like the other instructions`, {
          fixes: [fix(`Write ${want}`, [replaceEdit(model, instr.keywordStart, instr.keywordEnd, want)])],
        });
      }
      if (kw === 'MAINTAINER' && instr.argText.text) {
        const value = instr.argText.text;
        reportAt(ctx, instr.keywordStart, instr.keywordEnd, 'MaintainerDeprecated: MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors', {
          fixes: [fix('Use LABEL org.opencontainers.image.authors', [replaceEdit(model, instr.keywordStart, instr.lineEnd, `LABEL org.opencontainers.image.authors=${JSON.stringify(value)}`)], { isPreferred: true })],
        });
      }
      if (kw === 'FROM') {
        const platform = instr.flags.find((f) => f.name === 'platform');
        if (platform?.rawValue) {
          if (/^\$\{?TARGETPLATFORM\}?$/.test(platform.rawValue)) {
            reportAt(ctx, platform.start, platform.end, 'RedundantTargetPlatform: --platform=$TARGETPLATFORM is the default', {
              fixes: [fix('Remove --platform', [replaceEdit(model, platform.start, Math.min(platform.end + 1, instr.lineEnd), '')])],
            });
          } else if (!platform.rawValue.includes('$')) {
            reportAt(ctx, platform.start, platform.end, `FromPlatformFlagConstDisallowed: --platform=${platform.rawValue} pins the platform; use a build argument ($BUILDPLATFORM / $TARGETPLATFORM) or drop it`);
          }
        }
        for (const m of (instr.args[0]?.raw ?? '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
          if (instr.lookup(m[1]) === undefined && !/:?-/.test(instr.args[0].raw)) reportAt(ctx, instr.args[0].start, instr.args[0].end, `UndefinedArgInFrom: ${m[1]} is not declared by an ARG before the first FROM`);
        }
        const as = instr.args[1];
        const name = instr.args[2];
        if (as && name && as.value.toLowerCase() === 'as') {
          const fromUpper = instr.written === instr.written.toUpperCase();
          if ((fromUpper && as.raw !== 'AS') || (!fromUpper && as.raw !== 'as')) {
            const want = fromUpper ? 'AS' : 'as';
            reportAt(ctx, as.start, as.end, `FromAsCasing: write ${want} to match ${instr.written}`, { fixes: [fix(`Write ${want}`, [replaceEdit(model, as.start, as.end, want)])] });
          }
          if (name.raw !== name.raw.toLowerCase()) {
            reportAt(ctx, name.start, name.end, `StageNameCasing: stage names are lower case (${name.raw.toLowerCase()})`, {
              fixes: [fix(`Write ${name.raw.toLowerCase()}`, [replaceEdit(model, name.start, name.end, name.raw.toLowerCase())])],
            });
          }
        }
      }
      if ((kw === 'ENV' || kw === 'LABEL') && instr.properties.length === 1 && instr.properties[0].legacy) {
        const p = instr.properties[0];
        const v = p.rawValue ?? '';
        const quoted = /\s/.test(v) && !/^["'].*["']$/.test(v) ? JSON.stringify(v) : v;
        reportAt(ctx, p.start, p.end, `LegacyKeyValueFormat: write ${kw} ${p.name}=${quoted}`, {
          fixes: p.valueStart !== undefined && p.valueEnd !== undefined && !text.slice(p.valueStart, p.valueEnd).includes('\n') ? [fix(`Write ${p.name}=…`, [replaceEdit(model, p.nameEnd, p.valueEnd, `=${quoted}`)])] : undefined,
        });
      }
      // UndefinedVar in instructions BuildKit expands.
      if (!['RUN', 'CMD', 'ENTRYPOINT', 'FROM', 'HEALTHCHECK', 'ONBUILD'].includes(kw)) {
        const seen = new Set<string>();
        const declaredHere = new Set(instr.properties.map((p) => p.name));
        const body = text.slice(instr.keywordEnd, instr.lineEnd);
        for (const m of body.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)(:?[-+?])?/g)) {
          const name = m[1];
          if (seen.has(name) || declaredHere.has(name) || m[2]) continue;
          seen.add(name);
          if (instr.lookup(name) !== undefined || name === 'PATH' || name === 'HOME' || name === 'HOSTNAME') continue;
          const s = instr.keywordEnd + (m.index ?? 0);
          reportAt(ctx, s, s + m[0].length, `UndefinedVar: ${name} is not defined by ARG or ENV before this ${kw}`);
        }
      }
      // NoEmptyContinuation
      if (instr.startLine !== instr.endLine && instr.heredocs.length === 0) {
        const ll = logicalLine(text, instr.start, instr.end, model.escape);
        for (const at of ll.emptyContinuationLines) reportAt(ctx, at, at, 'NoEmptyContinuation: an empty line inside a continued instruction (deprecated; it will become an error)');
      }
    }
    // apt vs apt-get
    for (const rc of runCommands(model)) {
      const inv = invocation(rc.cmd);
      if (inv?.name !== 'apt' || inv.nameWord.raw !== 'apt') continue;
      reportAt(ctx, inv.nameWord.start, inv.nameWord.end, 'apt is for interactive use (its CLI is not stable): use apt-get in scripts', {
        fixes: [fix('Use apt-get', [insertEdit(model, inv.nameWord.end, '-get')])],
      });
    }
  },
};
