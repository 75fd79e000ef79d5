// A file that fails to parse is never reported clean (issue 9, item 1; catalog §0 "Syntax errors").
// For each kind, fixtures that parse cleanly (no XXX000 finding) are broken on purpose by a mutation
// that is a syntax error in that language wherever it is put (the positions are chosen from the
// language's own token structure, so the mutation never lands inside a string or comment), and the
// mutated file must get the kind's XXX000 finding:
//   nginx        a `{` without `}`, a `}` without `{`, a block's `{` or `}` removed, the `;` before a
//                `}` removed, a string left open at the end of the file;
//   sshd         an unterminated quote on a directive line, an unknown keyword, a keyword without value;
//   django       a stray `)`, an unterminated string, `if` without `:`, a closing bracket removed;
//   requirements an unparsable requirement line or an unknown option (not inside a continuation);
//   dockerfile   an unknown instruction inserted, an instruction keyword misspelt.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import fc from 'fast-check';
import { parser as pythonParser } from '@lezer/python';
import { LineIndex, MemoryWorkspace, type KindId } from '../../server/src/engine';
import { KINDS } from '../../server/src/kinds';
import { engineOver, fixtureFiles, syntaxFindings } from './fixture-variants';

const RUNS = Number(process.env.DEPLOYGUARD_SYNTAX_RUNS ?? 400);
const SEED = 20261129;

/**
 * Mutations that do not (yet) get their XXX000 finding, in kinds whose owners are still working on
 * them. The coordinator hands them over; remove an entry once fixed.
 */
export const KNOWN_KIND_BUGS: { kind: KindId; mutation?: RegExp; file?: RegExp; reason?: RegExp; description: string }[] = [
  {
    kind: 'nginx',
    reason: /no longer read/,
    description:
      'A .conf file outside nginx/, conf.d/, snippets/ and sites-*/ is claimed only by its content (a `server {`-like line, ' +
      'a `location … {` line, or a first directive ending in `;` or `{`). Breaking exactly that (h5bp/h5bp/security/' +
      'x-content-type-options.conf with the `;` of its only directive removed, or weak-tls.conf with the `{` of `server {` ' +
      'removed) makes the file "not a file DeployGuard reads": its syntax error is reported nowhere, although h5bp/nginx.conf ' +
      'includes the snippet. The same happens on every half-typed first line of such a snippet in the editor.',
  },
];

interface Broken {
  text: string;
  /** What was done, for the failure message. */
  what: string;
  /** Offset of the mutation in the new text. */
  at: number;
}

type Breaker = (text: string, pick: (n: number) => number) => Broken | undefined;

const insertAt = (text: string, at: number, s: string, what: string): Broken => ({ text: text.slice(0, at) + s + text.slice(at), what, at });
const deleteAt = (text: string, at: number, len: number, what: string): Broken => ({ text: text.slice(0, at) + text.slice(at + len), what, at });
/** EOF, after a line break if the text does not end with one (so a trailing comment does not swallow it). */
const endOf = (text: string) => (text === '' || /[\r\n]$/.test(text) ? text : text + '\n');

// ---- nginx -------------------------------------------------------------------------------------

interface NginxStructure {
  /** Every `;`, `{` and `}` outside strings, comments and words, in order. */
  marks: { at: number; ch: ';' | '{' | '}'; /** a word came between this mark and the next */ wordAfter: boolean }[];
}

/**
 * ngx_conf_read_token's view of the text: `#` at the start of a token runs to the end of the line, a
 * quote at the start of a token runs to its unescaped match, `\` escapes the next character, a
 * word ends at whitespace, `;` or `{` (but `${` stays in the word, and so does `}`). Undefined when a
 * string is left open, or for Lua blocks (their body is Lua, not nginx).
 */
function nginxStructure(text: string): NginxStructure | undefined {
  if (/_by_lua_block/.test(text)) return undefined;
  const marks: NginxStructure['marks'] = [];
  const ws = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (ws(c)) {
      i++;
    } else if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === ';' || c === '{' || c === '}') {
      marks.push({ at: i, ch: c, wordAfter: false });
      i++;
    } else {
      if (marks.length > 0) marks[marks.length - 1].wordAfter = true;
      if (c === '"' || c === "'") {
        i++;
        while (i < n && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
        if (i >= n) return undefined;
        i++;
      } else {
        let variable = false;
        while (i < n) {
          const d = text[i];
          if (d === '{' && variable) {
            i++;
            continue;
          }
          if (ws(d) || d === ';' || d === '{') break;
          variable = d === '$';
          i += d === '\\' ? 2 : 1;
        }
      }
    }
  }
  return { marks };
}

