// SSH028: obsolete, removed or renamed options: Protocol 1, UsePrivilegeSeparation no and UseLogin
// yes where they still worked (error); deprecated or ignored options and old spellings (info).
import type { Rule } from '../../../engine/kind';
import { keywordInfo } from '../keywords';
import type { SshdModel } from '../model';
import { deleteLineFix, directiveRange, meta } from '../ruleutil';
import { versionAtLeast, versionText } from '../versions';

export const SSH028: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH028',
    title: 'Obsolete or deprecated option',
    severity: 'info',
    fix: 'yes',
    why: 'Legacy options either re-enable insecure modes on old servers (SSH protocol 1, no privilege separation, login(1)) or are silently ignored today, misleading whoever reads the file.',
    anchors: 'Lynis (Protocol, UsePrivilegeSeparation for old versions; user ask CISOfy/lynis#1306); baseline sshd-10, sshd-15, sshd-16; Mozilla (UsePrivilegeSeparation sandbox, UseLogin no); devsec-role template',
  }),
  check(ctx) {
    const model = ctx.model;
    const v = model.version;
    for (const f of model.files.values()) {
      for (const d of f.directives) {
        const info = keywordInfo(d.key);
        if (!info) continue;
        if (info.aliasOf) {
          const target = keywordInfo(info.aliasOf)!;
          ctx.report({
            message: `${d.keyword} is an old name of ${target.name}: it still works, but use the current name`,
            file: d.file,
            range: model.files.get(d.file)!.index.range(d.keywordStart, d.keywordEnd),
            fixes: [{ title: `Rename to ${target.name}`, isPreferred: true, edits: [{ file: d.file, range: f.index.range(d.keywordStart, d.keywordEnd), newText: target.name }] }],
          });
          continue;
        }
        if (info.status === 'active') continue;
        const value = d.args.map((a) => a.text).join(' ');
        const range = directiveRange(model, d);
        let severity: 'error' | 'info' = 'info';
        let message = `${info.name} is ${info.status === 'unsupported' ? 'not supported by this build' : info.status === 'ignored' ? 'ignored' : 'deprecated'} in ${versionText(v)}: the line has no effect`;
        if (info.option === 'protocol' && /1/.test(value) && !versionAtLeast(v, '7.4')) {
          severity = 'error';
          message = `Protocol ${value} enables the broken SSH protocol 1`;
        } else if (info.option === 'useprivilegeseparation' && value.toLowerCase() === 'no' && !versionAtLeast(v, '7.5')) {
          severity = 'error';
          message = 'UsePrivilegeSeparation no runs the network-facing code as root';
        } else if (info.option === 'uselogin' && value.toLowerCase() === 'yes' && !versionAtLeast(v, '7.4')) {
          severity = 'error';
          message = 'UseLogin yes hands sessions to login(1), which has a history of privilege escalation bugs';
        }
        ctx.report({ message, file: d.file, range, severity, fixes: [deleteLineFix(model, d, `Remove the ${info.name} line`)] });
      }
    }
  },
};
