// The fixtures linted through the engine as a workspace: the kitchen-sink file reports each rule on
// its line, layered files are read together, and no fixture makes the engine log an error.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, MemoryWorkspace } from '../../../server/src/engine';
import { requirementsKind } from '../../../server/src/kinds/requirements';
import { OSV_DIR, osvDataSkip } from '../../advisories/osv-data';

const FIXTURES = path.resolve(__dirname, '../../../server/src/kinds/requirements/fixtures');

function workspace(config: object) {
  const files: Record<string, string> = { '/ws/.deployguard.json': JSON.stringify(config) };
  const walk = (d: string) => {
    for (const n of fs.readdirSync(d)) {
      const p = path.join(d, n);
      if (fs.statSync(p).isDirectory()) walk(p);
      else files[`/ws/${path.relative(FIXTURES, p).split(path.sep).join('/')}`] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(FIXTURES);
  const logs: string[] = [];
  const engine = new Engine(new MemoryWorkspace(files, ['/ws']), ['/ws'], [requirementsKind], { log: (m) => logs.push(m) });
  return { engine, files, logs };
}

describe('requirements fixtures through the engine', { skip: osvDataSkip() }, () => {
  it('kitchen-sink.txt reports each rule on its line', () => {
    const { engine, logs } = workspace({ requirements: { advisories: OSV_DIR } });
    const found = engine.lintFile('/ws/requirements/kitchen-sink.txt').findings.map((f) => `${f.range.start.line + 1} ${f.ruleId}`);
    assert.deepEqual(found, [
      '2 REQ005',
      '3 REQ006',
      '4 REQ007',
      '4 REQ010',
      '5 REQ015',
      '6 REQ015',
      '7 REQ001',
      '8 REQ002',
      '9 REQ001',
      '9 REQ003',
      '10 REQ011',
      '11 REQ001',
      '11 REQ011',
      '12 REQ012',
      '13 REQ001',
      '13 REQ013',
      '14 REQ008',
      '14 REQ009',
      '15 REQ009',
      '16 REQ000',
    ]);
    assert.deepEqual(logs, []);
  });

  it('every fixture lints without engine errors, and only the error-* fixtures have REQ000 errors', () => {
    const { engine, files, logs } = workspace({ requirements: { advisories: OSV_DIR } });
    for (const file of Object.keys(files).filter((f) => f.endsWith('.txt'))) {
      const r = engine.lintFile(file);
      assert.equal(r.skipped, undefined, `${file} is claimed`);
      const errors = r.findings.filter((f) => f.ruleId === 'REQ000' && f.severity === 'error');
      const expectError = path.basename(file).startsWith('error-') || ['continuations.txt', 'kitchen-sink.txt'].includes(path.basename(file));
      assert.equal(errors.length > 0, expectError, `${file}: ${errors.map((e) => e.message).join('; ')}`);
    }
    assert.deepEqual(logs, []);
  });
});
