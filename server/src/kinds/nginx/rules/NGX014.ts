// NGX014: map / geo / split_clients without a default entry.
import { fix } from '../model';
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX014',
    title: 'map, geo or split_clients without a default',
    severity: 'info',
    fix: 'yes',
    why: 'Input that matches no entry yields an empty string: an access decision or a routing variable built on it can be bypassed with an unexpected value.',
    anchors: 'gixy hash_without_default',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.all()) {
      if (!n.children || (n.name !== 'map' && n.name !== 'geo' && n.name !== 'split_clients')) continue;
      const key = n.name === 'split_clients' ? '*' : 'default';
      if (n.children.some((c) => c.name === key)) continue;
      const entry = n.name === 'split_clients' ? '* "";' : 'default "";';
      report(ctx, n, `${n.name} ${n.args.map((a) => a.text).join(' ')} has no "${key}" entry: unmatched input gets an empty value`, {
        fixes: fix(`Add "${entry}"`, [edits.insertAtBlockEnd(n, [entry])], { caveat: 'Replace "" by the fail-safe value unmatched input should get.' }),
      });
    }
  },
};
