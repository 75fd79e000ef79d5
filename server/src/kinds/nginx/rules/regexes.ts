// Where regular expressions appear in a configuration: location ~, if (… ~ …), map keys,
// rewrite patterns and server_name ~.
import type { Token } from '../parser';
import type { Node, Unit } from '../model';
import { ifCondition } from '../vars';

export interface RegexUse {
  node: Node;
  tok: Token;
  pattern: string;
  ci: boolean;
  where: string;
}

export function* regexUses(unit: Unit): Generator<RegexUse> {
  for (const n of unit.all()) {
    if (n.name === 'location' && n.args.length >= 2 && (n.args[0].text === '~' || n.args[0].text === '~*')) {
      yield { node: n, tok: n.args[1], pattern: n.args[1].text, ci: n.args[0].text === '~*', where: 'location' };
    } else if (n.name === 'if' && n.children) {
      const c = ifCondition(n);
      if (c && ['~', '~*', '!~', '!~*'].includes(c.op)) {
        const tok = n.args.find((a, i) => i > 1 && a.text !== ')');
        if (tok) yield { node: n, tok, pattern: c.value, ci: c.op.endsWith('*'), where: 'if' };
      }
    } else if (n.name === 'rewrite' && n.args[0]) {
      yield { node: n, tok: n.args[0], pattern: n.args[0].text, ci: false, where: 'rewrite' };
    } else if (n.name === 'server_name') {
      for (const a of n.args) if (a.text.startsWith('~')) yield { node: n, tok: a, pattern: a.text.slice(1), ci: true, where: 'server_name' };
    } else if (n.parent?.name === 'map' && n.name.startsWith('~')) {
      const ci = n.name.startsWith('~*');
      yield { node: n, tok: n.d.nameTok, pattern: n.name.slice(ci ? 2 : 1), ci, where: 'map' };
    }
  }
}