const nginxBreaker: Breaker = (text, pick) => {
  const s = nginxStructure(text);
  const end = endOf(text);
  if (!s || s.marks.length === 0) {
    return pick(2) === 0 ? insertAt(end, end.length, 'broken_block {\n', 'a `{` without `}` at the end') : insertAt(end, end.length, 'root "/srv\n', 'a string left open at the end');
  }
  const mark = s.marks[pick(s.marks.length)];
  switch (pick(5)) {
    case 0:
      return insertAt(text, mark.at + 1, '\nbroken_block {\n', `a \`{\` without \`}\` after the \`${mark.ch}\``);
    case 1:
      return insertAt(text, mark.at + 1, '\n}\n', `a \`}\` without \`{\` after the \`${mark.ch}\``);
    case 2: {
      const braces = s.marks.filter((m) => m.ch !== ';');
      if (braces.length === 0) return insertAt(text, mark.at + 1, '\n}\n', `a \`}\` without \`{\` after the \`${mark.ch}\``);
      const b = braces[pick(braces.length)];
      return deleteAt(text, b.at, 1, `a block's \`${b.ch}\` removed`);
    }
    case 3: {
      // A `;` followed by `}` or the end of the file, with nothing but comments between.
      const last = s.marks.filter((m, k) => m.ch === ';' && !m.wordAfter && (k + 1 === s.marks.length || s.marks[k + 1].ch === '}'));
      if (last.length === 0) return insertAt(end, end.length, 'broken_block {\n', 'a `{` without `}` at the end');
      const m = last[pick(last.length)];
      return deleteAt(text, m.at, 1, 'the `;` before a `}` (or the end) removed');
    }
    default:
      return insertAt(end, end.length, 'root "/srv/www\n', 'a string left open at the end');
  }
};

// ---- sshd --------------------------------------------------------------------------------------

/** Keywords that need a value (sshd: "missing argument"); deprecated ones are ignored with their value. */
const SSHD_VALUED = /^(PermitRootLogin|PasswordAuthentication|Port|X11Forwarding|MaxAuthTries|LogLevel|AllowUsers|AllowGroups|PubkeyAuthentication|KbdInteractiveAuthentication|UsePAM|ClientAliveInterval|LoginGraceTime|Ciphers|MACs|KexAlgorithms|Subsystem|Banner|HostKey|ListenAddress|AllowTcpForwarding|PermitEmptyPasswords|MaxSessions|AuthenticationMethods)$/i;

