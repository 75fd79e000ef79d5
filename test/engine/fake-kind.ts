// A tiny kind for engine tests: every line `bad <word>` is a finding of rule TST001 (a fake rule
// id registered for tests only); files named *.fake are claimed; `include <file>` pulls another file
// into the unit so that cross-file dependencies can be tested.
import * as path from 'node:path';
import type { Comment, Finding, Kind, KindContext, UnitAnalysis } from '../../server/src/engine';
import { LineIndex } from '../../server/src/engine';

function comments(text: string): Comment[] {
  const out: Comment[] = [];
  const index = new LineIndex(text);
  for (let line = 0; line < index.lineCount; line++) {
    const t = index.lineText(line);
    const i = t.indexOf('#');
    if (i >= 0) out.push({ line, character: i, text: t.slice(i + 1), wholeLine: t.slice(0, i).trim() === '' });
  }
  return out;
}

export const fakeKind: Kind = {
  id: 'sshd',
  title: 'fake',
  languageIds: ['fake'],
  rules: [
    { id: 'SSH990', kind: 'sshd', title: 'Bad word', severity: 'warning', fix: 'yes', why: 'test' },
    { id: 'SSH991', kind: 'sshd', title: 'Opt-in bad word', severity: 'info', fix: 'no', why: 'test', optIn: true },
  ],
  claims: (rel) => rel.endsWith('.fake'),
  unitsFor(file: string, ctx: KindContext): string[] {
    // A file named part-*.fake belongs to the unit of main.fake in the same folder, if any.
    if (path.basename(file).startsWith('part-')) {
      const main = path.join(path.dirname(file), 'main.fake');
      if (ctx.ws.read(main).ok) return [main];
    }
    return [file];
  },
  analyze(unitRoot: string, ctx: KindContext): UnitAnalysis {
    const findings: Finding[] = [];
    const allComments = new Map<string, Comment[]>();
    const visit = (file: string, depth: number) => {
      const r = ctx.ws.read(file);
      if (!r.ok || depth > 5) return;
      allComments.set(file, comments(r.text));
      const index = new LineIndex(r.text);
      for (let line = 0; line < index.lineCount; line++) {
        const t = index.lineText(line).replace(/#.*/, '');
        const m = /^(bad|worse) (\w+)/.exec(t);
        if (m) {
          findings.push({
            ruleId: m[1] === 'bad' ? 'SSH990' : 'SSH991',
            severity: m[1] === 'bad' ? 'warning' : 'info',
            message: `bad word ${m[2]}`,
            file,
            range: index.range(index.lineStarts[line], index.lineStarts[line] + m[0].length),
            fixes: [{ title: 'Make it good', edits: [{ file, range: index.range(index.lineStarts[line], index.lineStarts[line] + m[1].length), newText: 'good' }] }],
          });
        }
        const inc = /^include (\S+)/.exec(t);
        if (inc) visit(path.join(path.dirname(file), inc[1]), depth + 1);
      }
    };
    visit(unitRoot, 0);
    return { findings, comments: allComments };
  },
  comments,
};
