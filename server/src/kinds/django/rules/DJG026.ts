// DJG026: weak password hashers first in PASSWORD_HASHERS.
import type { Rule } from '../../../engine/kind';
import { certain, insertIntoList, reportAt, type DjangoModel } from '../model';
import { isSeq } from '../values';
import { meta } from './common';

export const WEAK_HASHERS = new Set(['MD5PasswordHasher', 'UnsaltedMD5PasswordHasher', 'UnsaltedSHA1PasswordHasher', 'SHA1PasswordHasher', 'CryptPasswordHasher']);
const PBKDF2 = 'django.contrib.auth.hashers.PBKDF2PasswordHasher';

export const DJG026: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG026',
    title: 'Weak password hasher',
    severity: 'error',
    fix: 'yes',
    why: 'The first hasher stores every new password; MD5, SHA1 and crypt hashes are cracked by the billion per second once the database leaks.',
  }),
  check(ctx) {
    const m = ctx.model;
    const c = certain(m, 'PASSWORD_HASHERS');
    if (!c || !isSeq(c.v)) return;
    c.v.items.forEach((item, i) => {
      if (item.t !== 'str') return;
      const cls = item.v.split('.').pop()!;
      if (!WEAK_HASHERS.has(cls)) return;
      if (i === 0) {
        const edit = insertIntoList(m, c.v, 0, PBKDF2);
        reportAt(ctx, {
          loc: item.loc,
          binding: c.b,
          message: `PASSWORD_HASHERS starts with ${cls}: every new or changed password is stored with a fast, crackable hash`,
          fixes: edit ? [{ title: 'Put PBKDF2PasswordHasher first (weak hashes are upgraded at next login)', edits: [edit], isPreferred: true }] : undefined,
        });
      } else {
        reportAt(ctx, { loc: item.loc, binding: c.b, severity: 'info', message: `PASSWORD_HASHERS still accepts ${cls}: fine while old hashes are migrated, remove it afterwards` });
      }
    });
  },
};