const sshdBreaker: Breaker = (text, pick) => {
  const index = new LineIndex(text);
  const lines = [...Array(index.lineCount).keys()];
  const directives = lines.filter((l) => {
    const t = index.lineText(l).trim();
    return t !== '' && !t.startsWith('#');
  });
  const choice = pick(3);
  if (choice === 0 && directives.length > 0) {
    // At the end of the value (before a trailing comment, where sshd would stop reading).
    const l = directives[pick(directives.length)];
    const line = index.lineText(l);
    const hash = line.search(/\s#/);
    const at = index.lineStarts[l] + (hash >= 0 ? hash : line.trimEnd().length);
    return insertAt(text, at, ' "unterminated', `an unterminated quote on line ${l + 1}`);
  }
  if (choice === 1) {
    const valued = directives.filter((l) => SSHD_VALUED.test(index.lineText(l).trim().split(/[\s=]+/)[0]));
    if (valued.length > 0) {
      const l = valued[pick(valued.length)];
      const line = index.lineText(l);
      const kw = /^\s*[A-Za-z]+/.exec(line)![0];
      return {
        text: text.slice(0, index.lineStarts[l] + kw.length) + text.slice(index.lineEnd(l)),
        what: `the value of line ${l + 1} removed`,
        at: index.lineStarts[l],
      };
    }
  }
  const l = pick(index.lineCount);
  return insertAt(text, index.lineStarts[l], 'NoSuchKeyword yes\n', `an unknown keyword before line ${l + 1}`);
};

// ---- django (Python) ---------------------------------------------------------------------------

const PYTHON_BREAKERS = [')', "x = 'unterminated", 'if True', 'def f(:', 'import', '1 +'];

const djangoBreaker: Breaker = (text, pick) => {
  const tree = pythonParser.parse(text);
  if (pick(3) === 0) {
    // Remove a closing bracket (not one of an f-string replacement field).
    const closers: number[] = [];
    const c = tree.cursor();
    do {
      if ((c.name === ')' || c.name === ']' || c.name === '}') && c.node.parent?.name !== 'FormatReplacement') closers.push(c.from);
    } while (c.next());
    if (closers.length > 0) {
      const at = closers[pick(closers.length)];
      return deleteAt(text, at, 1, `the \`${text[at]}\` at offset ${at} removed`);
    }
  }
  // Before a top-level statement (or at the end of the file).
  const starts: number[] = [];
  for (let n = tree.topNode.firstChild; n; n = n.nextSibling) if (n.name !== 'Comment') starts.push(n.from);
  const snippet = PYTHON_BREAKERS[pick(PYTHON_BREAKERS.length)];
  const k = pick(starts.length + 1);
  if (k === starts.length) {
    const end = endOf(text);
    return insertAt(end, end.length, `${snippet}\n`, `${JSON.stringify(snippet)} at the end`);
  }
  return insertAt(text, starts[k], `${snippet}\n`, `${JSON.stringify(snippet)} before the statement at offset ${starts[k]}`);
};

// ---- requirements ------------------------------------------------------------------------------

const REQUIREMENT_BREAKERS = ['foo >=', 'foo[bar', '==1.0', 'foo; python_version <', '--no-such-option x', '-r', 'foo==1.0 (bar)'];

const requirementsBreaker: Breaker = (text, pick) => {
  const index = new LineIndex(text);
  // Line starts that do not continue the line before (pip joins a line ending in `\` with the next).
  const starts = [...Array(index.lineCount).keys()].filter((l) => l === 0 || !index.lineText(l - 1).endsWith('\\'));
  const snippet = REQUIREMENT_BREAKERS[pick(REQUIREMENT_BREAKERS.length)];
  const l = starts[pick(starts.length)];
  if (l === index.lineCount - 1 && index.lineText(l) === '') {
    const end = endOf(text);
    return insertAt(end, end.length, `${snippet}\n`, `${JSON.stringify(snippet)} at the end`);
  }
  return insertAt(text, index.lineStarts[l], `${snippet}\n`, `${JSON.stringify(snippet)} before line ${l + 1}`);
};

// ---- dockerfile --------------------------------------------------------------------------------

const dockerfileBreaker: Breaker = (text, pick) => {
  const instructions = DockerfileParser.parse(text).getInstructions();
  const index = new LineIndex(text);
  if (instructions.length === 0) {
    const end = endOf(text);
    return insertAt(end, end.length, 'FROBNICATE x\n', 'an unknown instruction at the end');
  }
  const ins = instructions[pick(instructions.length)];
  const r = ins.getInstructionRange();
  if (pick(2) === 0) {
    const at = index.offsetAt(r.end);
    return insertAt(text, at, 'X', `the keyword ${ins.getKeyword()} on line ${r.start.line + 1} misspelt ${ins.getKeyword()}X`);
  }
  return insertAt(text, index.lineStarts[r.start.line], 'FROBNICATE x\n', `an unknown instruction before line ${r.start.line + 1}`);
};

const SYNTAX_RULE: Partial<Record<KindId, string>> = { nginx: 'NGX000', sshd: 'SSH000', django: 'DJG000', requirements: 'REQ000', dockerfile: 'DKR000' };

const BREAKERS: Partial<Record<KindId, Breaker>> = {
  nginx: nginxBreaker,
  sshd: sshdBreaker,
  django: djangoBreaker,
  requirements: requirementsBreaker,
  dockerfile: dockerfileBreaker,
};

describe('a file that fails to parse is never reported clean', () => {
  for (const kind of KINDS) {
    it(`${kind.id}: ${RUNS} syntax-breaking mutations of clean fixtures each get a ${kind.id} XXX000 finding`, () => {
      const breaker = BREAKERS[kind.id];
      assert.ok(breaker, `no syntax-breaking mutations for the kind ${kind.id}: add them here`);
      const files = fixtureFiles(kind);
      const ws = new MemoryWorkspace(files, ['/ws']);
      const logs: string[] = [];
      const engine = engineOver(ws, logs);
      const clean = Object.keys(files).filter((f) => engine.kindFor(f) === kind && syntaxFindings(engine.lintFile(f).findings).length === 0);
      assert.ok(clean.length > 0, `${kind.id} has no fixture that parses cleanly`);
      const failures: string[] = [];
      let known = 0;
      let failed = 0;
      let inputs = 0;
      fc.assert(
        fc.property(fc.nat({ max: clean.length - 1 }), fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (fileIdx, choices) => {
          const file = clean[fileIdx];
          let k = 0;
          const pick = (n: number) => (n <= 1 ? 0 : choices[k++ % choices.length] % n);
          const broken = breaker(files[file], pick);
          if (!broken) return true;
          inputs++;
          ws.set(file, broken.text);
          engine.invalidate(file);
          logs.length = 0;
          try {
            const result = engine.lintFile(file);
            const findings = result.findings;
            const syntax = findings.filter((f) => f.ruleId === SYNTAX_RULE[kind.id]);
            const rel = file.slice(4);
            if (syntax.length === 0) {
              const why = result.skipped ? `the file is no longer read: ${result.skipped}` : `findings: ${findings.map((f) => f.ruleId).join(', ') || 'none'}`;
              const isKnown = (b: (typeof KNOWN_KIND_BUGS)[number]) =>
                b.kind === kind.id && (!b.mutation || b.mutation.test(broken.what)) && (!b.file || b.file.test(rel)) && (!b.reason || b.reason.test(why));
              if (KNOWN_KIND_BUGS.some(isKnown)) known++;
              else {
                failed++;
                const around = broken.text.slice(Math.max(0, broken.at - 60), broken.at + 60);
                if (failures.length < 25) failures.push(`${rel}: ${broken.what}: no ${SYNTAX_RULE[kind.id]} (${why})\n    ...${JSON.stringify(around)}...`);
              }
            }
            if (logs.length > 0) {
              failed++;
              if (failures.length < 25) failures.push(`${rel}: ${broken.what}: internal error: ${logs[0].slice(0, 300)}`);
            }
          } finally {
            ws.set(file, files[file]);
            engine.invalidate(file);
          }
          return true;
        }),
        { numRuns: RUNS, seed: SEED },
      );
      console.log(`syntax errors ${kind.id}: ${clean.length} clean fixtures, ${inputs} broken inputs, ${failed} failures, ${known} known-bug failures (seed ${SEED})`);
      assert.ok(failed === 0, `${failed} broken files reported without a ${SYNTAX_RULE[kind.id]} finding, e.g.:\n${failures.join('\n')}`);
    });
  }
});

describe('which kind reads a .conf file, whatever its syntax errors and comments', () => {
  it('an nginx snippet whose include line has a trailing comment is not taken for sshd', () => {
    const snippet = '/ws/etc/nginx/snippets/a.conf';
    const ws = new MemoryWorkspace({ [snippet]: 'include snippets/b.conf;  # the shared headers\n' }, ['/ws']);
    assert.equal(engineOver(ws).kindFor(snippet)?.id, 'nginx');
  });

  it('sshd: a misspelt or value-less keyword in an included file of any name still gives SSH000 there', () => {
    const main = '/ws/etc/ssh/sshd_config';
    const extra = '/ws/etc/ssh/extra/site.conf';
    for (const text of ['PermitRootLogn no\nMaxSessions 5\n', 'MaxSessions\n', 'Ciphers "aes256-gcm@openssh.com\n']) {
      const ws = new MemoryWorkspace({ [main]: 'Include /etc/ssh/extra/*.conf\nPasswordAuthentication no\n', [extra]: text }, ['/ws']);
      const result = engineOver(ws).lintFile(extra);
      assert.ok(result.findings.some((f) => f.ruleId === 'SSH000'), `${JSON.stringify(text)}: ${result.skipped ?? result.findings.map((f) => f.ruleId).join(', ')}`);
    }
  });
});
