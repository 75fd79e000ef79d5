// NGX015: `allow` without `deny all` in the same context (after include expansion).
import { fix } from '../model';
import { meta, report, related, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX015',
    title: 'allow without deny all',
    severity: 'error',
    fix: 'yes',
    why: 'Everything not denied is allowed: an allowlist without a final "deny all" restricts nothing.',
    anchors: 'gixy allow_without_deny',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const level of [unit.root, ...unit.all()]) {
      if (!level.children) continue;
      const allows = level.children.filter((c) => c.name === 'allow' && c.args[0]?.text.toLowerCase() !== 'all');
      if (allows.length === 0) continue;
      if (level.children.some((c) => c.name === 'deny' && c.args[0]?.text.toLowerCase() === 'all')) continue;
      const last = allows[allows.length - 1];
      report(ctx, allows[0], `allow ${allows[0].args[0]?.text ?? ''} has no "deny all" after it in this ${level.name || 'context'}: every other client is still allowed`, {
        related: allows.slice(1).map((a) => related(unit, a, 'also allowed here')),
        fixes: fix('Add "deny all;" after the last allow', [edits.insertLinesAfter(last, ['deny all;'])]),
      });
    }
  },
};
