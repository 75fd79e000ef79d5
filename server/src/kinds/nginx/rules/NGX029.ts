// NGX029: no Content-Security-Policy on an HTML-serving server, or a CSP that does not restrict
// scripts ('unsafe-inline', 'unsafe-eval' or * in default-src/script-src; no object-src/base-uri).
import { contentServers, reportMissing } from './simpleHeaders';
import { headerName, meta, report, type Ctx } from './util';

const BASELINE = `add_header Content-Security-Policy "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'; upgrade-insecure-requests" always;`;

function weaknesses(policy: string): string[] {
  const dirs = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const words = part.trim().split(/[ \t]+/).filter(Boolean);
    if (words.length > 0 && !dirs.has(words[0].toLowerCase())) dirs.set(words[0].toLowerCase(), words.slice(1));
  }
  const out: string[] = [];
  const scripts = dirs.get('script-src') ?? dirs.get('default-src');
  const which = dirs.has('script-src') ? 'script-src' : 'default-src';
  if (scripts) {
    if (scripts.includes("'unsafe-inline'") && !scripts.some((s) => s.startsWith("'nonce-") || s.startsWith("'sha") || s === "'strict-dynamic'")) out.push(`${which} allows 'unsafe-inline'`);
    if (scripts.includes("'unsafe-eval'")) out.push(`${which} allows 'unsafe-eval'`);
    if (scripts.includes('*')) out.push(`${which} allows any origin (*)`);
  } else out.push('no script-src or default-src');
  const def = dirs.get('default-src');
  if (!dirs.has('object-src') && !(def && (def.includes("'none'")))) out.push('no object-src');
  if (!dirs.has('base-uri')) out.push('no base-uri');
  return out;
}

export default {
  meta: meta({
    id: 'NGX029',
    title: 'Missing or weak Content-Security-Policy',
    severity: 'info',
    fix: 'partial',
    why: 'A Content-Security-Policy is the browser-side safety net against XSS: without it, or with unsafe-inline scripts allowed, an injected script runs with the page\'s privileges.',
    anchors: 'h5bp content-security-policy.conf (+ map in nginx.conf)',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    for (const n of unit.named('add_header')) {
      if (headerName(n) !== 'content-security-policy' || !n.args[1]) continue;
      const weak = weaknesses(n.args[1].text);
      if (weak.length > 0) report(ctx, n, `The Content-Security-Policy is weak: ${weak.join(', ')}`, { range: unit.tokenRange(n, n.args[1]) });
    }
    for (const { server, headers } of contentServers(ctx)) {
      if (headers.has('content-security-policy') || headers.has('content-security-policy-report-only')) continue;
      reportMissing(ctx, server, 'This server sends no Content-Security-Policy', [BASELINE], 'Add a baseline Content-Security-Policy (h5bp)', 'Review the policy: it blocks inline scripts and third-party resources your pages may need.');
    }
  },
};
