// The tokenizer and parser: positions, quotes, escapes, ${var}, Lua blocks and structure errors.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { comments, maskTemplate, parse, unescape, walk, type ParsedFile } from '../../../server/src/kinds/nginx/parser';

function tree(f: ParsedFile): string[] {
  return [...walk(f.directives)].map((d) => {
    let depth = 0;
    for (let p = d.parent; p; p = p.parent) depth++;
    return `${'  '.repeat(depth)}${d.name}${d.args.map((a) => ' ' + a.text).join('')}${d.children ? ' {' : ''}${d.lua ? ` <lua ${JSON.stringify(d.lua.raw)}>` : ''}`;
  });
}

function errors(f: ParsedFile): string[] {
  return f.errors.map((e) => {
    const s = f.index.positionAt(e.start);
    return `${s.line + 1}:${s.character + 1} ${e.message}`;
  });
}

describe('nginx tokenizer', () => {
  it('keeps exact positions of names and arguments', () => {
    const f = parse('events {}\nhttp {\n  server_name  a.example\tb.example ;\n}\n');
    const d = [...walk(f.directives)].find((x) => x.name === 'server_name')!;
    assert.deepEqual(f.index.positionAt(d.start), { line: 2, character: 2 });
    assert.deepEqual(d.args.map((a) => [a.text, f.index.positionAt(a.start).character, f.index.positionAt(a.end).character]), [
      ['a.example', 15, 24],
      ['b.example', 25, 34],
    ]);
    assert.equal(f.text.slice(d.start, d.end), 'server_name  a.example\tb.example ;');
  });

  it('reads quoted strings with escapes, and quotes only at the start of a token', () => {
    const f = parse(`add_header X "a \\"b\\" ;{}" always;\nset $x a"b'c;\nreturn 200 'it\\'s\\n';\n`);
    assert.deepEqual(tree(f), ['add_header X a "b" ;{} always', `set $x a"b'c`, "return 200 it's\n"]);
    assert.equal(f.errors.length, 0);
    const ret = f.directives[2].args[1];
    assert.equal(ret.quote, "'");
    assert.equal(ret.raw, "'it\\'s\\n'");
  });

  it('unescapes like nginx: \\" \\\' \\\\ \\t \\r \\n, other escapes stay', () => {
    assert.equal(unescape('a\\"b\\\\c\\td\\.e\\$'), 'a"b\\c\td\\.e\\$');
  });

  it('keeps ${var} inside a word and ends words only at space, ";" and "{"', () => {
    const f = parse('set $a ${b}c}d;\nlocation ~ "^/(?<x>[a-z]{2,3})$" { return 200 $x; }\n');
    assert.deepEqual(tree(f), ['set $a ${b}c}d', 'location ~ ^/(?<x>[a-z]{2,3})$ {', '  return 200 $x']);
    assert.equal(f.errors.length, 0);
    // Unquoted, the "{" of a quantifier ends the word, as nginx's documentation warns.
    assert.deepEqual(tree(parse('location ~ ^/[a-z]{2}$ { }')).slice(0, 2), ['location ~ ^/[a-z] {', '  2}$ {']);
  });

  it('treats # as a comment only at the start of a token and never inside quotes', () => {
    const text = 'a b#c "#d" # real comment\n;  # another\n';
    const f = parse(text);
    assert.deepEqual(tree(f), ['a b#c #d']);
    assert.deepEqual(comments(text).map((c) => [c.line, c.character, c.text, c.wholeLine]), [
      [0, 11, ' real comment', false],
      [1, 3, ' another', false],
    ]);
  });

  it('splits "if (…)" conditions the way nginx does', () => {
    const f = parse('if ($http_origin ~* "^https://a\\.example$") { return 403; }');
    assert.deepEqual(f.directives[0].args.map((a) => a.text), ['($http_origin', '~*', '^https://a\\.example$', ')']);
    assert.equal(f.errors.length, 0);
  });

  it('reads a Lua block as one verbatim token, braces in strings, comments and long brackets included', () => {
    const lua = ' ngx.say("}{") -- }\n local s = [==[ } ]==] --[[ { ]] local t = { a = \'}\' } ';
    const f = parse(`location / { content_by_lua_block {${lua}} }\nserver_tokens off;\n`);
    assert.deepEqual(tree(f), ['location / {', `  content_by_lua_block <lua ${JSON.stringify(lua)}>`, 'server_tokens off']);
    assert.equal(f.errors.length, 0);
  });

  it('reports an unterminated Lua block at its "{"', () => {
    const f = parse('init_by_lua_block { local t = "}" ');
    assert.deepEqual(errors(f), ['1:19 the Lua block of "init_by_lua_block" is not closed: "}" expected before the end of the file']);
  });
});

