// The extension manifest (package.json) agrees with the client code: languages and activation
// events with the document selector, commands with their registrations, grammars and files exist.
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import picomatch from 'picomatch';
import { CLIENT_KINDS, LANGUAGE_IDS, documentSelector } from '../../client/src/kinds';
import { looksLikeNginx } from '../../client/src/detect';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const contributes = pkg.contributes;

function kindOf(path: string): string[] {
  return CLIENT_KINDS.filter((k) => k.patterns.some((p) => picomatch(p, { dot: true })(path))).map((k) => k.id);
}

describe('extension manifest', () => {
  it('contributes each language the client declares as its own, with a grammar and a language configuration', () => {
    const declared = contributes.languages.map((l: { id: string }) => l.id).sort();
    assert.deepEqual(declared, CLIENT_KINDS.filter((k) => k.contributed).map((k) => k.languageId).sort());
    for (const lang of contributes.languages) {
      assert.ok(existsSync(lang.configuration), lang.configuration);
      JSON.parse(readFileSync(lang.configuration, 'utf8'));
      const grammar = contributes.grammars.find((g: { language: string }) => g.language === lang.id);
      assert.ok(grammar, `grammar for ${lang.id}`);
      assert.equal(JSON.parse(readFileSync(grammar.path, 'utf8')).scopeName, grammar.scopeName);
    }
  });

  it('sends every file of our languages to the server (language file patterns ⊆ document selector)', () => {
    for (const lang of contributes.languages) {
      const kind = CLIENT_KINDS.find((k) => k.languageId === lang.id)!;
      const globs = [
        ...(lang.filenames ?? []).map((n: string) => `**/${n}`),
        ...(lang.extensions ?? []).map((e: string) => `**/*${e}`),
        ...(lang.filenamePatterns ?? []),
      ];
      for (const g of globs) assert.ok(kind.patterns.includes(g), `${lang.id}: ${g} is not in the client's patterns`);
    }
  });

  it('never claims every .conf as nginx: the nginx language is by path only', () => {
    const nginx = contributes.languages.find((l: { id: string }) => l.id === 'nginx');
    const isNginx = picomatch([...nginx.filenamePatterns, ...nginx.filenames.map((n: string) => `**/${n}`), '**/*.nginx'], { dot: true });
    assert.equal(isNginx('etc/supervisor/app.conf'), false);
    assert.equal(isNginx('app.conf'), false);
    assert.equal(isNginx('etc/nginx/nginx.conf'), true);
    assert.equal(isNginx('etc/nginx/sites-available/default'), true);
    assert.equal(isNginx('deploy/nginx/conf.d/app.conf'), true);
    assert.equal(isNginx('roles/web/templates/nginx/site.conf.j2'), true);
  });

  it('selects files by path and untitled buffers by language', () => {
    const sel = documentSelector();
    for (const f of sel) {
      if (f.scheme === 'file') assert.ok(f.pattern && !f.language, JSON.stringify(f));
      else assert.ok(f.scheme === 'untitled' && f.language && !f.pattern, JSON.stringify(f));
    }
    assert.deepEqual(sel.filter((f) => f.scheme === 'untitled').map((f) => f.language).sort(), [...LANGUAGE_IDS].sort());
    assert.deepEqual(kindOf('etc/ssh/sshd_config'), ['sshd']);
    assert.deepEqual(kindOf('etc/ssh/sshd_config.d/50-cloud-init.conf'), ['sshd', 'nginx']); // the nginx kind declines it by path
    assert.deepEqual(kindOf('etc/nginx/sites-enabled/default'), ['nginx']);
    assert.deepEqual(kindOf('requirements/prod.txt'), ['requirements']);
    assert.deepEqual(kindOf('requirements-dev.txt'), ['requirements']);
    assert.deepEqual(kindOf('dev-requirements.txt'), ['requirements']);
    assert.deepEqual(kindOf('docker/Dockerfile.prod'), ['dockerfile']);
    assert.deepEqual(kindOf('build/app.containerfile'), ['dockerfile']);
    assert.deepEqual(kindOf('myproject/settings/prod.py'), ['django']);
    assert.deepEqual(kindOf('README.md'), []);
    assert.deepEqual(kindOf('notes.txt'), []);
  });

  it('activates on our files and languages, never on "*"', () => {
    const events: string[] = pkg.activationEvents;
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'));
    for (const e of events) assert.match(e, /^(workspaceContains:\*\*\/.+|onLanguage:.+)$/);
    for (const l of events.filter((e) => e.startsWith('onLanguage:'))) assert.ok(LANGUAGE_IDS.includes(l.slice(11)), l);
    for (const k of CLIENT_KINDS) {
      assert.ok(events.some((e) => e.startsWith('workspaceContains:') && k.patterns.some((p) => picomatch(p, { dot: true })(e.slice(18).replace(/\*\*\//, 'x/').replace(/\*/g, 'a')))), `no workspaceContains for ${k.id}`);
    }
  });

  it('registers every contributed command, and contributes every registered one', () => {
    const src = ['client/src/extension.ts'].map((f) => readFileSync(f, 'utf8')).join('\n');
    const registered = [...src.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]).sort();
    assert.deepEqual(contributes.commands.map((c: { command: string }) => c.command).sort(), registered);
  });

  it('declares settings, workspace trust and virtual workspaces as the server reads them', () => {
    const props = contributes.configuration.properties;
    for (const key of ['enable', 'run', 'exclude', 'advisories.path', 'advisories.online', 'trace.server']) assert.ok(props[`deployguard.${key}`], key);
    assert.equal(props['deployguard.advisories.path'].scope, 'machine-overridable');
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.notEqual(trust.supported, false);
    for (const r of trust.restrictedConfigurations) assert.ok(props[r], r);
    assert.ok(trust.restrictedConfigurations.includes('deployguard.advisories.path'));
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
  });

  it('ships a 128x128 PNG icon, the schema for .deployguard.json, a license and a changelog', () => {
    const png = readFileSync(pkg.icon);
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
    assert.deepEqual(contributes.jsonValidation, [{ fileMatch: '.deployguard.json', url: './server/schemas/deployguard.schema.json' }]);
    assert.ok(existsSync(contributes.jsonValidation[0].url));
    assert.ok(existsSync('LICENSE') && existsSync('CHANGELOG.md'));
    assert.deepEqual(pkg.categories, ['Linters']);
  });
});

describe('nginx detection by content', () => {
  it('gives .conf files with nginx blocks the nginx language, and leaves others alone', () => {
    assert.equal(looksLikeNginx('/srv/deploy/app.conf', 'upstream app { server 127.0.0.1:8000; }\nserver {\n  listen 80;\n}\n'), true);
    assert.equal(looksLikeNginx('/srv/deploy/site.conf.j2', '  location /static/ {\n    alias /srv/static/;\n  }\n'), true);
    assert.equal(looksLikeNginx('/etc/supervisor/conf.d/app.conf', 'server {\n}\n'), false);
    assert.equal(looksLikeNginx('/etc/apache2/sites-available/x.conf', '<VirtualHost *:80>\n</VirtualHost>\n'), false);
    assert.equal(looksLikeNginx('/srv/app/uwsgi.conf', '[uwsgi]\nmodule = app\n'), false);
    assert.equal(looksLikeNginx('/srv/app/notes.txt', 'server {\n}\n'), false);
  });
});
