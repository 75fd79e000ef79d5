// The example repository's Dockerfile (examples/vps/app) shows the Dockerfile findings the README's
// first command prints: a committed secret, dev requirements in the shipped image, a .dockerignore
// that lets .env files through, a named USER and a shell-form CMD.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, FsWorkspace } from '../../../server/src/engine';
import { dockerfileKind } from '../../../server/src/kinds/dockerfile';

describe('examples/vps/app/Dockerfile', () => {
  it('reports the planted mistakes and nothing else', () => {
    const root = path.join(__dirname, '../../../examples/vps');
    const logs: string[] = [];
    const engine = new Engine(new FsWorkspace([root]), [root], [dockerfileKind], { log: (m) => logs.push(m) });
    const r = engine.lintFile(path.join(root, 'app/Dockerfile'));
    assert.deepEqual(logs, []);
    assert.deepEqual(
      r.findings.map((f) => `${f.ruleId} ${f.severity} ${f.range.start.line + 1}`),
      ['DKR006 error 15', 'DKR007 error 15', 'DKR022 warning 22', 'DKR009 warning 23', 'DKR004 info 24', 'DKR033 info 26'],
    );
    assert.match(r.findings[0].message, /DJANGO_SECRET_KEY looks like a secret \(SECRET_KEY\)/);
    assert.ok(r.findings.find((f) => f.ruleId === 'DKR009')?.fixes?.[0].edits[0].file.endsWith('.dockerignore'));
  });
});
