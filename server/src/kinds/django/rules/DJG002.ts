// DJG002: SECRET_KEY committed (a literal, or an environment read with a literal fallback) or missing.
import type { Rule } from '../../../engine/kind';
import { anchor, appendLines, importOsEdit, replaceValueFix, reportAbsent, reportAt, setting, versionAtLeast, type DjangoModel } from '../model';
import { meta } from './common';

const ENV_EXPR = (name: string) => `os.environ["${name}"]`;

export const DJG002: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG002',
    title: 'SECRET_KEY is committed to the repository or missing',
    severity: 'error',
    fix: 'yes',
    why: 'Anyone who knows SECRET_KEY can forge session cookies, password-reset links and every signed value; with a pickle-based serializer that becomes remote code execution.',
    anchors: 'bandit B105 (name matches secret; misses the os.environ.get default); DJ security.W009 (only if weak)',
  }),
  check(ctx) {
    const m = ctx.model;
    const b = setting(m, 'SECRET_KEY');
    const caveat = 'Set DJANGO_SECRET_KEY in every environment that loads these settings (generate one with `python -c "import secrets; print(secrets.token_urlsafe(50))"`), and rotate the key that was committed.';
    if (!b) {
      if (!m.complete) return;
      reportAbsent(
        ctx,
        `SECRET_KEY is not set in the production settings: Django refuses to start without it${versionAtLeast(m, 4, 0) ? anchor('security.W009') : ''}`,
        [
          {
            title: 'Read SECRET_KEY from the environment (DJANGO_SECRET_KEY)',
            edits: [appendLines(m, m.root, ['SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]']), ...importOsEdit(m, m.root, Number.MAX_SAFE_INTEGER)],
            isPreferred: true,
            caveat,
          },
        ],
      );
      return;
    }
    for (const cand of [b, ...(b.alts ?? [])]) {
      if (!cand) continue;
      const v = cand.value;
      const plain = v.loc.file === cand.stmt.file && v.loc.from > cand.target.to && v.loc.to <= cand.stmt.to && m.unit.files.has(v.loc.file);
      if (v.t === 'str' && v.v !== '') {
        reportAt(ctx, {
          loc: cand.target,
          binding: cand,
          message: `SECRET_KEY is a string literal${cand.cond ? ` (${cand.cond.text})` : ''}: everyone who can read the code can forge sessions, password-reset links and signed data`,
          fixes: plain ? [replaceValueFix(m, v.loc, ENV_EXPR('DJANGO_SECRET_KEY'), 'Read SECRET_KEY from the environment (DJANGO_SECRET_KEY)', { needsOs: true, stmtFrom: cand.stmt.from, caveat })] : undefined,
        });
      } else if (v.t === 'env' && v.env.rawDefault?.t === 'str' && v.env.rawDefault.v !== '') {
        const name = v.env.name ?? 'DJANGO_SECRET_KEY';
        reportAt(ctx, {
          loc: v.env.rawDefault.loc,
          binding: cand,
          message: `SECRET_KEY falls back to a committed literal when ${name} is unset: a deployment that forgets the variable runs with a key everyone knows`,
          fixes: plain ? [replaceValueFix(m, v.loc, ENV_EXPR(name), `Require ${name} (no committed fallback)`, { needsOs: true, stmtFrom: cand.stmt.from, caveat })] : undefined,
        });
      }
    }
  },
};
