// DJG022: hard-coded credentials in settings: secret-named settings and dict keys (DATABASES
// PASSWORD included), credentials inside URLs/DSNs, and environment reads with literal secret defaults.
import type { Rule } from '../../../engine/kind';
import type { Fix } from '../../../engine/types';
import type { Binding } from '../evaluate';
import { replaceValueFix, reportAt, type DjangoModel, type DjangoRuleContext } from '../model';
import type { Loc, Value } from '../values';
import { work } from '../python';
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
    const scan = new SecretScan(ctx);
    for (const [name, b] of ctx.model.rootEval.ns) {
      if (SKIP.has(name) || !isSettingName(name)) continue;
      scan.binding(b);
      if (b.alts) for (const alt of b.alts) if (alt) scan.binding(alt);
    }
  },
};

/** `^[A-Z][A-Z0-9_]*$` without a regular expression (it runs for every name of the settings). */
function isSettingName(name: string): boolean {
  const c0 = name.charCodeAt(0);
  if (!(c0 >= 65 && c0 <= 90)) return false;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) return false;
  }
  return true;
}

function labelOf(keyPath: string[]): string {
  return keyPath.length > 1 ? `${keyPath[0]}${keyPath.slice(1).map((k) => `['${k}']`).join('')}` : keyPath[0];
}

/**
 * Walks the values written in each binding's own statement (or the dict entries where they are
 * written): a reference to a value assigned elsewhere is reported there, not here.
 */
class SecretScan {
  private readonly seen = new Set<string>();
  private b!: Binding;
  /** The key path of the value being visited (setting name, dict keys, indexes). */
  private readonly keyPath: string[] = [];

  constructor(private readonly ctx: DjangoRuleContext) {}

  binding(b: Binding): void {
    this.b = b;
    this.keyPath.length = 0;
    this.keyPath.push(b.name);
    this.visit(b.value, isSecretName(b.name), b.stmt, 0);
  }

  private report(loc: Loc, message: string, fixes?: Fix[]): void {
    const key = `${loc.file}:${loc.from}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    reportAt(this.ctx, { loc, binding: this.b, message, fixes });
  }

  private fixFor(valueLoc: Loc, env: string): Fix[] | undefined {
    const m = this.ctx.model;
    return m.unit.files.has(valueLoc.file)
      ? [replaceValueFix(m, valueLoc, `os.environ["${env}"]`, `Read it from the environment (${env})`, { needsOs: true, preferred: false, stmtFrom: this.b.stmt.from, caveat: `Set ${env} wherever these settings run, and rotate the credential that was committed.` })]
      : undefined;
  }

  private visit(v: Value, secretName: boolean, owner: Loc, depth: number): void {
    work.units++;
    if (depth > 12) return;
    const keyPath = this.keyPath;
    switch (v.t) {
      case 'str': {
        if (!inside(v.loc, owner)) return; // a reference to a value written elsewhere
        const pw = urlPassword(v.v);
        if (pw) {
          this.report(v.loc, `${labelOf(keyPath)} contains a URL with an embedded password (${pw.user ? `${pw.user}:…@` : ':…@'}): the credential is committed with the code`);
          return;
        }
        if (secretName && looksLikeSecretValue(v.v)) {
          this.report(v.loc, `${labelOf(keyPath)} is a hard-coded credential: everyone with access to the code can read it`, this.fixFor(v.loc, envVarName(keyPath)));
        }
        return;
      }
      case 'env': {
        const d = v.env.rawDefault;
        if (!d || !inside(d.loc, owner)) return;
        if (d.t === 'str') {
          const pw = urlPassword(d.v);
          if (pw) {
            this.report(d.loc, `${labelOf(keyPath)} falls back to a URL with an embedded password when ${v.env.name ?? 'the variable'} is unset: the credential is committed with the code`);
          } else if (secretName && looksLikeSecretValue(d.v)) {
            this.report(d.loc, `${labelOf(keyPath)} falls back to a committed credential when ${v.env.name ?? 'the variable'} is unset`, this.fixFor(v.loc, v.env.name ?? envVarName(keyPath)));
          }
        }
        return;
      }
      case 'dict':
        for (const e of v.entries) {
          if (e.key.t !== 'str') continue;
          keyPath.push(e.key.v);
          this.visit(e.value, isSecretName(e.key.v), e.loc, depth + 1);
          keyPath.pop();
        }
        return;
      case 'list':
      case 'tuple':
      case 'set':
        for (let idx = 0; idx < v.items.length; idx++) {
          keyPath.push(String(idx));
          this.visit(v.items[idx], secretName, owner, depth + 1);
          keyPath.pop();
        }
        return;
      case 'call':
        for (const a of v.args) this.visit(a, secretName, owner, depth + 1);
        for (const [k, a] of v.kwargs) {
          keyPath.push(k);
          this.visit(a, secretName || isSecretName(k), owner, depth + 1);
          keyPath.pop();
        }
        return;
      default:
        return;
    }
  }
}