describe('nginx structure errors (NGX000), parsing goes on', () => {
  it('a missing ";" before "}"', () => {
    const f = parse('server {\n  return 200\n}\nserver_tokens off;\n');
    assert.deepEqual(errors(f), ['2:10 ";" expected after "200": "return" is not terminated before "}"']);
    assert.deepEqual(tree(f), ['server {', '  return 200', 'server_tokens off']);
  });

  it('a missing ";" at a line end when the next line starts a directive', () => {
    const f = parse('server {\n  root /srv/www\n  index index.html;\n}\n');
    assert.deepEqual(errors(f), ['2:8 ";" expected after "/srv/www": "index" on the next line is read as another argument of "root"']);
    assert.deepEqual(tree(f), ['server {', '  root /srv/www', '  index index.html']);
  });

  it('multi-line arguments are not a missing ";"', () => {
    const f = parse("log_format main '$remote_addr'\n    '$status';\nserver_name a.example\n    b.example;\n");
    assert.equal(f.errors.length, 0);
  });

  it('a stray "}"', () => {
    const f = parse('server { }\n}\nserver_tokens off;\n');
    assert.deepEqual(errors(f), ['2:1 unexpected "}": no block is open here']);
    assert.deepEqual(tree(f), ['server {', 'server_tokens off']);
  });

  it('an unclosed block points at its "{"', () => {
    const f = parse('http {\n  server {\n    listen 80;\n  }\n');
    assert.deepEqual(errors(f), ['1:6 the "http" block is not closed: "}" expected before the end of the file']);
  });

  it('an unterminated string, a missing ";" at the end of the file, a lone ";"', () => {
    assert.deepEqual(errors(parse('return 200 "abc;\n')), ['1:12 unterminated double-quoted string']);
    assert.deepEqual(errors(parse('listen 80')), ['1:8 unexpected end of file: ";" expected after "80" to terminate "listen"']);
    assert.deepEqual(errors(parse('; listen 80;')), ['1:1 unexpected ";": no directive before it']);
  });

  it('text right after a closing quote', () => {
    const f = parse('add_header X "a"b;\n');
    assert.deepEqual(errors(f), ['1:17 unexpected "b" after a quoted string: a space, ";" or "{" must follow']);
  });

  it('handles CRLF, an empty file and deep nesting without recursion', () => {
    const f = parse('server {\r\n  listen 80;\r\n}\r\n');
    assert.deepEqual(f.index.positionAt([...walk(f.directives)][1].start), { line: 1, character: 2 });
    assert.deepEqual(parse('').directives, []);
    const deep = parse('a {'.repeat(50000) + '}'.repeat(50000));
    assert.equal(deep.errors.length, 0);
  });

  it('masks Jinja template syntax without moving positions', () => {
    const t = 'server_name {{ domain }};\n{% if tls %}\nlisten 443 ssl;\n{% endif %}\n';
    const m = maskTemplate(t);
    assert.equal(m.length, t.length);
    const f = parse(m);
    assert.equal(f.errors.length, 0);
    assert.deepEqual(tree(f), ['server_name ____________', 'listen 443 ssl']);
  });
});
