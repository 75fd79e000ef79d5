// OSV records (https://ossf.github.io/osv-schema/) for PyPI, and matching a package version against
// them exactly as OSV does: PEP 503 names; a version is affected when it equals an entry of
// `versions[]` (PEP 440 equality) or falls inside an ECOSYSTEM range, whose events are sorted by
// PEP 440 and walked (`introduced` on, `fixed` off when reached, `last_affected` off when passed).
// GIT ranges need the repository and are ignored; a bound that is not PEP 440 is skipped, as
// OSV.dev does. Nothing here throws on malformed data.
import { cvss3BaseScore, cvss4IsHigh } from './cvss';
import { compareVersions, finalRelease, parseVersion, type Version } from './version';

export type AdvisorySeverity = 'critical' | 'high' | 'medium' | 'low' | 'unknown';

interface RawEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
}

/** One `affected[]` entry for a PyPI package, as kept in memory. */
export interface AffectedPackage {
  /** PEP 503-normalised package name. */
  name: string;
  /** Events of each ECOSYSTEM range, as written. */
  ranges: RawEvent[][];
  /** `versions[]` as written. */
  versions: string[];
}

/** What DeployGuard keeps of an OSV record (the long `details` text is cut short). */
export interface Advisory {
  id: string;
  aliases: string[];
  /** `summary` as written ('' when the record has none; see advisorySummary). */
  summary: string;
  /** The start of `details`. */
  details: string;
  modified?: string;
  /** CVSS vectors of `severity[]`. */
  cvss: { type: string; vector: string }[];
  /** `database_specific.severity` (GitHub records: LOW / MODERATE / HIGH / CRITICAL). */
  ratedSeverity?: string;
  /** OSV `MAL-` records: the package itself is malware. */
  malicious: boolean;
  /** Advisory page. */
  url: string;
  affected: AffectedPackage[];
}

/** PEP 503 normalisation: `Flask_Cors` → `flask-cors`, `jw.util` → `jw-util`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const obj = (x: unknown): Record<string, unknown> | undefined => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined);

const DETAILS_KEPT = 1200;
const summaries = new WeakMap<Advisory, string>();

/**
 * One line describing the advisory: its `summary`, else the first informative sentence of
 * `details` (a leading "Flask is a lightweight WSGI web application framework." is skipped).
 */
