// SSH026: too little logging: LogLevel QUIET/FATAL/ERROR, SyslogFacility other than AUTH/AUTHPRIV,
// an sftp subsystem that does not log file access (-l INFO).
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { checkExplicit, meta, reportSetting, scopes } from '../ruleutil';

export const SSH026: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH026',
    title: 'Insufficient logging',
    severity: 'warning',
    fix: 'yes',
    why: 'Below INFO sshd does not log logins at all, and only VERBOSE logs which key was used; logs in a non-auth facility are missed by the usual retention and alerting.',
    anchors: 'Lynis (LogLevel: VERBOSE good, INFO reasonable); baseline sshd-12, sshd-13; Mozilla (LogLevel VERBOSE, sftp -f AUTHPRIV -l INFO); devsec-role sshd_log_level: VERBOSE, sshd_syslog_facility: AUTH; CIS "LogLevel appropriate"',
  }),
  check(ctx) {
    const model = ctx.model;
    checkExplicit(ctx, 'loglevel', (v) => (['QUIET', 'FATAL', 'ERROR'].includes(v) ? `LogLevel ${v}: successful and failed logins are not logged` : undefined), 'VERBOSE');
    checkExplicit(ctx, 'syslogfacility', (v) => (v === 'AUTH' || v === 'AUTHPRIV' ? undefined : `SyslogFacility ${v}: login records go outside the auth log`), 'AUTH');
    for (const scope of scopes(model)) {
      for (const s of scope.all('subsystem')) {
        const [name, ...cmd] = s.parsed.items;
        if (name !== 'sftp') continue;
        if (cmd.some((a) => a === '-l' || a.startsWith('-l'))) continue;
        const f = model.files.get(s.d.file)!;
        const end = s.d.args[s.d.args.length - 1].end;
        reportSetting(ctx, s, 'Subsystem sftp does not log file access: add "-f AUTHPRIV -l INFO"', {
          severity: 'info',
          fixes: [{ title: 'Log sftp file access (-f AUTHPRIV -l INFO)', isPreferred: true, edits: [{ file: s.d.file, range: f.index.range(end, end), newText: ' -f AUTHPRIV -l INFO' }] }],
        });
      }
    }
  },
};
