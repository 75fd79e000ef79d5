// Conversions of the language server that the sshd protocol tests do not reach: fixes that create
// files, caveats, clients without documentChanges or relatedInformation, and the settings.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseConfig, type Finding } from '../../server/src/engine';
import { codeActions } from '../../server/src/lsp/codeActions';
import { clientFeatures, keyOfUri, toDiagnostic, toWorkspaceEdit, uriOfFile } from '../../server/src/lsp/convert';
import { applySettings, parseSettings } from '../../server/src/lsp/settings';
import { capabilities } from './client';

const full = clientFeatures(capabilities(true));
const bare = clientFeatures({});
const target = { uriOf: uriOfFile, versionOf: (f: string) => (f === '/ws/Dockerfile' ? 7 : null) };
const r = (l: number, c: number, l2: number, c2: number) => ({ start: { line: l, character: c }, end: { line: l2, character: c2 } });

describe('workspace edits', () => {
  it('creates files before editing, with versions of open buffers', () => {
    const edit = toWorkspaceEdit(
      [{ file: '/ws/Dockerfile', range: r(0, 0, 0, 0), newText: 'x' }],
      [{ file: '/ws/.dockerignore', text: '.git\n.env*\n' }],
      full,
      target,
    );
    assert.deepEqual(edit, {
      documentChanges: [
        { kind: 'create', uri: 'file:///ws/.dockerignore', options: { overwrite: false, ignoreIfExists: false } },
        { textDocument: { uri: 'file:///ws/.dockerignore', version: null }, edits: [{ range: r(0, 0, 0, 0), newText: '.git\n.env*\n' }] },
        { textDocument: { uri: 'file:///ws/Dockerfile', version: 7 }, edits: [{ range: r(0, 0, 0, 0), newText: 'x' }] },
      ],
    });
  });

  it('falls back to `changes`, and offers no fix that needs a file created, for simple clients', () => {
    assert.deepEqual(toWorkspaceEdit([{ file: '/ws/a', range: r(1, 0, 1, 2), newText: 'no' }], undefined, bare, target), {
      changes: { 'file:///ws/a': [{ range: r(1, 0, 1, 2), newText: 'no' }] },
    });
    assert.equal(toWorkspaceEdit([], [{ file: '/ws/.dockerignore', text: '' }], bare, target), undefined);
  });

  it('shows a fix caveat in the action title; related locations go into the message for clients without relatedInformation', () => {
    const finding: Finding = {
      ruleId: 'REQ004',
      severity: 'warning',
      message: 'partial hashes',
      file: '/ws/requirements.txt',
      range: r(0, 0, 0, 5),
      related: [{ file: '/ws/base.txt', range: r(2, 0, 2, 3), message: 'first pinned here' }],
      fixes: [{ title: 'Pin flask==3.0.3', caveat: 'regenerate the --hash lines', isPreferred: true, edits: [{ file: '/ws/requirements.txt', range: r(0, 0, 0, 5), newText: 'flask==3.0.3' }] }],
    };
    const actions = codeActions({
      file: '/ws/requirements.txt',
      text: 'flask\n',
      kind: 'requirements',
      comments: [],
      findings: [finding],
      range: r(0, 0, 0, 0),
      diagnostics: [],
      features: full,
      target,
    });
    assert.deepEqual(actions.map((a) => a.title), ['Pin flask==3.0.3 (regenerate the --hash lines)', 'Suppress REQ004 on this line', 'Suppress REQ004 in this file']);
    assert.equal(toDiagnostic(finding, bare, uriOfFile).message, 'partial hashes\nbase.txt:3: first pinned here');
    assert.equal(toDiagnostic(finding, full, uriOfFile).relatedInformation?.[0].location.uri, 'file:///ws/base.txt');
  });

  it('maps URIs to engine keys', () => {
    assert.equal(keyOfUri('file:///ws/etc/ssh/sshd_config'), '/ws/etc/ssh/sshd_config');
    assert.equal(keyOfUri('file:///ws/with%20space/x'), '/ws/with space/x');
    assert.equal(keyOfUri('untitled:Untitled-1'), 'untitled:Untitled-1');
    assert.equal(keyOfUri('no uri at all'), undefined);
    assert.equal(uriOfFile('/ws/with space/x'), 'file:///ws/with%20space/x');
  });
});

describe('settings', () => {
  it('reads the deployguard section, reporting invalid values and keeping their defaults', () => {
    const problems: string[] = [];
    const s = parseSettings({ enable: 'yes', run: 'onSave', exclude: ['vendor/**', ''], advisories: { path: ' adv ', online: 1 }, trace: { server: 'verbose' }, debounce: -5 }, problems);
    assert.deepEqual(
      { enable: s.enable, run: s.run, exclude: s.exclude, path: s.advisoriesPath, online: s.advisoriesOnline, trace: s.trace, debounce: s.debounce },
      { enable: true, run: 'onSave', exclude: ['vendor/**'], path: 'adv', online: false, trace: 'verbose', debounce: 150 },
    );
    assert.equal(problems.length, 3, problems.join('\n'));
  });

  it('fills what .deployguard.json leaves open and explains a conflict instead of merging it', () => {
    const open = parseConfig('{}', '/ws', '/ws/.deployguard.json');
    const lines = applySettings(open, parseSettings({ advisories: { path: 'osv', online: true } }), '/ws', '{}');
    assert.equal(open.config.requirements.advisories, '/ws/osv');
    assert.equal(open.config.requirements.onlineAdvisories, true);
    assert.equal(lines.length, 2);

    const text = '{ "requirements": { "advisories": "data/osv", "onlineAdvisories": false } }';
    const stated = parseConfig(text, '/ws', '/ws/.deployguard.json');
    const explained = applySettings(stated, parseSettings({ advisories: { path: 'elsewhere', online: true } }), '/ws', text);
    assert.equal(stated.config.requirements.advisories, 'data/osv');
    assert.equal(stated.config.requirements.onlineAdvisories, false);
    assert.equal(explained.length, 2);
    assert.match(explained[0], /deployguard\.advisories\.path \("elsewhere"\) is not used/);
    assert.match(explained[1], /wins over the setting deployguard\.advisories\.online/);
  });
});
