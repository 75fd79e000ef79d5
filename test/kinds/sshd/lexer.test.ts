import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lexSshd, sshdComments } from '../../../server/src/kinds/sshd/lexer';

const lex = (text: string) => lexSshd('/f', text);
const args = (text: string) => lex(text).directives.map((d) => [d.keyword, ...d.args.map((a) => a.text)]);

describe('sshd tokenizer (servconf.c / argv_split)', () => {
  it('splits keyword and value on whitespace or one "="', () => {
    assert.deepEqual(args('Port 22\nPort=23\nPort = 24\nPort =25\nPort\t26\n'), [
      ['Port', '22'],
      ['Port', '23'],
      ['Port', '24'],
      ['Port', '25'],
      ['Port', '26'],
    ]);
    // Only one "=" is skipped: the second one is part of the value (sshd then rejects it).
    assert.deepEqual(args('Port==22\n'), [['Port', '=22']]);
  });

  it('keeps exact positions of keyword and tokens', () => {
    const f = lex('# c\n  PermitRootLogin   "no" # trailing\n');
    const d = f.directives[0];
    assert.equal(d.line, 1);
    assert.equal(d.indent, 2);
    assert.equal(f.text.slice(d.keywordStart, d.keywordEnd), 'PermitRootLogin');
    assert.deepEqual(f.index.positionAt(d.keywordStart), { line: 1, character: 2 });
    assert.equal(d.args[0].text, 'no');
    assert.equal(f.text.slice(d.args[0].start, d.args[0].end), '"no"');
    assert.deepEqual(f.index.positionAt(d.args[0].start), { line: 1, character: 20 });
  });

  it('unquotes double and single quotes and backslash escapes like argv_split', () => {
    assert.deepEqual(args('Banner "/etc/a b"\n'), [['Banner', '/etc/a b']]);
    assert.deepEqual(args("Banner '/etc/a b'\n"), [['Banner', '/etc/a b']]);
    assert.deepEqual(args('Banner /etc/a\\ b\n'), [['Banner', '/etc/a b']]);
    assert.deepEqual(args('ForceCommand "echo \\"hi\\""\n'), [['ForceCommand', 'echo "hi"']]);
    assert.deepEqual(args('AllowUsers a"b c"d e\n'), [['AllowUsers', 'ab cd', 'e']]);
    // An unrecognised escape keeps the backslash.
    assert.deepEqual(args('Banner a\\nb\n'), [['Banner', 'a\\nb']]);
  });

  it('unquotes a quoted keyword like strdelim', () => {
    assert.deepEqual(args('"Port" 22\nPo"rt" 23\n'), [
      ['Port', '22'],
      ['Port', '23'],
    ]);
  });

  it('is case-preserving but keys are lowercase', () => {
    const d = lex('pAsSwOrDaUtHeNtIcAtIoN no\n').directives[0];
    assert.equal(d.keyword, 'pAsSwOrDaUtHeNtIcAtIoN');
    assert.equal(d.key, 'passwordauthentication');
  });

  it('reads comments: whole-line, and a "#" starting a word ends the line', () => {
    const f = lex('# top\n   # indented\nPort 22 # note\nPort 23#not-a-comment\n');
    assert.deepEqual(
      f.comments.map((c) => [c.line, c.character, c.text, c.wholeLine]),
      [
        [0, 0, ' top', true],
        [1, 3, ' indented', true],
        [2, 8, ' note', false],
      ],
    );
    assert.deepEqual(args(f.text), [
      ['Port', '22'],
      ['Port', '23#not-a-comment'],
    ]);
    assert.deepEqual(sshdComments('Port 22 #x\n').map((c) => c.text), ['x']);
  });

  it('tolerates CRLF and has no continuation lines', () => {
    const f = lex('Port 22\r\nBanner /a \\\r\nPort 23\r\n');
    assert.deepEqual(args(f.text), [
      ['Port', '22'],
      ['Banner', '/a', '\\'],
      ['Port', '23'],
    ]);
    assert.equal(f.directives[2].line, 2);
    assert.equal(f.text.slice(f.directives[0].lineStart, f.directives[0].lineBreakEnd), 'Port 22\r\n');
  });

  it('reports a keyword without value, and unbalanced quotes', () => {
    const f = lex('PasswordAuthentication\nPermitRootLogin # no\nBanner "/a\n"Port 22\n');
    assert.deepEqual(
      f.problems.map((p) => [f.index.positionAt(p.start).line, p.severity, p.message]),
      [
        [0, 'error', 'no argument after keyword "PasswordAuthentication"'],
        [2, 'error', 'unbalanced quotes: sshd refuses this line ("invalid quotes")'],
        [3, 'warning', 'unbalanced quote in the keyword: sshd silently ignores this line'],
      ],
    );
    // "PermitRootLogin # no" has a value text but no argument: the value check reports it.
    assert.deepEqual(f.directives.find((d) => d.key === 'permitrootlogin')!.args, []);
  });

  it('handles empty, whitespace-only and huge input in linear time', () => {
    assert.equal(lex('').directives.length, 0);
    assert.equal(lex('   \n\t\n').directives.length, 0);
    const big = 'AllowUsers ' + 'a"'.repeat(50_000) + '\n' + '#'.repeat(100_000) + '\n' + 'Port 22\n'.repeat(20_000);
    const f = lex(big);
    assert.equal(f.directives.length, 20_001);
  });
});
