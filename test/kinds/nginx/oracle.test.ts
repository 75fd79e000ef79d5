// Oracle test: for every valid fixture file, the directive tree our parser builds (names, arguments,
// nesting, Lua bodies) equals the one the npm package nginx-conf builds. nginx-conf is only a test
// oracle: it keeps no positions and mis-reads some valid input, listed below with the reason (the
// test checks that those files still disagree, so the list cannot go stale).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { NginxParser, type NginxParseTreeNode } from 'nginx-conf/dist/src/parser';
import { parse, type Directive } from '../../../server/src/kinds/nginx/parser';
import { loadFixtures } from './fixtures-lib';

/** Files nginx-conf is known to read wrongly, and why. */
const ORACLE_WRONG: Record<string, string> = {
  'lua-braces-in-strings.conf/sites-available/lua-braces-in-strings.conf':
    'nginx-conf counts every brace inside a Lua block, including those in strings, comments and long brackets, so it ends the block early, corrupts the tree and then throws',
};

interface TreeNode {
  name: string;
  args: string[];
  children?: Tree;
  lua?: string;
}
type Tree = TreeNode[];

/** Splits nginx-conf's joined value into tokens the way nginx would (quotes only at a token start). */
function splitValue(value: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /\s/.test(value[i])) i++;
    if (i >= value.length) break;
    const start = i;
    const q = value[i];
    if (q === '"' || q === "'") {
      i++;
      while (i < value.length && value[i] !== q) i += value[i] === '\\' ? 2 : 1;
      i++;
    } else {
      while (i < value.length && !/\s/.test(value[i])) i += value[i] === '\\' ? 2 : 1;
    }
    out.push(value.slice(start, i));
  }
  return out;
}

function fromOracle(nodes: NginxParseTreeNode[]): Tree {
  return nodes.map((n) => {
    if (n.isVerbatim) return { name: n.name, args: [], lua: n.value };
    const t: TreeNode = { name: n.name, args: splitValue(n.value) };
    if (n.isBlock) t.children = fromOracle(n.children ?? []);
    return t;
  });
}

function fromOurs(list: Directive[]): Tree {
  return list.map((d) => {
    if (d.lua) return { name: d.nameTok.raw, args: d.args.map((a) => a.raw), lua: d.lua.raw };
    const t: TreeNode = { name: d.nameTok.raw, args: d.args.map((a) => a.raw) };
    if (d.children) t.children = fromOurs(d.children);
    return t;
  });
}

function oracle(text: string): Tree | Error {
  let result: Tree | Error = new Error('nginx-conf did not call back');
  try {
    new NginxParser().parse(text, (err, tree) => {
      result = err ? new Error(err.message) : fromOracle(tree?.children ?? []);
    });
  } catch (e) {
    result = e as Error;
  }
  return result;
}

describe('parser oracle: nginx-conf builds the same directive tree', () => {
  const fixtures = loadFixtures().filter((f) => f.nginxT === 'pass' || (f.nginxT === 'skip' && !f.name.endsWith('.j2') && f.name !== 'include-cycle'));
  let compared = 0;
  for (const fx of fixtures) {
    for (const [rel, text] of Object.entries(fx.files).filter(([r]) => !r.endsWith('Dockerfile'))) {
      const key = `${fx.name}/${rel}`;
      it(key, () => {
        const ours = fromOurs(parse(text).directives);
        const theirs = oracle(text);
        if (ORACLE_WRONG[key]) {
          assert.notDeepEqual(theirs, ours, `nginx-conf now agrees on ${key}: remove it from ORACLE_WRONG`);
          return;
        }
        compared++;
        assert.ok(!(theirs instanceof Error), `nginx-conf failed: ${(theirs as Error).message}`);
        assert.deepEqual(ours, theirs);
      });
    }
  }
  it('compared a meaningful number of files', () => {
    assert.ok(compared >= 40, `only ${compared} files compared`);
    console.log(`oracle: ${compared} fixture files agree with nginx-conf, ${Object.keys(ORACLE_WRONG).length} known nginx-conf misreading(s)`);
  });
});