export function advisorySummary(adv: Advisory): string {
  if (adv.summary.trim()) return adv.summary.trim();
  const hit = summaries.get(adv);
  if (hit !== undefined) return hit;
  const para = (adv.details.split(/\n[ \t]*\n/, 1)[0] ?? '').replace(/\s+/g, ' ').trim();
  const sentences = para.split(/(?<=[.!?]) (?=[A-Z`"'(])/);
  const informative = sentences.find((s) => !/^[\w .-]{1,40} (is|are) (a|an|the) /.test(s)) ?? sentences[0] ?? '';
  const out = informative.length > 200 ? `${informative.slice(0, 197)}…` : informative;
  summaries.set(adv, out);
  return out;
}

export const SEVERITY_RANK: Record<AdvisorySeverity, number> = { unknown: 0, low: 1, medium: 2, high: 3, critical: 4 };
const severities = new WeakMap<Advisory, { severity: AdvisorySeverity; score?: number }>();

/** Severity from the CVSS vectors (v3 computed exactly, v4 ranked by impact), else the record's own rating. */
export function advisorySeverity(adv: Advisory): { severity: AdvisorySeverity; score?: number } {
  const hit = severities.get(adv);
  if (hit) return hit;
  let best: { severity: AdvisorySeverity; score?: number } = { severity: adv.malicious ? 'critical' : 'unknown' };
  const consider = (c: { severity: AdvisorySeverity; score?: number }) => {
    if (SEVERITY_RANK[c.severity] > SEVERITY_RANK[best.severity]) best = c;
  };
  for (const { type, vector } of adv.cvss) {
    if (type === 'CVSS_V3') {
      const score = cvss3BaseScore(vector);
      if (score === undefined) continue;
      consider({ severity: score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : score > 0 ? 'low' : 'unknown', score });
    } else if (type === 'CVSS_V4') {
      const high = cvss4IsHigh(vector);
      if (high !== undefined) consider({ severity: high ? 'high' : 'medium' });
    }
  }
  if (best.severity === 'unknown') {
    const rated = adv.ratedSeverity?.toUpperCase();
    if (rated === 'CRITICAL') best = { severity: 'critical' };
    else if (rated === 'HIGH') best = { severity: 'high' };
    else if (rated === 'MODERATE' || rated === 'MEDIUM') best = { severity: 'medium' };
    else if (rated === 'LOW') best = { severity: 'low' };
  }
  severities.set(adv, best);
  return best;
}

/**
 * Keeps what matching and messages need from a parsed OSV record (its PyPI entries, ids, texts,
 * severity vectors). Returns undefined for something that is not a usable record or is withdrawn.
 */
export function trimRecord(json: unknown): Advisory | undefined {
  const rec = obj(json);
  const id = str(rec?.id);
  if (!rec || !id) return undefined;
  if (rec.withdrawn) return undefined;
  const affected: AffectedPackage[] = [];
  for (const a of arr(rec.affected)) {
    const ao = obj(a);
    const pkg = obj(ao?.package);
    const name = str(pkg?.name);
    const eco = str(pkg?.ecosystem);
    if (!ao || !name || !eco || !/^pypi(:|$)/i.test(eco)) continue;
    const ranges: RawEvent[][] = [];
    for (const r of arr(ao.ranges)) {
      const ro = obj(r);
      if (!ro || ro.type !== 'ECOSYSTEM') continue; // GIT (commit hashes) and SEMVER do not apply to PyPI versions
      const events: RawEvent[] = [];
      for (const e of arr(ro.events)) {
        const eo = obj(e);
        if (!eo) continue;
        if (typeof eo.introduced === 'string') events.push({ introduced: eo.introduced });
        else if (typeof eo.fixed === 'string') events.push({ fixed: eo.fixed });
        else if (typeof eo.last_affected === 'string') events.push({ last_affected: eo.last_affected });
      }
      ranges.push(events);
    }
    const versions = arr(ao.versions).filter((v): v is string => typeof v === 'string');
    affected.push({ name: normalizeName(name), ranges, versions });
  }
  if (affected.length === 0) return undefined;
  let url: string | undefined;
  for (const r of arr(rec.references)) {
    const ro = obj(r);
    if (ro?.type === 'ADVISORY' && typeof ro.url === 'string') {
      url = ro.url;
      break;
    }
  }
  const cvss: { type: string; vector: string }[] = [];
  for (const s of arr(rec.severity)) {
    const so = obj(s);
    if (so && typeof so.type === 'string' && typeof so.score === 'string') cvss.push({ type: so.type, vector: so.score });
  }
  return {
    id,
    aliases: arr(rec.aliases).filter((x): x is string => typeof x === 'string'),
    summary: str(rec.summary) ?? '',
    details: (str(rec.details) ?? '').slice(0, DETAILS_KEPT),
    modified: str(rec.modified),
    cvss,
    ratedSeverity: str(obj(rec.database_specific)?.severity),
    malicious: id.startsWith('MAL-'),
    url: url ?? `https://osv.dev/vulnerability/${encodeURIComponent(id)}`,
    affected,
  };
}

// ---- matching -------------------------------------------------------------------------------

interface SortedEvent {
  kind: 'introduced' | 'fixed' | 'last_affected';
  /** undefined for `introduced: "0"` (before every version). */
  v?: Version;
}

interface Prepared {
  versionKeys: Set<string>;
  rawVersions: Set<string>;
  ranges: SortedEvent[][];
}

const prepared = new WeakMap<AffectedPackage, Prepared>();

function prepare(a: AffectedPackage): Prepared {
  let p = prepared.get(a);
  if (p) return p;
  const versionKeys = new Set<string>();
  const rawVersions = new Set<string>();
  for (const s of a.versions) {
    const v = parseVersion(s);
    if (v) versionKeys.add(v.canonical);
    else rawVersions.add(s.trim().toLowerCase());
  }
  const ranges: SortedEvent[][] = [];
  for (const events of a.ranges) {
    const out: SortedEvent[] = [];
    for (const e of events) {
      if (e.introduced !== undefined) {
        if (e.introduced === '0') out.push({ kind: 'introduced' });
        else {
          const v = parseVersion(e.introduced);
          if (v) out.push({ kind: 'introduced', v });
        }
      } else if (e.fixed !== undefined) {
        const v = parseVersion(e.fixed);
        if (v) out.push({ kind: 'fixed', v });
      } else if (e.last_affected !== undefined) {
        const v = parseVersion(e.last_affected);
        if (v) out.push({ kind: 'last_affected', v });
      }
    }
    // Stable sort: ties (PYSEC-2024-258's `fixed: 2.0.0` / `introduced: 2.0.0`) keep their written order.
    out.sort((x, y) => (x.v === undefined ? (y.v === undefined ? 0 : -1) : y.v === undefined ? 1 : compareVersions(x.v, y.v)));
    ranges.push(out);
  }
  p = { versionKeys, rawVersions, ranges };
  prepared.set(a, p);
  return p;
}

/** OSV schema "Evaluation" for one ECOSYSTEM range. */
function inRange(v: Version, events: SortedEvent[]): boolean {
  let affected = false;
  for (const e of events) {
    if (e.kind === 'introduced') {
      if (e.v === undefined || compareVersions(v, e.v) >= 0) affected = true;
    } else if (e.kind === 'fixed') {
      if (compareVersions(v, e.v!) >= 0) affected = false;
    } else if (compareVersions(v, e.v!) > 0) {
      affected = false;
    }
  }
  return affected;
}

function entryAffects(a: AffectedPackage, version: string): boolean {
  const p = prepare(a);
  const v = parseVersion(version);
  if (!v) return p.rawVersions.has(version.trim().toLowerCase());
  if (p.versionKeys.has(v.canonical)) return true;
  return p.ranges.some((r) => inRange(v, r));
}

/** Does the advisory affect `name==version`? `name` in any spelling (it is normalised here). */
export function affects(adv: Advisory, name: string, version: string): boolean {
  const n = normalizeName(name);
  return adv.affected.some((a) => a.name === n && entryAffects(a, version));
}

/** The lowest `fixed` bound above `version` in the advisory's ranges for the package, if any. */
export function lowestFixAbove(adv: Advisory, name: string, version: Version): Version | undefined {
  const n = normalizeName(name);
  let best: Version | undefined;
  for (const a of adv.affected) {
    if (a.name !== n) continue;
    for (const r of prepare(a).ranges) {
      for (const e of r) {
        if (e.kind !== 'fixed' || !e.v) continue;
        if (compareVersions(e.v, version) <= 0) continue;
        if (!best || compareVersions(e.v, best) < 0) best = e.v;
      }
    }
  }
  return best;
}

export interface FixSuggestion {
  /** Lowest version above the pin that none of the matched advisories affects (and, when the whole
   * package history is known, no other known advisory either). */
  version?: string;
  /** Matched advisories that name no fixed version above the pin. */
  unfixed: Advisory[];
  /** Advisories that still affect `version` and have no fix above it. */
  remaining: Advisory[];
}

/**
 * The version to bump to: for each matched advisory its lowest fixed version above the pin, the
 * highest of those; a pre-release fix is replaced by its final release. When `all` (every advisory
 * of the package) is given, the candidate is re-checked against all of them and moved past any that
 * still affects it.
 */
export function suggestFix(name: string, pin: string, matched: Advisory[], all?: Advisory[]): FixSuggestion {
  const pinV = parseVersion(pin);
  if (!pinV) return { unfixed: matched, remaining: [] };
  const unfixed: Advisory[] = [];
  let candidate: Version | undefined;
  for (const adv of matched) {
    const fix = lowestFixAbove(adv, name, pinV);
    if (!fix) unfixed.push(adv);
    else if (!candidate || compareVersions(fix, candidate) > 0) candidate = fix;
  }
  if (!candidate || unfixed.length > 0) return { unfixed, remaining: [] };
  const pool = all ?? matched;
  for (let round = 0; round < 50; round++) {
    const asFinal = parseVersion(finalRelease(candidate));
    if (asFinal && compareVersions(asFinal, candidate) > 0) candidate = asFinal;
    const hits = pool.filter((a) => affects(a, name, candidate!.raw));
    if (hits.length === 0) return { version: candidate.raw, unfixed: [], remaining: [] };
    let next: Version | undefined;
    const stuck: Advisory[] = [];
    for (const h of hits) {
      const fix = lowestFixAbove(h, name, candidate);
      if (!fix) stuck.push(h);
      else if (!next || compareVersions(fix, next) > 0) next = fix;
    }
    if (stuck.length > 0 || !next) return { version: candidate.raw, unfixed: [], remaining: stuck.length ? stuck : hits };
    candidate = next;
  }
  return { version: candidate.raw, unfixed: [], remaining: [] };
}

/**
 * Merges advisory lists from several sources: records that name each other (id in the other's
 * aliases) or share an alias are one advisory; the first one seen keeps its id, aliases are unioned.
 */
export function mergeAdvisories(lists: Advisory[][]): Advisory[] {
  const out: Advisory[] = [];
  const byName = new Map<string, Advisory>();
  for (const list of lists) {
    for (const adv of list) {
      const names = [adv.id, ...adv.aliases];
      const existing = names.map((n) => byName.get(n)).find(Boolean);
      if (existing) {
        const merged = new Set([...existing.aliases, ...names]);
        merged.delete(existing.id);
        existing.aliases = [...merged];
        if (!existing.summary && adv.summary) existing.summary = adv.summary;
        if (!existing.details && adv.details) existing.details = adv.details;
        existing.cvss = [...existing.cvss, ...adv.cvss];
        existing.ratedSeverity ??= adv.ratedSeverity;
        existing.malicious ||= adv.malicious;
        for (const n of names) byName.set(n, existing);
        continue;
      }
      const copy = { ...adv, aliases: [...adv.aliases], cvss: [...adv.cvss] };
      out.push(copy);
      for (const n of names) byName.set(n, copy);
    }
  }
  return out;
}
