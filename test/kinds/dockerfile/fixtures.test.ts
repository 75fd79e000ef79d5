// Every fixture Dockerfile produces exactly the findings written at its end (rule, severity, line),
// and the analysis never logs an error.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { loadFixtures, lintFixture, summary } from './fixtures-lib';

const fixtures = loadFixtures();

describe('Dockerfile fixtures', () => {
  it('has at least 40 fixtures', () => {
    assert.ok(fixtures.length >= 40, `only ${fixtures.length} fixtures`);
  });
  for (const fx of fixtures) {
    it(fx.name, () => {
      const { findings, logs } = lintFixture(fx);
      assert.deepEqual(logs, []);
      assert.deepEqual(findings.map(summary).sort(), fx.expected, findings.map((f) => `${summary(f)} ${f.message}`).join('\n'));
    });
  }
});
