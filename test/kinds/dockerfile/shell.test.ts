// The shell splitter: commands, words, values and exact source offsets.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { commandName, parseShell, type Script } from '../../../server/src/kinds/dockerfile/shell';
import { identityMapped, logicalLine } from '../../../server/src/kinds/dockerfile/text';

function sh(text: string, vars: Record<string, string | null> = {}): Script {
  return parseShell(identityMapped(text, 0, text.length), { lookup: (n) => vars[n] });
}

function cmds(text: string, vars: Record<string, string | null> = {}): string[][] {
  return sh(text, vars).commands.map((c) => c.words.map((w) => w.value));
}

describe('shell splitter', () => {
  it('splits at &&, ||, ;, |, & and newlines', () => {
    assert.deepEqual(cmds('a 1 && b 2 || c; d | e & f\ng'), [['a', '1'], ['b', '2'], ['c'], ['d'], ['e'], ['f'], ['g']]);
  });

  it('keeps operators inside quotes and escapes', () => {
    assert.deepEqual(cmds(`echo "a && b" 'c | d' e\\;f`), [['echo', 'a && b', 'c | d', 'e;f']]);
  });

  it('gives each word its exact source range', () => {
    const text = 'apt-get install  -y "curl"';
    const w = sh(text).commands[0].words;
    assert.deepEqual(w.map((x) => text.slice(x.start, x.end)), ['apt-get', 'install', '-y', '"curl"']);
    assert.equal(w[3].value, 'curl');
    assert.equal(w[3].quoted, true);
  });

  it('records pipelines and connectors', () => {
    const s = sh('curl -fsSL https://x | sudo bash - && echo ok');
    const [curl, sudo, echo] = s.commands;
    assert.equal(curl.pipeline, sudo.pipeline);
    assert.equal(curl.pipeline.commands.length, 2);
    assert.equal(curl.pipeline.pipes[0].op, '|');
    assert.equal(echo.pipeline.connector, '&&');
    assert.equal(echo.pipeline.prev, curl.pipeline);
  });

  it('joins backslash-newline continuations inside the shell', () => {
    const text = 'apt-get install \\\n  curl \\\n  git';
    const c = sh(text).commands;
    assert.equal(c.length, 1);
    assert.deepEqual(c[0].words.map((w) => w.value), ['apt-get', 'install', 'curl', 'git']);
    assert.equal(text.slice(c[0].words[3].start, c[0].words[3].end), 'git');
  });

  it('parses command substitutions, backticks and process substitutions as nested commands', () => {
    const s = sh('bash <(curl -s https://a) && X=$(wget -qO- https://b | sh) y `id -u`');
    const nested = s.commands.filter((c) => c.depth > 0).map((c) => commandName(c.words[0]));
    assert.deepEqual(nested, ['curl', 'wget', 'sh', 'id']);
    assert.equal(s.commands.find((c) => c.words[0]?.value === 'y')?.assignments[0].raw, 'X=$(wget -qO- https://b | sh)');
  });

  it('reads if/for/while/case bodies as commands, not their headers', () => {
    assert.deepEqual(cmds('if [ -f x ]; then rm x; fi; for p in a b; do pip install "$p"; done; while true; do sleep 1; done'), [
      ['[', '-f', 'x', ']'],
      ['rm', 'x'],
      ['pip', 'install', '$p'],
      ['true'],
      ['sleep', '1'],
    ]);
    assert.deepEqual(cmds('case "$x" in a|b) echo one;; *) echo two;; esac; echo after'), [['echo', 'one'], ['echo', 'two'], ['echo', 'after']]);
  });

  it('reads heredoc bodies as data, not commands', () => {
    const text = 'cat <<EOF > /etc/x\ndeb http://a b\nrm -rf /\nEOF\necho done';
    const s = sh(text);
    assert.deepEqual(s.commands.map((c) => c.words.map((w) => w.value)), [['cat'], ['echo', 'done']]);
    assert.equal(s.heredocs[0].text, 'deb http://a b\nrm -rf /\n');
    assert.equal(text.slice(s.heredocs[0].start, s.heredocs[0].end), 'deb http://a b\nrm -rf /\n');
    const dash = sh('cat <<-\'END\'\n\tx\n\tEND\necho y');
    assert.equal(dash.heredocs[0].quoted, true);
    assert.deepEqual(dash.commands.map((c) => c.words[0].value), ['cat', 'echo']);
  });

  it('substitutes known ARG/ENV values and splits unquoted lists', () => {
    assert.deepEqual(cmds('apt-get install -y $buildDeps "${V}" ${MISSING:-def}', { buildDeps: 'gcc make', V: '1 2' }), [['apt-get', 'install', '-y', 'gcc', 'make', '1 2', 'def']]);
    const w = sh('echo $UNKNOWN').commands[0].words[1];
    assert.equal(w.resolved, false);
    assert.equal(w.value, '$UNKNOWN');
  });

  it('tracks variables the script itself assigns', () => {
    assert.deepEqual(cmds('URL=https://a; export V=2; curl $URL/$V'), [[], ['export', 'V=2'], ['curl', 'https://a/2']]);
  });

  it('reads [[ … ]] as one test command', () => {
    const c = sh('[[ -n $x && $y == z ]] && echo ok').commands;
    assert.equal(c.length, 2);
    assert.equal(c[0].test, true);
  });

  it('reports unterminated quotes and substitutions without throwing', () => {
    for (const bad of ["echo 'abc", 'echo "abc', 'echo $(ls', 'echo `ls', 'echo ${x', '( echo a']) {
      const s = sh(bad);
      assert.ok(s.errors.length > 0, bad);
    }
  });

  it('handles array assignments and function definitions', () => {
    assert.deepEqual(cmds('a=(1 2 3); f() { echo hi; }; f'), [[], ['echo', 'hi'], ['f']]);
  });

  it('is linear on adversarial input', () => {
    const big = '$('.repeat(2000) + "'".repeat(3000) + '"$('.repeat(2000) + ' && '.repeat(5000) + '`'.repeat(3000);
    const s = sh(big);
    assert.ok(s.errors.length > 0);
  });
});

describe('logical lines', () => {
  it('joins continuations, skips comment and blank lines inside them, and maps offsets back', () => {
    const text = 'RUN a \\\n# comment\n\n  b \\  \n  c\nRUN d';
    const ll = logicalLine(text, 4, text.length, '\\');
    assert.equal(ll.text, 'a   b   c');
    assert.equal(text[ll.map[ll.text.indexOf('c')]], 'c');
    assert.equal(text.slice(ll.end, ll.end + 1), '\n');
    assert.equal(ll.emptyContinuationLines.length, 1);
  });

  it('uses the escape directive character', () => {
    const text = 'RUN a `\n  b\nRUN c';
    assert.equal(logicalLine(text, 4, text.length, '`').text, 'a   b');
    assert.equal(logicalLine(text, 4, text.length, '\\').text, 'a `');
  });
});
