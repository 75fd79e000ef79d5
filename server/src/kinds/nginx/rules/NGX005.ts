// NGX005: valid_referers accepts requests without a Referer (`none`).
import { fix } from '../model';
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX005',
    title: 'valid_referers accepts requests without a Referer',
    severity: 'warning',
    fix: 'yes',
    why: 'Clients (and attackers) can simply omit the Referer header: "none" lets every such request through the hotlink or CSRF-style check.',
    anchors: 'gixy valid_referers',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.named('valid_referers')) {
      const i = n.args.findIndex((a) => a.text === 'none');
      if (i < 0) continue;
      const tok = n.args[i];
      let fixes;
      if (n.args.length > 1) {
        const text = unit.text(n.file);
        let end = tok.end;
        while (text[end] === ' ' || text[end] === '\t') end++;
        const start = i === n.args.length - 1 ? n.args[i - 1].end : tok.start;
        fixes = fix('Remove "none"', [{ file: n.file, range: unit.lineIndex(n.file).range(start, i === n.args.length - 1 ? tok.end : end), newText: '' }]);
      }
      report(ctx, n, 'valid_referers lists "none": requests without a Referer header pass the check', { range: unit.tokenRange(n, tok), fixes });
    }
  },
};
