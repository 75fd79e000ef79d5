// DJG024: django-cors-headers letting any origin (or 'null', or plain-HTTP origins) read responses.
import type { Rule } from '../../../engine/kind';
import { certain, reportAt, rangeOf, setSettingFix, type DjangoModel } from '../model';
import { isSeq } from '../values';
import { meta } from './common';
import { isLocalHost } from './DJG021';

/** Problems of a CORS origin regex: missing anchors, dots that match any character. */
export function regexProblems(re: string): string[] {
  const out: string[] = [];
  if (!re.startsWith('^') && !re.startsWith('\\A')) out.push("is not anchored with '^'");
  if (!re.endsWith('$') && !re.endsWith('\\Z') && !re.endsWith('\\z')) out.push("is not anchored with '$'");
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '.' && !inClass) {
      const next = re[i + 1];
      if (next !== '*' && next !== '+' && next !== '?') {
        out.push("has an unescaped '.' (matches any character)");
        break;
      }
    }
  }
  return out;
}

export const DJG024: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG024',
    title: 'CORS lets untrusted origins read responses',
    severity: 'error',
    fix: 'partial',
    why: 'With any origin allowed (worse, with credentials), every website a user visits can call the API in their name and read the answers.',
  }),
  check(ctx) {
    const m = ctx.model;
    const creds = certain(m, 'CORS_ALLOW_CREDENTIALS');
    const withCreds = creds?.v.t === 'bool' && creds.v.v;
    for (const name of ['CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL']) {
      const c = certain(m, name);
      if (!c || c.v.t !== 'bool' || !c.v.v) continue;
      const f = setSettingFix(m, name, 'False', { preferred: false, caveat: 'List the origins that may call the API in CORS_ALLOWED_ORIGINS.' });
      reportAt(ctx, {
        loc: c.b.target,
        binding: c.b,
        severity: withCreds ? 'error' : 'warning',
        message: withCreds
          ? `${name} = True with CORS_ALLOW_CREDENTIALS = True: any website can make authenticated requests with the user's cookies and read the responses`
          : `${name} = True: any website can read the API's responses`,
        related: withCreds ? [{ file: creds!.b.target.file, range: rangeOf(m, creds!.b.target), message: 'credentials are allowed here' }] : undefined,
        fixes: f ? [f] : undefined,
      });
    }
    for (const name of ['CORS_ALLOWED_ORIGIN_REGEXES', 'CORS_ORIGIN_REGEX_WHITELIST']) {
      const c = certain(m, name);
      if (!c || !isSeq(c.v)) continue;
      for (const item of c.v.items) {
        if (item.t !== 'str') continue;
        const problems = regexProblems(item.v);
        if (problems.length) reportAt(ctx, { loc: item.loc, binding: c.b, severity: 'warning', message: `${name} pattern '${item.v}' ${problems.join(' and ')}: look-alike origins such as https://example.com.attacker.net match` });
      }
    }
    for (const name of ['CORS_ALLOWED_ORIGINS', 'CORS_ORIGIN_WHITELIST']) {
      const c = certain(m, name);
      if (!c || !isSeq(c.v)) continue;
      for (const item of c.v.items) {
        if (item.t !== 'str') continue;
        if (item.v === 'null') {
          reportAt(ctx, { loc: item.loc, binding: c.b, severity: 'warning', message: `${name} allows the 'null' origin: sandboxed iframes and file: pages of any site send it` });
        } else if (item.v.toLowerCase().startsWith('http://') && !isLocalHost(item.v.slice(7).split('/')[0]) && m.role === 'production') {
          reportAt(ctx, { loc: item.loc, binding: c.b, severity: 'warning', message: `${name} allows '${item.v}' over plain HTTP: a network attacker can inject script on that origin and read the API` });
        }
      }
    }
  },
};
