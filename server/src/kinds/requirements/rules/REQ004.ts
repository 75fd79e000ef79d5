// REQ004: hash checking. pip's hash-checking mode is all-or-nothing for one install: once any
// requirement has --hash (or --require-hashes is given), every requirement needs a hash and an ==
// pin, and editable, VCS and folder requirements cannot be installed at all.
// The "production file without any --hash" part is opt-in: it reports only when REQ004 is set
// explicitly in the project config (e.g. "REQ004": "on").
import { ruleSettingFor } from '../../../engine/config';
import type { Rule } from '../../../engine/kind';
import type { RelatedLocation } from '../../../engine/types';
import { exactSpec, requirementHead } from '../helpers';
import type { UnitModel } from '../model';

export const REQ004: Rule<UnitModel> = {
  meta: {
    id: 'REQ004',
    kind: 'requirements',
    title: 'Missing or partial --hash pinning',
    severity: 'error',
    fix: 'no',
    why: 'Hashes protect against a tampered download. pip applies them to the whole install or not at all: a partly hashed file makes pip refuse to install, and an unhashed file downloads whatever the index serves.',
    anchors: 'pip hash-checking mode docs; pip-audit --require-hashes (#172)',
  },
  check({ model, report }) {
    const installs = model.requirements.filter((r) => !r.constraint && !r.file.input);
    let trigger: RelatedLocation | undefined;
    for (const r of installs) {
      const req = r.entry.requirement!;
      if (req.hashes.length > 0) {
        trigger = { file: r.file.file, range: req.hashes[0].range, message: 'this --hash turns on hash-checking mode for the whole install' };
        break;
      }
    }
    if (!trigger) {
      for (const f of model.files) {
        const e = f.parsed.entries.find((x) => x.kind === 'options' && x.options.some((o) => o.name === '--require-hashes'));
        if (e && !f.input) {
          trigger = { file: f.file, range: e.options.find((o) => o.name === '--require-hashes')!.range, message: '--require-hashes turns on hash-checking mode' };
          break;
        }
      }
    }

    if (trigger) {
      for (const { file, entry } of installs) {
        const req = entry.requirement!;
        const name = req.name ?? req.text;
        const related = [trigger];
        const urlHash = (req.url?.parts?.hashes.length ?? 0) > 0;
        if (req.editable) {
          report({ file: file.file, range: req.range, related, message: `pip refuses the editable requirement ${name} in hash-checking mode: editable installs cannot be hashed; install it in a separate step or drop the hashes` });
        } else if (req.url?.parts?.vcs) {
          report({ file: file.file, range: req.range, related, message: `pip refuses the VCS requirement ${name} in hash-checking mode: a repository checkout cannot be hashed; point at a built archive with --hash instead` });
        } else if (req.form === 'path' && !/\.(whl|zip|tar|tgz|tbz|txz|tlz|gz|bz2|xz|lz|lzma)$/i.test(req.url?.text ?? '')) {
          report({ file: file.file, range: req.range, related, message: `pip refuses the local folder ${req.text} in hash-checking mode: a folder cannot be hashed` });
        } else if (req.hashes.length === 0 && !urlHash) {
          report({ file: file.file, range: requirementHead(req), related, message: `${name} has no --hash, but hash-checking mode is on: pip refuses the whole install ("Hashes are required in --require-hashes mode"). Add its hashes (pip-compile --generate-hashes)` });
        } else if (req.form === 'name' && !req.url && !req.invalid && !exactSpec(req)) {
          report({ file: file.file, range: requirementHead(req), related, message: `${name} is not pinned with ==, which hash-checking mode requires: pip refuses it ("all requirements must have their versions pinned with ==")` });
        }
      }
      return;
    }

    // Opt-in part: a production file with requirements and no hash at all.
    const root = model.files[0];
    if (!root || root.role !== 'production' || root.input) return;
    const setting = ruleSettingFor(model.config, 'REQ004', model.wsRoot ? root.rel : undefined);
    if (setting === undefined || setting === 'off') return;
    const first = installs.find((r) => r.file === root);
    if (!first) return;
    report({
      file: root.file,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: root.parsed.index.lineText(0).length } },
      severity: setting === 'on' ? 'info' : undefined,
      message: `${root.rel} installs packages without --hash: a tampered or substituted download is installed unnoticed. Generate hashes with pip-compile --generate-hashes (or hashin)`,
    });
  },
};
