// NGX002: a variable that can hold CR/LF written into a header or redirect (HTTP response
// splitting), after gixy's `http_splitting`: `\n` anywhere; `\r` too except in proxy_* directives.
import { splitScript, valueCanContain } from '../vars';
import { fix, type Node } from '../model';
import { parseRegex } from '../regex';
import { meta, report, type Ctx } from './util';

const REDIRECT_PREFIXES = ['http://', 'https://', '$scheme'];
const REDIRECT_STATUSES = new Set(['301', '302', '303', '307', '308']);

function valueToken(n: Node) {
  if (n.name === 'proxy_pass') return n.args[0];
  if (n.name === 'return') {
    if (n.args.length === 1) return REDIRECT_PREFIXES.some((p) => n.args[0].text.startsWith(p)) ? n.args[0] : undefined;
    return REDIRECT_STATUSES.has(n.args[0]?.text) ? n.args[1] : undefined;
  }
  if (n.name === 'more_set_headers') return n.args.find((a) => a.text.includes(':'));
  if (n.name === 'rewrite') {
    const flag = n.args[2]?.text;
    const target = n.args[1]?.text ?? '';
    const redirect = flag === 'redirect' || flag === 'permanent' || REDIRECT_PREFIXES.some((p) => target.startsWith(p));
    return redirect ? n.args[1] : undefined;
  }
  return n.args.length >= 2 ? n.args[1] : undefined;
}

const DIRECTIVES = new Set(['rewrite', 'return', 'add_header', 'proxy_set_header', 'proxy_pass', 'more_set_headers']);

export default {
  meta: meta({
    id: 'NGX002',
    title: 'Header or redirect built from a variable that can contain CR/LF',
    severity: 'error',
    fix: 'partial',
    why: 'A decoded %0d%0a in the URL ends the header line: the client injects its own headers or a whole response (cache poisoning, XSS, session fixation).',
    anchors: 'gixy http_splitting; Gixy-Next PR #90 (single-arg return)',
  }),
  check(ctx: Ctx) {
    const { unit, vars, edits } = ctx.model;
    for (const n of unit.all()) {
      if (!DIRECTIVES.has(n.name) || unit.proto(n) !== 'http') continue;
      const tok = valueToken(n);
      if (!tok) continue;
      const serverSide = n.name.startsWith('proxy_');
      const rewriteRegex = n.name === 'rewrite' ? parseRegex(n.args[0]?.text ?? '') : undefined;
      for (const piece of splitScript(tok.text)) {
        if (piece.name === undefined) continue;
        const v = vars.variable(piece.name, n, rewriteRegex);
        const ch = valueCanContain(v, '\n') ? '\\n' : !serverSide && valueCanContain(v, '\r') ? '\\r' : undefined;
        if (!ch) continue;
        let fixes;
        if ((n.name === 'return' || n.name === 'rewrite') && piece.name === 'uri' && !tok.quote && /\$uri(\$is_args\$args)?$/.test(tok.text)) {
          const at = tok.text.lastIndexOf('$uri');
          fixes = fix('Use $request_uri (raw, cannot contain CR/LF)', [edits.replaceToken(n, tok, tok.text.slice(0, at) + '$request_uri')], { caveat: '$request_uri is the original, still percent-encoded path with its query string.' });
        }
        report(ctx, n, `"$${piece.name}" can contain "${ch}" (a decoded %0${ch === '\\n' ? 'a' : 'd'}): written into ${n.name === 'return' || n.name === 'rewrite' ? 'a redirect Location' : 'a header'}, it lets the client split the ${serverSide ? 'request to the upstream' : 'response'}`, {
          range: unit.tokenRange(n, tok),
          fixes,
        });
        break;
      }
    }
  },
};
