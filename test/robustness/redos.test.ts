// No ReDoS: every regular expression in the shipped code (server/src, client/src) is listed and
// checked by recheck for catastrophic backtracking; every RegExp built at run time must say on its
// line (or the line before) why it is safe (`regex-safe: <reason>`), e.g. because its input is escaped.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkSync } from 'recheck';
import ts from 'typescript';

const REPO = path.resolve(__dirname, '..', '..');
const ROOTS = ['server/src', 'client/src'];

interface Found {
  where: string;
  source?: string;
  flags?: string;
  dynamic?: boolean;
  justified?: boolean;
}

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d)) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) {
        if (name !== 'fixtures' && name !== 'node_modules') walk(p);
      } else if (p.endsWith('.ts')) out.push(p);
    }
  };
  for (const r of ROOTS) if (fs.existsSync(path.join(REPO, r))) walk(path.join(REPO, r));
  return out;
}

function collect(): Found[] {
  const found: Found[] = [];
  for (const file of sourceFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const lines = text.split('\n');
    const where = (node: ts.Node) => `${path.relative(REPO, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const lit = (node as ts.RegularExpressionLiteral).text;
        const end = lit.lastIndexOf('/');
        found.push({ where: where(node), source: lit.slice(1, end), flags: lit.slice(end + 1) });
      } else if (ts.isNewExpression(node) || ts.isCallExpression(node)) {
        if (ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
          const [pattern, flags] = node.arguments ?? [];
          if (pattern && ts.isStringLiteralLike(pattern) && (!flags || ts.isStringLiteralLike(flags))) {
            found.push({ where: where(node), source: pattern.text, flags: flags && ts.isStringLiteralLike(flags) ? flags.text : '' });
          } else {
            const line = sf.getLineAndCharacterOfPosition(node.getStart()).line;
            const justified = /regex-safe:/.test(lines[line] ?? '') || /regex-safe:/.test(lines[line - 1] ?? '');
            found.push({ where: where(node), dynamic: true, justified });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

describe('regular expressions (ReDoS)', () => {
  const all = collect();
  const literals = all.filter((f) => !f.dynamic);

  it(`every one of the ${literals.length} regex literals in shipped code is free of catastrophic backtracking`, () => {
    const vulnerable: string[] = [];
    for (const r of literals) {
      const result = checkSync(r.source!, r.flags!.replace(/[^gimsuyd]/g, ''), { timeout: 30_000 });
      if (result.status === 'vulnerable') {
        vulnerable.push(`${r.where} /${r.source}/${r.flags}: ${result.complexity.type} (attack: ${JSON.stringify(result.attack.pattern)})`);
      } else if (result.status === 'unknown') {
        vulnerable.push(`${r.where} /${r.source}/${r.flags}: could not be checked (${result.error.kind})`);
      }
    }
    console.log(`ReDoS check: ${literals.length} regex literals checked, ${vulnerable.length} vulnerable`);
    assert.deepEqual(vulnerable, []);
  });

  it('every RegExp built at run time says why it is safe', () => {
    const dynamic = all.filter((f) => f.dynamic);
    console.log(`ReDoS check: ${dynamic.length} run-time RegExp constructions, all justified: ${dynamic.every((d) => d.justified)}`);
    assert.deepEqual(
      dynamic.filter((d) => !d.justified).map((d) => `${d.where}: new RegExp(...) without a "regex-safe:" justification`),
      [],
    );
  });
});
