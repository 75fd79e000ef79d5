// ast-speedups.ts speeds dockerfile-ast up in place (arguments computed once per instruction, no second
// copy of each instruction, comments handed to stages in one pass). These patches must change
// nothing observable: every fixture (and files built to stress them) parses to the same tree as
// with a pristine copy of the library.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as patched from 'dockerfile-ast';
import '../../../server/src/kinds/dockerfile/parse';
import { loadFixtures } from './fixtures-lib';

type Lib = typeof patched;

/** A second, unpatched copy of dockerfile-ast (fresh module instances). */
function pristine(): Lib {
  const root = path.dirname(require.resolve('dockerfile-ast/package.json')) + path.sep;
  const ours = Object.keys(require.cache).filter((k) => k.startsWith(root));
  const saved = ours.map((k) => [k, require.cache[k]] as const);
  for (const k of ours) delete require.cache[k];
  try {
    return require('dockerfile-ast') as Lib;
  } finally {
    for (const k of Object.keys(require.cache)) if (k.startsWith(root)) delete require.cache[k];
    for (const [k, v] of saved) require.cache[k] = v;
  }
}

const r = (x: { getRange(): unknown } | null | undefined) => (x ? JSON.stringify(x.getRange()) : null);

function attempt<T>(f: () => T): T | string {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}

/** Everything DeployGuard (and dockerfile-utils) reads from a parsed Dockerfile. */
function dump(lib: Lib, text: string): unknown {
  const df = lib.DockerfileParser.parse(text);
  const instr = (i: patched.Instruction): unknown => {
    const any = i as unknown as Record<string, (() => unknown) | undefined>;
    const call = (name: string, f: (x: never) => unknown) => (typeof any[name] === 'function' ? attempt(() => (any[name]!.call(i) as never[]).map(f)) : undefined);
    return {
      keyword: i.getKeyword(),
      range: r(i),
      instructionRange: JSON.stringify(i.getInstructionRange()),
      args: i.getArguments().map((a) => [a.getValue(), r(a)]),
      argsTwice: i.getArguments().map((a) => a.getValue()),
      flags: call('getFlags', (f: patched.Flag) => [f.getName(), f.getValue(), r(f)]),
      properties: call('getProperties', (p: patched.Property) => [p.getName(), p.getValue(), JSON.stringify(p.getNameRange()), JSON.stringify(p.getValueRange())]),
      json: call('getJSONStrings', (s: patched.JSONArgument) => [s.getValue(), JSON.stringify(s.getJSONRange())]),
      heredocs: call('getHeredocs', (h: patched.Heredoc) => [h.getName(), JSON.stringify(h.getContentRange())]),
      variables: attempt(() => i.getVariables().map((v) => [v.getName(), r(v)])),
      trigger: typeof any.getTriggerInstruction === 'function' ? attempt(() => {
        const t = any.getTriggerInstruction!.call(i) as patched.Instruction | null;
        return t ? instr(t) : null;
      }) : undefined,
    };
  };
  const internals = df as unknown as { initialInstructions: { getComments(): patched.Comment[] }; buildStages: { getComments(): patched.Comment[] }[] };
  return {
    escape: df.getEscapeCharacter(),
    directives: df.getDirectives().map((d) => [d.getName(), d.getValue(), r(d)]),
    comments: df.getComments().map((c) => [c.getContent(), r(c)]),
    instructions: df.getInstructions().map(instr),
    initialComments: internals.initialInstructions.getComments().map(r),
    stageComments: internals.buildStages.map((s) => s.getComments().map(r)),
  };
}

describe('dockerfile-ast speed-ups', () => {
  const fresh = pristine();

  it('are installed, and the pristine copy is a different module instance', () => {
    const raw = (lib: Lib) => (lib.Instruction.prototype as unknown as Record<string, unknown>).getRawArguments;
    assert.notEqual(raw(fresh), raw(patched));
  });

  it('parse every fixture and stress file exactly as the pristine library does', () => {
    const stress = [
      // Many stages with comments between, inside and after them (the one-pass comment placement).
      Array.from({ length: 30 }, (_, k) => `# before ${k}\nFROM alpine AS s${k}\n# inside ${k}\nRUN a \\\n  # in continuation\n  b\n`).join('') + '# trailing\n',
      '# syntax=docker/dockerfile:1\n# escape=`\nARG A=1\n# c\nFROM scratch\nRUN a `\n  b\n',
      'FROM alpine\nRUN <<EOF\necho hi\nEOF\nCOPY <<A <<B /x\na\nA\nb\nB\nRUN <<-EOT bash\n\techo x\n\tEOT\n',
      'FROM alpine\r\nONBUILD RUN a && b\r\nONBUILD COPY --from=x a b\r\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "x"]\r\nENV A=1 B="x y" \\\r\n  C=3\r\nLABEL a=b\r\n',
      'RUN\nFROM\n# only comments\n\n\\\nCOPY --chown=a:b --chmod=644 [ "a b", "c" ]\nEXPOSE 80/tcp 443\nUSER 0:0\n',
      'FROM a\nRUN a\nRUN a\nRUN a\n',
    ];
    const texts = [...loadFixtures().map((f) => f.text), ...stress];
    for (const text of texts) assert.deepEqual(dump(patched, text), dump(fresh, text), text.slice(0, 80));
  });
});
