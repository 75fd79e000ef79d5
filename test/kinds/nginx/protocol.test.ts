// The nginx kind through the real language server (dist/server.js over stdio): an unsaved edit in
// an included snippet changes the diagnostics of the site that includes it, and the quick fix for a
// dropped header set is offered as a code action.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { TestClient, uriOf } from '../../protocol/client';
import { makeWorkspace, positionOf, removeWorkspace } from '../../protocol/fixtures';

const MAIN = 'etc/nginx/nginx.conf';
const SITE = 'etc/nginx/sites-available/app.conf';
const SNIPPET = 'etc/nginx/snippets/headers.conf';
const FILES = {
  [MAIN]: 'events {}\nhttp {\n    server_tokens off;\n    include /etc/nginx/sites-enabled/*;\n}\n',
  [SITE]: 'server {\n    listen 80;\n    include snippets/headers.conf;\n    location / {\n        add_header Cache-Control no-store always;\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n',
  [SNIPPET]: 'add_header X-Custom 1;\n',
};

const ngx024 = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'NGX024');

describe('language server: nginx snippet edits', () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = makeWorkspace(FILES);
    client = await TestClient.start({ root });
  });
  after(async () => {
    await client.stop();
    removeWorkspace(root);
  });

  it('an unsaved edit of a snippet changes the diagnostics of the site that includes it', async () => {
    const siteUri = await client.open(path.join(root, SITE));
    const before = ngx024(await client.diagnostics(siteUri));
    assert.deepEqual(before.map((d) => d.severity), [2], 'a custom header dropped: warning');
    const refreshes = client.refreshes;
    const snippetUri = await client.open(path.join(root, SNIPPET));
    await client.change(snippetUri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'add_header Strict-Transport-Security "max-age=63072000" always;\n' }]);
    await client.waitFor('a diagnostic refresh request', () => client.refreshes > refreshes);
    const after = ngx024(await client.diagnostics(siteUri));
    assert.deepEqual(after.map((d) => d.severity), [1], 'HSTS dropped: error');
    assert.match(String(after[0].message), /Strict-Transport-Security/);
    assert.ok(after[0].relatedInformation?.some((r) => r.location.uri === snippetUri), 'related information points into the snippet');
  });

  it('offers the fix that re-includes the snippet in the location', async () => {
    const siteUri = uriOf(path.join(root, SITE));
    const d = ngx024(await client.diagnostics(siteUri))[0];
    const actions = await client.codeActions(siteUri, d.range, [d]);
    const fix = actions.find((a: any) => /Copy the parent/.test(a.title));
    assert.ok(fix, `actions: ${actions.map((a: any) => a.title)}`);
    await client.apply(fix.edit);
    const at = positionOf(client.text(siteUri), 'include snippets/headers.conf;\n        add_header Cache-Control');
    assert.equal(at.line, 4);
    assert.deepEqual(ngx024(await client.diagnostics(siteUri)), []);
  });
});
