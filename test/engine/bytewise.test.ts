// compareBytewise compares UTF-16 code units and encodes only around surrogates: it must agree
// with comparing the UTF-8 bytes (the order glob(3) and nginx use) on any strings.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compareBytewise } from '../../server/src/engine';

describe('compareBytewise', () => {
  it('orders like the UTF-8 bytes', () => {
    const agrees = (a: string, b: string) => Math.sign(compareBytewise(a, b)) === Buffer.compare(Buffer.from(a), Buffer.from(b));
    const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), agrees), { numRuns: 5000, seed: 8 });
    fc.assert(fc.property(codeUnits, codeUnits, agrees), { numRuns: 5000, seed: 8 });
    assert.ok(compareBytewise('b', 'a\u{1F600}') > 0 && compareBytewise('\uFFFF', '\u{10000}') < 0 && compareBytewise('a', 'ab') < 0);
  });
});
