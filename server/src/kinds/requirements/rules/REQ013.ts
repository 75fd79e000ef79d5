// REQ013: a release series past its end of life, or an abandoned package. Yanked releases need the
// package index and are not checked (DeployGuard reads no network by default).
import { compareVersions, parseVersion } from '../../../advisories/version';
import type { Rule } from '../../../engine/kind';
import { pinOf, requirementHead } from '../helpers';
import type { UnitModel } from '../model';

/** Django release series and the end of their security support (djangoproject.com/download). */
export const DJANGO_EOL: [series: string, eol: string, lts: boolean][] = [
  ['1.11', '2020-04-01', true],
  ['2.0', '2019-04-01', false],
  ['2.1', '2019-12-02', false],
  ['2.2', '2022-04-11', true],
  ['3.0', '2021-04-06', false],
  ['3.1', '2021-12-07', false],
  ['3.2', '2024-04-02', true],
  ['4.0', '2023-04-01', false],
  ['4.1', '2023-12-04', false],
  ['4.2', '2026-04-30', true],
  ['5.0', '2025-04-02', false],
  ['5.1', '2025-12-31', false],
  ['5.2', '2028-04-30', true],
  ['6.0', '2027-04-30', false],
];

/** Packages abandoned upstream, with what to use instead. */
const ABANDONED = new Map<string, string>([
  ['pycrypto', 'pycrypto has had no release since 2013 and has known, unfixed vulnerabilities (CVE-2013-7459, CVE-2018-6594); use pycryptodome'],
]);

/** End-of-life date of the Django series of a version ('' when the series is older than the table), or undefined while supported or unknown. */
export function djangoEol(version: string, now: number): { series: string; eol: string } | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  const series = `${v.release[0]}.${v.release[1] ?? 0}`;
  const row = DJANGO_EOL.find(([s]) => s === series);
  if (row) return Date.parse(row[1]) <= now ? { series, eol: row[1] } : undefined;
  const oldest = parseVersion(DJANGO_EOL[0][0])!;
  if (compareVersions(v, oldest) < 0) return { series, eol: '' };
  return undefined;
}

export const REQ013: Rule<UnitModel> = {
  meta: {
    id: 'REQ013',
    kind: 'requirements',
    title: 'Release series past end of life or abandoned package',
    severity: 'warning',
    fix: 'partial',
    why: 'Security fixes stop at end of life: vulnerabilities found later stay open in the version you run.',
  },
  check({ model, report }) {
    const now = Date.now();
    const supportedLts = DJANGO_EOL.filter(([, eol, lts]) => lts && Date.parse(eol) > now).map(([s]) => s);
    for (const { file, entry } of model.requirements) {
      const req = entry.requirement!;
      if (!req.key || file.role === 'development') continue;
      const abandoned = ABANDONED.get(req.key);
      if (abandoned) {
        report({ file: file.file, range: req.nameRange ?? requirementHead(req), message: abandoned });
        continue;
      }
      if (req.key !== 'django') continue;
      // The series must be fixed: an exact pin, or ~=X.Y.Z (which stays within X.Y).
      const pin = pinOf(req);
      if (!pin) continue;
      if (!pin.exact && !(pin.spec?.op === '~=' && (parseVersion(pin.version)?.release.length ?? 0) >= 3)) continue;
      const eol = djangoEol(pin.version, now);
      if (!eol) continue;
      const ended = eol.eol ? `reached end of life on ${eol.eol}` : 'is long past its end of life';
      const advice = supportedLts.length ? `upgrade to a supported series (${supportedLts.join(' or ')} LTS)` : 'upgrade to a supported series';
      report({
        file: file.file,
        range: requirementHead(req),
        message: `Django ${eol.series} ${ended}: it gets no security fixes any more; ${advice}`,
      });
    }
  },
};
