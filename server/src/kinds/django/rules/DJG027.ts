// DJG027: no password validators while django.contrib.auth is installed.
import type { Rule } from '../../../engine/kind';
import type { FileEdit } from '../../../engine/types';
import { appendLines, certain, indentUnit, replaceAt, reportAbsent, reportAt, setting, type DjangoModel } from '../model';
import { isSeq } from '../values';
import { listHas, meta } from './common';

const VALIDATORS = ['UserAttributeSimilarityValidator', 'MinimumLengthValidator', 'CommonPasswordValidator', 'NumericPasswordValidator'];

function validatorLines(indent: string): string[] {
  return ['[', ...VALIDATORS.map((v) => `${indent}{"NAME": "django.contrib.auth.password_validation.${v}"},`), ']'];
}

export const DJG027: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG027',
    title: 'No password validation',
    severity: 'warning',
    fix: 'yes',
    why: 'Without validators users can pick "123" or their user name as password, which credential-stuffing and guessing attacks break first.',
  }),
  check(ctx) {
    const m = ctx.model;
    if (listHas(m, 'INSTALLED_APPS', 'django.contrib.auth') !== true) return;
    const b = setting(m, 'AUTH_PASSWORD_VALIDATORS');
    const lines = validatorLines(indentUnit(m, b && !b.cond ? b.value.loc.file : m.root));
    if (!b) {
      if (!m.complete) return;
      reportAbsent(ctx, 'AUTH_PASSWORD_VALIDATORS is not set: any password is accepted, "123" included', [
        { title: 'Add the default password validators', edits: [appendLines(m, m.root, [`AUTH_PASSWORD_VALIDATORS = ${lines[0]}`, ...lines.slice(1)])], isPreferred: true },
      ]);
      return;
    }
    const c = certain(m, 'AUTH_PASSWORD_VALIDATORS');
    if (!c || !isSeq(c.v) || c.v.items.length > 0) return;
    const py = m.unit.files.get(c.v.loc.file);
    const edits: FileEdit[] = py && !c.v.mutated ? [replaceAt(m, c.v.loc, lines.join(py.index.eol))] : [];
    reportAt(ctx, {
      loc: c.b.target,
      binding: c.b,
      message: 'AUTH_PASSWORD_VALIDATORS is empty: any password is accepted, "123" included',
      fixes: edits.length ? [{ title: 'Add the default password validators', edits, isPreferred: true }] : undefined,
    });
  },
};
