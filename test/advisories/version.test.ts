// PEP 440 ordering: our parsed sort keys agree with @renovatebot/pep440's compare (a port of
// packaging), equality of canonical forms agrees with compare() == 0, and bad input is undefined.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { compare } from '@renovatebot/pep440';
import fc from 'fast-check';
import { compareVersions, finalRelease, parseVersion } from '../../server/src/advisories';

const versionArb = fc
  .record({
    epoch: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    release: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 4 }),
    pre: fc.option(fc.tuple(fc.constantFrom('a', 'b', 'rc', 'alpha', 'beta', 'c', 'pre'), fc.integer({ min: 0, max: 3 })), { nil: undefined }),
    post: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    dev: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    local: fc.option(fc.constantFrom('abc', '1', 'ubuntu.1', '2.x'), { nil: undefined }),
    sep: fc.constantFrom('', '.', '-', '_'),
  })
  .map(({ epoch, release, pre, post, dev, local, sep }) =>
    [
      epoch !== undefined ? `${epoch}!` : '',
      release.join('.'),
      pre ? `${sep}${pre[0]}${pre[1]}` : '',
      post !== undefined ? `${sep || '.'}post${post}` : '',
      dev !== undefined ? `.dev${dev}` : '',
      local ? `+${local}` : '',
    ].join(''),
  );

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe('PEP 440 versions', () => {
  it('orders like packaging (via @renovatebot/pep440) on generated versions', () => {
    fc.assert(
      fc.property(versionArb, versionArb, (a, b) => {
        const va = parseVersion(a);
        const vb = parseVersion(b);
        assert.ok(va && vb, `${a} and ${b} parse`);
        assert.equal(compareVersions(va, vb), sign(compare(a, b)), `${a} vs ${b}`);
        assert.equal(va.canonical === vb.canonical, compare(a, b) === 0, `canonical forms of ${a} and ${b}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('follows the PEP 440 examples', () => {
    const order = ['1.0.dev0', '1.0a1', '1.0a2.dev1', '1.0a2', '1.0b1', '1.0rc1', '1.0', '1.0+abc', '1.0.post1.dev0', '1.0.post1', '1.1', '1!0.1'];
    for (let i = 0; i + 1 < order.length; i++) {
      assert.equal(compareVersions(parseVersion(order[i])!, parseVersion(order[i + 1])!), -1, `${order[i]} < ${order[i + 1]}`);
    }
    assert.equal(parseVersion('1.0')!.canonical, parseVersion('1.0.0')!.canonical);
    assert.equal(parseVersion('v1.0-1')!.canonical, parseVersion('1.0.post1')!.canonical);
    assert.equal(finalRelease(parseVersion('2.0.0rc1')!), '2.0.0');
  });

  it('returns undefined for strings that are not PEP 440 (the data has some)', () => {
    for (const bad of ['2.9.0-NA', '2024-09-25', '7.2.0-12.1', '4.6.0.stable11', '0.1-bulbasaur', 'trunk', '', ' ', '1.0..1', '-class.-jw.util.version.Version-', 'x'.repeat(1000)]) {
      assert.equal(parseVersion(bad), undefined, bad);
    }
  });
});
