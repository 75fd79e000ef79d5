// DJG022: hard-coded credentials in settings: secret-named settings and dict keys (DATABASES
// PASSWORD included), credentials inside URLs/DSNs, and environment reads with literal secret defaults.
import type { Rule } from '../../../engine/kind';
import type { Fix } from '../../../engine/types';
import type { Binding } from '../evaluate';
import { replaceValueFix, reportAt, type DjangoModel, type DjangoRuleContext } from '../model';
import type { Loc, Value } from '../values';
import { meta } from './common';
import { isSecretName, looksLikeSecretValue, urlPassword } from './secrets';

const SKIP = new Set(['SECRET_KEY', 'SECRET_KEY_FALLBACKS']);

function inside(inner: Loc, outer: Loc): boolean {
  return inner.file === outer.file && inner.from >= outer.from && inner.to <= outer.to;
}

function envVarName(parts: string[]): string {
  return parts
    .filter((p) => p.toLowerCase() !== 'default')
    .join('_')
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, '_');
}

export const DJG022: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG022',
    title: 'Hard-coded credential in settings',
    severity: 'error',
    fix: 'partial',
    why: 'A password, token or key committed with the code is readable by everyone with repository access, ends up in backups and forks, and cannot be rotated without a deploy.',
    anchors: 'bandit B105 (variable/attribute/subscript assignment only; dict literal false negative bandit#1267), B106 (keyword args)',
  }),
  check(ctx) {
    const m = ctx.model;
    const seen = new Set<string>();
    for (const [name, b] of m.rootEval.ns) {
      if (!/^[A-Z][A-Z0-9_]*$/.test(name) || SKIP.has(name)) continue;
      for (const cand of [b, ...(b.alts ?? [])]) if (cand) scanBinding(ctx, cand, seen);
    }
  },
};

function scanBinding(ctx: DjangoRuleContext, b: Binding, seen: Set<string>): void {
  const m = ctx.model;
  const report = (loc: Loc, message: string, fixes?: Fix[]) => {
    const key = `${loc.file}:${loc.from}`;
    if (seen.has(key)) return;
    seen.add(key);
    reportAt(ctx, { loc, binding: b, message, fixes });
  };
  const fixFor = (valueLoc: Loc, env: string): Fix[] | undefined =>
    m.unit.files.has(valueLoc.file)
      ? [replaceValueFix(m, valueLoc, `os.environ["${env}"]`, `Read it from the environment (${env})`, { needsOs: true, preferred: false, stmtFrom: b.stmt.from, caveat: `Set ${env} wherever these settings run, and rotate the credential that was committed.` })]
      : undefined;

  const visit = (v: Value, keyPath: string[], secretName: boolean, owner: Loc, depth: number) => {
    if (depth > 12) return;
    const label = keyPath.length > 1 ? `${keyPath[0]}${keyPath.slice(1).map((k) => `['${k}']`).join('')}` : keyPath[0];
    switch (v.t) {
      case 'str': {
        if (!inside(v.loc, owner)) return; // a reference to a value written elsewhere
        const pw = urlPassword(v.v);
        if (pw) {
          report(v.loc, `${label} contains a URL with an embedded password (${pw.user ? `${pw.user}:…@` : ':…@'}): the credential is committed with the code`);
          return;
        }
        if (secretName && looksLikeSecretValue(v.v)) {
          report(v.loc, `${label} is a hard-coded credential: everyone with access to the code can read it`, fixFor(v.loc, envVarName(keyPath)));
        }
        return;
      }
      case 'env': {
        const d = v.env.rawDefault;
        if (!d || !inside(d.loc, owner)) return;
        if (d.t === 'str') {
          const pw = urlPassword(d.v);
          if (pw) {
            report(d.loc, `${label} falls back to a URL with an embedded password when ${v.env.name ?? 'the variable'} is unset: the credential is committed with the code`);
          } else if (secretName && looksLikeSecretValue(d.v)) {
            report(d.loc, `${label} falls back to a committed credential when ${v.env.name ?? 'the variable'} is unset`, fixFor(v.loc, v.env.name ?? envVarName(keyPath)));
          }
        }
        return;
      }
      case 'dict':
        for (const e of v.entries) {
          const k = e.key.t === 'str' ? e.key.v : undefined;
          if (k === undefined) continue;
          visit(e.value, [...keyPath, k], isSecretName(k), e.loc, depth + 1);
        }
        return;
      case 'list':
      case 'tuple':
      case 'set':
        v.items.forEach((i, idx) => visit(i, [...keyPath, String(idx)], secretName, owner, depth + 1));
        return;
      case 'call':
        for (const a of v.args) visit(a, keyPath, secretName, owner, depth + 1);
        for (const [k, a] of v.kwargs) visit(a, [...keyPath, k], secretName || isSecretName(k), owner, depth + 1);
        return;
      default:
        return;
    }
  };
  // Only values written in the binding's own statement (or dict entries where they are written):
  // a reference to a value assigned elsewhere is reported there, not here.
  visit(b.value, [b.name], isSecretName(b.name), b.stmt, 0);
}
