// SSH034: the same single-value keyword set more than once in one scope (the global section across
// the main file and its drop-ins, or one Match block), where sshd keeps the first value read (the
// last one for MaxStartups and a few others). Reported at the winning line, the ignored lines as
// related information. Severity (catalog §0): error when the winner is the less safe value, info
// when it is the safer one (dead configuration), warning when the values are not comparable.
import * as path from 'node:path';
import type { Rule } from '../../../engine/kind';
import type { Fix, RelatedLocation } from '../../../engine/types';
import { blockOptions, globalSettings, type Setting, type SshdModel } from '../model';
import { rank } from '../ranks';
import { deleteLineFix, directiveRange, insertWinningLineFix, meta, overridableFromMain, reportSetting } from '../ruleutil';

function shownValue(s: Setting): string {
  const f = s.d.args;
  return f.map((a) => a.text).join(' ');
}

function rawArgs(model: SshdModel, s: Setting): string {
  const f = model.files.get(s.d.file)!;
  return f.text.slice(s.d.args[0].start, s.d.args[s.d.args.length - 1].end);
}

function where(model: SshdModel, s: Setting): string {
  return `${path.basename(s.d.file)}:${s.d.line + 1}`;
}

function checkGroup(ctx: Parameters<Rule<SshdModel>['check']>[0], settings: Setting[]): void {
  const model = ctx.model;
  if (settings.length < 2) return;
  const info = settings[0].info;
  if (info.mult === 'accumulate' || info.status !== 'active' || info.type === 'include' || info.type === 'match') return;
  const winner = info.mult === 'last' ? settings[settings.length - 1] : settings[0];
  const key = (s: Setting) => s.parsed.items.join(' ');
  const shadowed = settings.filter((s) => s !== winner && key(s) !== key(winner));
  if (shadowed.length === 0) return;
  const v = model.version;
  const wr = rank(winner.option, winner.parsed.value, v);
  const ranks = shadowed.map((s) => rank(s.option, s.parsed.value, v));
  let severity: 'error' | 'warning' | 'info';
  if (wr === undefined || ranks.some((r) => r === undefined)) severity = 'warning';
  else if (ranks.some((r) => r! > wr)) severity = 'error';
  else if (ranks.every((r) => r! < wr)) severity = 'info';
  else severity = 'warning';
  const order = info.mult === 'last' ? 'last' : 'first';
  const related: RelatedLocation[] = shadowed.map((s) => ({
    file: s.d.file,
    range: directiveRange(model, s.d),
    message: `ignored: "${s.d.keyword} ${shownValue(s)}" (sshd uses the ${order} value it reads)`,
  }));
  const list = shadowed.map((s) => `"${s.d.keyword} ${shownValue(s)}" at ${where(model, s)}`).join(', ');
  const fixes: Fix[] = [];
  let message: string;
  const head = `${winner.d.keyword} ${shownValue(winner)} here wins: sshd uses the ${order} value it reads`;
  if (severity === 'error') {
    let safest = shadowed[0];
    ranks.forEach((r, i) => {
      if (r! > rank(safest.option, safest.parsed.value, v)!) safest = shadowed[i];
    });
    message = `${head}, so the safer ${list} ${shadowed.length > 1 ? 'are' : 'is'} ignored`;
    const value = rawArgs(model, safest);
    fixes.push({
      title: `Set ${winner.d.keyword} ${value} here (the value the ignored line intended)`,
      isPreferred: true,
      edits: [{ file: winner.d.file, range: model.files.get(winner.d.file)!.index.range(winner.d.args[0].start, winner.d.args[winner.d.args.length - 1].end), newText: value }],
    });
    if (overridableFromMain(model, winner)) {
      fixes.push(insertWinningLineFix(model, `${info.name} ${value}`, `Add "${info.name} ${value}" to sshd_config before the Include, so it wins`, false));
    }
  } else {
    message =
      severity === 'info'
        ? `${head}; ${list} ${shadowed.length > 1 ? 'are' : 'is'} dead configuration`
        : `${head}; ${list} ${shadowed.length > 1 ? 'are' : 'is'} ignored`;
    const edits = shadowed.flatMap((s) => deleteLineFix(model, s.d, '').edits);
    fixes.push({ title: `Remove the ignored ${info.name} line${shadowed.length > 1 ? 's' : ''}`, isPreferred: severity === 'info', edits });
  }
  reportSetting(ctx, winner, message, { severity, fixes, related });
}

export const SSH034: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH034',
    title: 'Conflicting values: an earlier line wins',
    severity: 'error',
    fix: 'yes',
    why: 'sshd keeps the first value it reads, so a drop-in read before the main file (cloud-init\'s 50-cloud-init.conf) silently overrides the hardening written below it; servers have been compromised this way.',
    anchors: 'none (hetzneronline/community-content#1177, geerlingguy/ansible-role-security#117, canonical/cloud-init#5934, cfengine/buildscripts#2136, linagora/open-bastion#124)',
  }),
  check(ctx) {
    const model = ctx.model;
    for (const option of new Set(model.settings.map((s) => s.option))) checkGroup(ctx, globalSettings(model, option));
    const seen = new Set<string>();
    for (const b of model.blocks) {
      if (b.initialActive) continue;
      const id = `${b.directive.file}:${b.directive.line}`;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const settings of blockOptions(model, b).values()) checkGroup(ctx, settings);
    }
  },
};
