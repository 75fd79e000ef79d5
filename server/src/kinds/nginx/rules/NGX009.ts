// NGX009 (narrowed by catalog §0): a regex location that matches a file extension (`\.php`) without
// `$`, so /upload/x.php.jpg matches it too.
import { fix } from '../model';
import { parseRegex, topItems, type RNode } from '../regex';
import { meta, report, type Ctx } from './util';

const WORD_CHAR = /^[A-Za-z0-9_]$/;

function isWordLiteral(n: RNode): boolean {
  if (n.t === 'char') {
    if (!n.literal || n.set.high) return false;
    for (let c = 0; c < 128; c++) if (n.set.has(c) && !WORD_CHAR.test(String.fromCharCode(c))) return false;
    return true;
  }
  if (n.t === 'seq') return n.items.length > 0 && n.items.every(isWordLiteral);
  if (n.t === 'alt') return n.alts.every(isWordLiteral);
  if (n.t === 'group') return !n.look && isWordLiteral(n.body);
  if (n.t === 'repeat') return n.max <= 1 && isWordLiteral(n.body);
  return false;
}

export default {
  meta: meta({
    id: 'NGX009',
    title: 'Regex location matches a file extension without "$"',
    severity: 'warning',
    fix: 'yes',
    why: 'Without "$", "\\.php" also matches "/uploads/avatar.php.jpg": a handler or an access rule applies to files it was not meant for.',
    anchors: 'gixy unanchored_regex; regex_exact_match (info: literal regex should be =)',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const n of unit.named('location')) {
      if (n.args.length < 2 || (n.args[0].text !== '~' && n.args[0].text !== '~*')) continue;
      const tok = n.args[1];
      const r = parseRegex(tok.text, n.args[0].text === '~*');
      if (!r || r.root.t === 'alt') continue;
      const items = topItems(r);
      let dot = -1;
      items.forEach((it, i) => {
        if (it.t === 'char' && it.literal && it.set.single() === 46) dot = i;
      });
      if (dot < 0 || dot === items.length - 1) continue;
      const tail = items.slice(dot + 1);
      if (!tail.every(isWordLiteral)) continue;
      const ext = tok.text.slice(tok.text.lastIndexOf('\\.'));
      const at = tok.quote ? tok.end - 1 : tok.end;
      report(ctx, n, `"${tok.text}" has no "$": it also matches paths that merely contain "${ext.replace(/\\/g, '')}", such as /uploads/x${ext.replace(/\\/g, '')}.jpg`, {
        range: unit.tokenRange(n, tok),
        fixes: fix('Anchor the extension with "$"', [edits.insertAt(n.file, at, '$')]),
      });
    }
  },
};
