// The heap pacer of bulk scans: a full collection past the budget, none below it.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { HeapPacer } from '../../server/src/cli/heap';

describe('HeapPacer', () => {
  it('asks for a full collection when the heap in use passes the budget, looking every N files', () => {
    const tight = new HeapPacer(0, 3);
    tight.tick();
    tight.tick();
    assert.equal(tight.collections, 0, 'not looked yet');
    tight.tick();
    assert.equal(tight.collections, 1);
    const loose = new HeapPacer(Number.MAX_SAFE_INTEGER, 1);
    for (let i = 0; i < 10; i++) loose.tick();
    assert.equal(loose.collections, 0);
  });
});
