// Every rule has its documentation page, in the ruff-like shape the diagnostics link to,
// and every page belongs to a rule.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { META_RULES } from '../server/src/engine';
import { KINDS } from '../server/src/kinds';

const DOCS = join(__dirname, '..', 'docs', 'rules');
const SECTIONS = ['## What it does', '## Why is this bad?', '## Example', '## Fix', '## Notes'];
const rules = [...META_RULES, ...KINDS.flatMap((k) => k.rules)];

describe('rule documentation', () => {
  it('rule ids are unique and well-formed', () => {
    const ids = rules.map((r) => r.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
    for (const id of ids) assert.match(id, /^(SSH|NGX|DJG|REQ|DKR|DG)\d{3}$/);
  });

  for (const rule of rules) {
    it(`${rule.id} has a page with every section`, () => {
      const file = join(DOCS, `${rule.id}.md`);
      assert.ok(existsSync(file), `missing ${file}`);
      const text = readFileSync(file, 'utf8');
      assert.ok(text.startsWith(`# ${rule.id}: `), `${rule.id}.md must start with "# ${rule.id}: <title>"`);
      for (const s of SECTIONS) assert.ok(text.includes(`\n${s}\n`), `${rule.id}.md lacks "${s}"`);
      assert.ok(rule.title.length > 0 && rule.why.length > 0, 'title and why are set');
    });
  }

  it('every page belongs to a rule', () => {
    const known = new Set(rules.map((r) => r.id));
    const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md') && !f.startsWith('_')).map((f) => f.slice(0, -3));
    assert.deepEqual(pages.filter((p) => !known.has(p)), []);
  });
});
