// The engine's own work grows linearly: with the number of findings in a file (configuration,
// suppressions, ordering), with the number of files in a workspace (linting each), and the cost
// of an edit does not grow with the number of files already analysed. See growth.ts.
import { describe, it } from 'node:test';
import { Engine, MemoryWorkspace } from '../../server/src/engine';
import { fakeKind } from './fake-kind';
import { assertLinear } from './growth';

describe('engine cost grows linearly', () => {
  it('with the findings and suppressions of one file', () => {
    assertLinear(
      'one file with n findings',
      (n) => {
        const lines: string[] = [];
        for (let i = 0; i < n; i++) lines.push(i % 2 === 0 ? `bad w${i} # deployguard-ignore SSH990 -- test` : `bad w${i}`);
        const ws = new MemoryWorkspace({ '/ws/a.fake': lines.join('\n') + '\n' }, ['/ws']);
        return () => {
          const engine = new Engine(ws, ['/ws'], [fakeKind]);
          engine.lintFile('/ws/a.fake');
        };
      },
      5000,
    );
  });

  it('with the number of files linted', () => {
    assertLinear(
      'a workspace of n files',
      (n) => {
        const files: Record<string, string> = {};
        for (let i = 0; i < n; i++) {
          files[`/ws/app${i}/main.fake`] = `include part-1.fake\nbad main${i}\n`;
          files[`/ws/app${i}/part-1.fake`] = `bad part${i}\nok\n`;
        }
        const ws = new MemoryWorkspace(files, ['/ws']);
        return () => {
          const engine = new Engine(ws, ['/ws'], [fakeKind]);
          for (const f of Object.keys(files)) engine.lintFile(f);
        };
      },
      500,
    );
  });

  it('and an edit costs the same however many files were analysed before', () => {
    // n files analysed, then 200 edits of one of them: the edits' cost must not grow with n
    // (checked as: growing at most linearly, with the edits dominating the small workspace).
    assertLinear(
      'edits after n files',
      (n) => {
        const files: Record<string, string> = {};
        for (let i = 0; i < n; i++) files[`/ws/app${i}/main.fake`] = `bad main${i}\n`;
        const ws = new MemoryWorkspace(files, ['/ws']);
        const engine = new Engine(ws, ['/ws'], [fakeKind]);
        for (const f of Object.keys(files)) engine.lintFile(f);
        return () => {
          for (let k = 0; k < 200; k++) {
            ws.set('/ws/app0/main.fake', `bad main${k}\n`);
            engine.invalidate('/ws/app0/main.fake', 'content');
            engine.lintFile('/ws/app0/main.fake');
            engine.dependentsOf('/ws/app0/main.fake');
          }
        };
      },
      500,
    );
  });
});
