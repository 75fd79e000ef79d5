// Other tools' suppression pragmas map onto DKR rules (hadolint, Checkov, Trivy), and our own
// deployguard-ignore works in Dockerfiles, including inside a continued RUN and in heredoc scripts.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { dockerfileKind } from '../../../server/src/kinds/dockerfile';
import { foreignPragma, mapForeignIds } from '../../../server/src/kinds/dockerfile/pragmas';
import { lint } from '../../helpers/rule-tester';

const ids = (code: string) => lint([dockerfileKind], { path: 'Dockerfile', code }).map((f) => `${f.ruleId}@${f.range.start.line + 1}`);

describe('foreign pragmas', () => {
  it('maps the anchors ids of the catalog', () => {
    assert.deepEqual(mapForeignIds('hadolint', ['DL3002', 'dl3008', 'SC2086', 'DL9999']), ['DKR001', 'DKR023', 'DKR038']);
    assert.deepEqual(mapForeignIds('checkov', ['CKV_DOCKER_7', 'CKV2_DOCKER_4']), ['DKR011', 'DKR012', 'DKR018']);
    assert.deepEqual(mapForeignIds('trivy', ['DS-0002', 'AVD-DS-0031', 'DS002']), ['DKR001', 'DKR006', 'DKR008']);
  });

  it('hadolint ignore covers every line of the next instruction', () => {
    const code = 'FROM a:1\n# hadolint ignore=DL3004\nRUN apt-get update \\\n && sudo apt-get install -y --no-install-recommends x\nRUN sudo y\nUSER 1\n';
    assert.deepEqual(ids(code), ['DKR002@5']);
  });

  it('hadolint global and stage ignores', () => {
    assert.deepEqual(ids('# hadolint global ignore=DL3007,DL3002\nFROM node:latest\n'), []);
    const stage = 'FROM a:1 AS b\n# hadolint stage ignore=DL3004\nRUN sudo x\nRUN sudo y\nFROM a:1\nRUN sudo z\nUSER 1\n';
    assert.deepEqual(ids(stage), ['DKR002@6']);
  });

  it('checkov:skip is file-wide, as Checkov reads Dockerfile skips', () => {
    assert.deepEqual(ids('FROM a:1\nRUN x\n# checkov:skip=CKV_DOCKER_3:probes run as non-root\n'), []);
    assert.deepEqual(ids('FROM a:1\n# checkov:skip=CKV_DOCKER_2\n'), ['DKR001@1']);
  });

  it('trivy:ignore covers the next instruction unless its exp: date has passed', () => {
    assert.deepEqual(ids('# trivy:ignore:DS-0002\nFROM a:1\n'), []);
    assert.deepEqual(ids('# trivy:ignore:DS-0002:exp:2000-01-01\nFROM a:1\n'), ['DKR001@2']);
    const p = foreignPragma({ line: 0, character: 0, text: 'trivy:ignore:DS-0002:exp:2030-01-01', wholeLine: true }, '2029-12-31');
    assert.deepEqual(p?.ruleIds, ['DKR001']);
    assert.equal(foreignPragma({ line: 0, character: 0, text: 'trivy:ignore:DS-0002:exp:2030-01-01', wholeLine: true }, '2030-01-02'), undefined);
  });

  it('unused foreign pragmas are not reported, unknown ids are ignored', () => {
    assert.deepEqual(ids('FROM a:1\n# hadolint ignore=DL3008,DL9999\nRUN echo hi\nUSER 1\n'), []);
  });
});

describe('deployguard-ignore in Dockerfiles', () => {
  it('works on the line before an instruction, on a comment line inside a continuation, and in heredoc scripts', () => {
    const code = [
      'FROM a:1',
      '# deployguard-ignore DKR002 -- build user has no apt rights here',
      'RUN sudo x',
      'RUN apt-get update \\',
      '# deployguard-ignore DKR002 -- same',
      ' && sudo apt-get install -y --no-install-recommends y',
      'RUN <<EOF',
      '# deployguard-ignore DKR015 -- vendor installer, pinned by URL',
      'curl -fsSL https://x/i.sh | sh',
      'EOF',
      'USER 1',
    ].join('\n');
    assert.deepEqual(ids(code), ['DKR034@9']);
  });

  it('reports a deployguard-ignore without a reason (DG002)', () => {
    assert.deepEqual(ids('# deployguard-ignore DKR001\nFROM a:1\n'), ['DG002@1']);
  });
});
