// The fixture corpus: every fixture reports exactly the rule ids it declares.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { describeFinding } from '../../helpers/rule-tester';
import { loadFixtures, lintFixture } from './fixtures-lib';

const fixtures = loadFixtures();

describe('nginx fixtures: declared findings', () => {
  it('there are at least 40 fixtures', () => {
    assert.ok(fixtures.length >= 40, `only ${fixtures.length} fixtures`);
  });
  for (const fx of fixtures) {
    it(`${fx.name}: ${fx.description}`, () => {
      const { findings, logs } = lintFixture(fx);
      assert.deepEqual(logs, []);
      const ids = [...new Set(findings.map((f) => f.ruleId))].sort();
      assert.deepEqual(ids, fx.expect, findings.map((f) => `${f.rel}: ${describeFinding(f)}`).join('\n'));
    });
  }
});
