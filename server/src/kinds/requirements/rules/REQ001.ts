// REQ001: a pinned requirement with known advisories (OSV), from the configured advisory source.
import { advisorySeverity, advisorySummary, SEVERITY_RANK, suggestFix, type Advisory } from '../../../advisories/osv';
import type { AdvisoryAnswer } from '../../../advisories/source';
import type { Rule } from '../../../engine/kind';
import type { Fix, Range } from '../../../engine/types';
import { pinOf, requirementHead } from '../helpers';
import type { UnitModel } from '../model';

const DETAILED = 3;

interface Verdict {
  /** Most severe first. */
  advisories: Advisory[];
  malicious: Advisory[];
  top: ReturnType<typeof advisorySeverity>['severity'];
  suggestion: ReturnType<typeof suggestFix>;
}

/**
 * What the advisories of an answer mean for a pin, memoised per answer object (sources that cache
 * their answers return the same object for the same package and version, so typing does not redo it).
 */
const verdicts = new WeakMap<AdvisoryAnswer, { key: string; version: string; verdict: Verdict }>();

function verdictOf(answer: Extract<AdvisoryAnswer, { state: 'ok' }>, key: string, version: string): Verdict {
  const hit = verdicts.get(answer);
  if (hit && hit.key === key && hit.version === version) return hit.verdict;
  const advisories = [...answer.advisories].sort(
    (a, b) => SEVERITY_RANK[advisorySeverity(b).severity] - SEVERITY_RANK[advisorySeverity(a).severity] || a.id.localeCompare(b.id),
  );
  const verdict: Verdict = {
    advisories,
    malicious: advisories.filter((a) => a.malicious),
    top: advisorySeverity(advisories[0]).severity,
    suggestion: suggestFix(key, version, advisories, answer.all),
  };
  verdicts.set(answer, { key, version, verdict });
  return verdict;
}

function describe(a: Advisory): string {
  const aliases = a.aliases.length ? ` (${a.aliases.join(', ')})` : '';
  let summary = advisorySummary(a);
  while (summary.endsWith('.')) summary = summary.slice(0, -1);
  return `${a.id}${aliases}${summary ? `: ${summary}` : ''}`;
}

export const REQ001: Rule<UnitModel> = {
  meta: {
    id: 'REQ001',
    kind: 'requirements',
    title: 'Requirement with known vulnerabilities',
    severity: 'warning',
    fix: 'yes',
    why: 'The pinned release has published advisories (PYSEC/GHSA/CVE, or an OSV MAL- record for malware): attackers know how to exploit it.',
    anchors: 'pip-audit; safety; Trivy; Dependabot alerts; Renovate vulnerabilityAlerts; OSV',
  },
  check({ model, report }) {
    const source = model.advisories;
    if (!source) return; // no advisory source configured: nothing is looked up, nothing is reported
    const unchecked = new Map<string, { reasons: Set<string>; count: number; range: Range }>();
    const noteUnchecked = (file: string, range: Range, reason: string) => {
      const u = unchecked.get(file) ?? { reasons: new Set<string>(), count: 0, range };
      u.reasons.add(reason);
      u.count++;
      unchecked.set(file, u);
    };
    for (const { file, entry } of model.requirements) {
      const req = entry.requirement;
      if (!req?.key) continue;
      const pin = pinOf(req);
      if (!pin) continue;
      const answer = source.lookup(req.key, pin.version);
      const head = requirementHead(req);
      if (answer.state === 'pending') continue; // the host fetches and re-analyses
      if (answer.state === 'unavailable') {
        noteUnchecked(file.file, head, answer.reason);
        continue;
      }
      for (const reason of answer.unavailable ?? []) noteUnchecked(file.file, head, reason);
      if (answer.advisories.length === 0) continue;

      const { advisories, malicious, top, suggestion } = verdictOf(answer, req.key, pin.version);
      const severity = malicious.length > 0 || top === 'critical' || top === 'high' ? 'error' : 'warning';

      const name = req.name ?? req.key;
      const subject = pin.exact ? `${name} ${pin.version}` : `${name}${pin.spec!.op}${pin.version} allows ${pin.version}, which`;
      const count = advisories.length === 1 ? 'a known vulnerability' : `${advisories.length} known vulnerabilities`;
      let message = malicious.length > 0 ? `Malware: ${malicious.map((a) => a.id).join(', ')} report${malicious.length === 1 ? 's' : ''} this package as malicious. ` : '';
      message += `${subject} has ${count}${top !== 'unknown' ? ` (highest severity: ${top})` : ''}: `;
      message += advisories.slice(0, DETAILED).map(describe).join('; ');
      if (advisories.length > DETAILED) message += `; and ${advisories.length - DETAILED} more: ${advisories.slice(DETAILED).map((a) => a.id).join(', ')}`;
      if (suggestion.version) {
        message += `. Lowest version without ${advisories.length === 1 ? 'it' : 'them'}: ${suggestion.version}`;
        if (suggestion.remaining.length) message += ` (still affected by ${suggestion.remaining.map((a) => a.id).join(', ')}, not fixed yet)`;
      } else if (suggestion.unfixed.length) {
        message += `. No fixed version is known for ${suggestion.unfixed.map((a) => a.id).join(', ')}`;
      }
      message += '.';

      const fixes: Fix[] = [];
      if (suggestion.version && pin.spec) {
        const fix: Fix = {
          title: `Upgrade ${name} to ${suggestion.version}`,
          edits: [{ file: file.file, range: pin.spec.versionRange, newText: suggestion.version }],
          isPreferred: true,
        };
        if (req.hashes.length > 0) {
          fix.caveat = `The --hash values on this line are for ${name} ${pin.version}: regenerate them for ${suggestion.version} (pip-compile --generate-hashes, or hashin), or pip will refuse to install it.`;
        }
        fixes.push(fix);
      }
      report({ file: file.file, range: head, message, severity, fixes: fixes.length ? fixes : undefined });
    }
    for (const [file, u] of unchecked) {
      report({
        file,
        range: u.range,
        severity: 'info',
        message: `Known vulnerabilities were not checked for ${u.count} pinned requirement${u.count === 1 ? '' : 's'} of this file: ${[...u.reasons].join('; ')}.`,
      });
    }
  },
};
