// Memory pacing for bulk scans (the CLI's and the language server's workspace scans).
//
// A scan allocates a great deal that lives a little while (each unit's parse and findings, kept
// while the neighbouring files use them) and then dies. V8 lets such garbage pile up in the old
// generation to several times the live size before it collects it, so a 10,000-file scan whose live
// heap stays under 100 MB would reach 500+ MB of resident memory on a developer's machine or a CI
// runner. The pacer looks at the heap every so many files and, past a budget, asks for a full
// collection: a few tens of milliseconds, a few times per scan.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let collect: (() => void) | undefined | null;

/** V8's full collection, made available without a command-line flag (null if this runtime refuses). */
function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      const gc = vm.runInNewContext('gc') as unknown;
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

export class HeapPacer {
  private files = 0;
  /** Full collections asked for (bench and tests read it). */
  collections = 0;

  constructor(
    /** Heap in use (bytes) above which a collection is asked for. */
    private readonly budget = 256 * 1024 * 1024,
    /** Files between two looks at the heap. */
    private readonly every = 25,
  ) {}

  /** Call once per file scanned. */
  tick(): void {
    if (++this.files % this.every !== 0) return;
    if (v8.getHeapStatistics().used_heap_size <= this.budget) return;
    const gc = collector();
    if (!gc) return;
    gc();
    this.collections++;
  }
}
