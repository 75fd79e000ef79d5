// Where the suppression code actions put their comments, for every kind's header rules, and how
// fix-all decides which edits can go together. Pure functions of the language server.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits, type Comment } from '../../server/src/engine';
import { conflict } from '../../server/src/lsp/codeActions';
import { fileSuppressionEdit, lineSuppressionEdit, REASON_PLACEHOLDER } from '../../server/src/lsp/suppressions';

/** `#` comments of a text, the way the kinds report them. */
function comments(text: string): Comment[] {
  const out: Comment[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const at = line.indexOf('#');
    if (at >= 0) out.push({ line: i, character: at, text: line.slice(at + 1), wholeLine: line.slice(0, at).trim() === '' });
  });
  return out;
}

function apply(text: string, edit: { range: any; newText: string } | undefined): string {
  assert.ok(edit, 'an edit');
  return applyEdits(text, [edit]);
}

const R = REASON_PLACEHOLDER;

describe('suppress on this line', () => {
  it('inserts a comment line before the finding, with its indentation', () => {
    const text = 'Match User bob\n\tPermitRootLogin yes\n';
    assert.equal(apply(text, lineSuppressionEdit(text, comments(text), 'sshd', 1, 'SSH001')), `Match User bob\n\t# deployguard-ignore SSH001 -- ${R}\n\tPermitRootLogin yes\n`);
  });

  it('keeps CRLF and lone-CR line breaks', () => {
    const crlf = 'a\r\nPermitRootLogin yes\r\n';
    assert.equal(apply(crlf, lineSuppressionEdit(crlf, [], 'sshd', 1, 'SSH001')), `a\r\n# deployguard-ignore SSH001 -- ${R}\r\nPermitRootLogin yes\r\n`);
    const cr = 'a\rb\r';
    assert.equal(apply(cr, lineSuppressionEdit(cr, [], 'nginx', 1, 'NGX001')), `a\r# deployguard-ignore NGX001 -- ${R}\rb\r`);
  });

  it('adds the id to a suppression already on the line before or on the line', () => {
    const before = `# deployguard-ignore SSH017 -- legacy\nPermitRootLogin yes\n`;
    assert.equal(apply(before, lineSuppressionEdit(before, comments(before), 'sshd', 1, 'SSH001')), `# deployguard-ignore SSH017, SSH001 -- legacy\nPermitRootLogin yes\n`);
    const trailing = `listen 80; # deployguard-ignore NGX003\n`;
    assert.equal(apply(trailing, lineSuppressionEdit(trailing, comments(trailing), 'nginx', 0, 'NGX004')), `listen 80; # deployguard-ignore NGX003, NGX004\n`);
    assert.equal(lineSuppressionEdit(before, comments(before), 'sshd', 1, 'SSH017'), undefined, 'already suppressed');
  });

  it('does not extend a file-level suppression or an unrelated comment', () => {
    const text = `# deployguard-ignore-file SSH017 -- x\nPermitRootLogin yes\n`;
    assert.equal(apply(text, lineSuppressionEdit(text, comments(text), 'sshd', 1, 'SSH001')), `# deployguard-ignore-file SSH017 -- x\n# deployguard-ignore SSH001 -- ${R}\nPermitRootLogin yes\n`);
  });

  it('never goes above a Dockerfile parser directive', () => {
    const text = '# syntax=docker/dockerfile:1\nFROM python\n';
    assert.equal(lineSuppressionEdit(text, comments(text), 'dockerfile', 0, 'DKR000'), undefined);
    assert.equal(apply(text, lineSuppressionEdit(text, comments(text), 'dockerfile', 1, 'DKR001')), `# syntax=docker/dockerfile:1\n# deployguard-ignore DKR001 -- ${R}\nFROM python\n`);
  });
});

describe('suppress in this file', () => {
  it('goes at the top of a plain file', () => {
    const text = 'PermitRootLogin yes\n';
    assert.equal(apply(text, fileSuppressionEdit(text, [], 'sshd', 'SSH001')), `# deployguard-ignore-file SSH001 -- ${R}\nPermitRootLogin yes\n`);
    assert.equal(apply('', fileSuppressionEdit('', [], 'sshd', 'SSH009')), `# deployguard-ignore-file SSH009 -- ${R}\n`);
  });

  it('goes after a shebang, a Python encoding line and Dockerfile directives', () => {
    const py = '#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nDEBUG = True\n';
    assert.equal(apply(py, fileSuppressionEdit(py, [], 'django', 'DJG001')), `#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# deployguard-ignore-file DJG001 -- ${R}\nDEBUG = True\n`);
    const docker = '# syntax=docker/dockerfile:1\n# escape=`\nFROM python\n';
    assert.equal(apply(docker, fileSuppressionEdit(docker, [], 'dockerfile', 'DKR001')), `# syntax=docker/dockerfile:1\n# escape=\`\n# deployguard-ignore-file DKR001 -- ${R}\nFROM python\n`);
    // A comment that only looks like a directive further down is not one for a requirements file.
    const req = '# syntax=foo\nflask\n';
    assert.equal(apply(req, fileSuppressionEdit(req, [], 'requirements', 'REQ002')), `# deployguard-ignore-file REQ002 -- ${R}\n# syntax=foo\nflask\n`);
  });

  it('appends after a header that ends the file without a line break', () => {
    const text = '#!/bin/sh';
    assert.equal(apply(text, fileSuppressionEdit(text, [], 'sshd', 'SSH001')), `#!/bin/sh\n# deployguard-ignore-file SSH001 -- ${R}`);
  });

  it('adds the id to an existing file suppression, or does nothing when it is there', () => {
    const text = `Port 22\n# deployguard-ignore-file SSH009 -- firewall\n`;
    assert.equal(apply(text, fileSuppressionEdit(text, comments(text), 'sshd', 'SSH031')), `Port 22\n# deployguard-ignore-file SSH009, SSH031 -- firewall\n`);
    assert.equal(fileSuppressionEdit(text, comments(text), 'sshd', 'SSH009'), undefined);
  });
});

describe('fix-all edit conflicts', () => {
  const r = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
  it('allows inserts at one position and edits that only touch', () => {
    assert.equal(conflict(r(4, 0, 4, 0), r(4, 0, 4, 0)), false);
    assert.equal(conflict(r(1, 0, 1, 5), r(1, 5, 1, 9)), false);
    assert.equal(conflict(r(1, 5, 1, 5), r(1, 0, 1, 5)), false, 'insert at the end of a replacement');
  });
  it('refuses overlaps and an insert at or inside a replaced range', () => {
    assert.equal(conflict(r(1, 0, 1, 5), r(1, 4, 1, 9)), true);
    assert.equal(conflict(r(1, 0, 1, 5), r(1, 0, 1, 0)), true);
    assert.equal(conflict(r(1, 2, 1, 2), r(1, 0, 1, 5)), true);
    assert.equal(conflict(r(0, 0, 3, 0), r(1, 0, 2, 0)), true);
  });
});
