// Tokenizes test/e2e/grammars/cases.mjs with the TextMate engine VS Code uses (vscode-textmate and
// vscode-oniguruma, taken from the code-server install in .e2e-tools/) and checks the scopes.
// Usage: node scripts/e2e-grammars.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES } from '../test/e2e/grammars/cases.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vscodeDir = join(root, '.e2e-tools/code-server/node_modules/code-server/lib/vscode');
const require = createRequire(join(vscodeDir, 'package.json'));
const tm = require('vscode-textmate');
const onig = require('vscode-oniguruma');

await onig.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const grammarFiles = Object.fromEntries(pkg.contributes.grammars.map((g) => [g.scopeName, join(root, g.path)]));
grammarFiles['source.lua'] = join(vscodeDir, 'extensions/lua/syntaxes/lua.tmLanguage.json');

const registry = new tm.Registry({
  onigLib: Promise.resolve({ createOnigScanner: (p) => new onig.OnigScanner(p), createOnigString: (s) => new onig.OnigString(s) }),
  loadGrammar: async (scopeName) => {
    const file = grammarFiles[scopeName];
    return file ? tm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
  },
});

let passed = 0;
let failed = 0;
for (const c of CASES) {
  const grammar = await registry.loadGrammar(c.scope);
  // Tokens with absolute offsets; an expectation finds its text in the document (after the previous
  // expectation's match) and checks the scopes of the token at the match's first character.
  const tokens = [];
  let state = tm.INITIAL;
  let offset = 0;
  for (const line of c.text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) tokens.push({ start: offset + t.startIndex, end: offset + t.endIndex, scopes: t.scopes });
    state = r.ruleStack;
    offset += line.length + 1;
  }
  const problems = [];
  let from = 0;
  for (const [text, scope] of c.expect) {
    const at = c.text.indexOf(text, from);
    if (at < 0) {
      problems.push(`${JSON.stringify(text)} not found after offset ${from}`);
      continue;
    }
    const token = tokens.find((t) => t.start <= at && at < t.end);
    if (!token || !token.scopes.some((s) => s.includes(scope))) {
      problems.push(`${JSON.stringify(text)} at ${at} has [${token?.scopes.join(' ')}], expected ${scope}`);
    }
    from = at + 1;
  }
  if (problems.length === 0) {
    passed++;
    console.log(`  ✓ ${c.name}`);
  } else {
    failed++;
    console.log(`  ✗ ${c.name}\n      ${problems.join('\n      ')}`);
  }
}
console.log(`grammars: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
