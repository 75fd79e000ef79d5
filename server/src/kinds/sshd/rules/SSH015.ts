// SSH015: the moduli file (ModuliFile, default /etc/ssh/moduli), when it is in the workspace, holds
// Diffie-Hellman groups shorter than 3072 bits while group-exchange key exchange is enabled.
import type { Rule } from '../../../engine/kind';
import { resolveAlgorithms } from '../crypto';
import { globalWinner, mapIncludePath, type SshdModel } from '../model';
import { directiveRange, fileStartRange, meta } from '../ruleutil';

/** Field 5 of a moduli line is the size in bits minus one (2047 for a 2048-bit group). */
const MIN_SIZE_FIELD = 3071;

export const SSH015: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH015',
    title: 'Short Diffie-Hellman groups in the moduli file',
    severity: 'info',
    fix: 'yes',
    why: 'diffie-hellman-group-exchange picks its prime from the moduli file; primes shorter than 3072 bits are within reach of well-funded attackers (Logjam-style precomputation).',
    anchors: 'baseline sshd-48; devsec-role sshd_moduli_minimum: 2048; Mozilla (moduli ≥3072); ssh-audit GEX modulus test',
  }),
  check(ctx) {
    const model = ctx.model;
    const kex = globalWinner(model, 'kexalgorithms');
    const { effective } = resolveAlgorithms('kexalgorithms', kex?.parsed.value, model.version);
    if (!effective.some((n) => n.startsWith('diffie-hellman-group-exchange-'))) return;
    const moduliSetting = globalWinner(model, 'modulifile');
    if (!moduliSetting && !model.complete) return;
    const moduliPath = moduliSetting?.parsed.value ?? '/etc/ssh/moduli';
    const mapped = mapIncludePath(moduliPath, model.sshDir);
    if (!mapped) return;
    const text = model.readText(mapped);
    if (text === undefined) return;
    const lines = text.split('\n');
    let weak = 0;
    let smallest = Infinity;
    const kept = lines.filter((line) => {
      const fields = line.trim().split(/\s+/);
      if (line.trimStart().startsWith('#') || fields.length < 7) return true;
      const size = Number(fields[4]);
      if (!Number.isFinite(size) || size >= MIN_SIZE_FIELD) return true;
      weak++;
      smallest = Math.min(smallest, size + 1);
      return false;
    });
    if (weak === 0) return;
    const at = moduliSetting ?? kex;
    ctx.report({
      message: `${moduliPath} has ${weak} Diffie-Hellman group${weak > 1 ? 's' : ''} shorter than 3072 bits (down to ${smallest}) while diffie-hellman-group-exchange is enabled`,
      file: at ? at.d.file : model.root,
      range: at ? directiveRange(model, at.d) : fileStartRange(model),
      fixes: [
        {
          title: `Remove the ${weak} short groups from ${moduliPath} (awk '$5 >= 3071')`,
          isPreferred: true,
          edits: [{ file: mapped, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }, newText: kept.join('\n') }],
        },
      ],
    });
  },
};
