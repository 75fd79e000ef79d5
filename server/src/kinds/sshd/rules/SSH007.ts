// SSH007: user-controlled environment: PermitUserEnvironment yes (or a pattern), AcceptEnv patterns
// that let a client set variables such as LD_PRELOAD, PATH or BASH_ENV.
import type { Rule } from '../../../engine/kind';
import type { Fix } from '../../../engine/types';
import type { Setting, SshdModel } from '../model';
import { matchPattern } from '../patterns';
import { checkExplicit, deleteLineFix, meta, reportSetting, scopes } from '../ruleutil';

const DANGEROUS = ['LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_AUDIT', 'PATH', 'BASH_ENV', 'ENV', 'PYTHONPATH', 'PYTHONSTARTUP', 'PYTHONHOME', 'PERL5OPT', 'NODE_OPTIONS'];
const DANGEROUS_PATTERNS = ['*', 'LD_*', 'PYTHON*'];

function dangerous(pattern: string): boolean {
  if (DANGEROUS_PATTERNS.includes(pattern)) return true;
  return DANGEROUS.some((name) => matchPattern(name, pattern));
}

/** Removes the dangerous tokens of an AcceptEnv line (the whole line when none is left). */
function trimFix(model: SshdModel, s: Setting, bad: number[]): Fix {
  if (bad.length === s.d.args.length) return deleteLineFix(model, s.d, 'Remove this AcceptEnv line');
  const f = model.files.get(s.d.file)!;
  const edits = bad.map((i) => {
    const t = s.d.args[i];
    const start = i === 0 ? t.start : s.d.args[i - 1].end;
    const end = i === 0 ? s.d.args[1].start : t.end;
    return { file: s.d.file, range: f.index.range(start, end), newText: '' };
  });
  return { title: `Remove ${bad.map((i) => s.d.args[i].text).join(', ')} from AcceptEnv`, isPreferred: true, edits };
}

export const SSH007: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH007',
    title: 'Users can inject environment variables',
    severity: 'warning',
    fix: 'yes',
    why: 'Variables such as LD_PRELOAD, PATH or BASH_ENV set by the client or by ~/.ssh/environment run attacker code inside forced commands and restricted shells.',
    anchors: 'Lynis (PermitUserEnvironment); baseline sshd-17; CIS "PermitUserEnvironment disabled"; devsec-role ssh_server_permit_environment_vars: "no"',
  }),
  check(ctx) {
    checkExplicit(
      ctx,
      'permituserenvironment',
      (v) => (v === 'no' ? undefined : `PermitUserEnvironment ${v}: users can set environment variables (LD_PRELOAD…) through ~/.ssh/environment and authorized_keys`),
      'no',
    );
    for (const scope of scopes(ctx.model)) {
      for (const s of scope.all('acceptenv')) {
        const bad = s.d.args.map((a, i) => (dangerous(a.text) ? i : -1)).filter((i) => i >= 0);
        if (bad.length === 0) continue;
        reportSetting(ctx, s, `AcceptEnv ${bad.map((i) => s.d.args[i].text).join(' ')} lets clients set variables such as LD_PRELOAD, PATH or BASH_ENV`, {
          fixes: [trimFix(ctx.model, s, bad)],
        });
      }
    }
  },
};
