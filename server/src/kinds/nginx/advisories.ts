// nginx security advisories (https://nginx.org/en/security_advisories.html) as known to us when this
// table was written: CVE ids, the published vulnerable range, the fixed versions per branch, and
// the feature the bug needs (a finding is raised only when the configuration uses it). Keep it in
// step with nginx.org; it is data, not a live feed.
import { compareVersions, parseVersion } from './version';

export type Feature = 'core' | 'ssl' | 'http2' | 'http3' | 'spdy' | 'mp4' | 'resolver' | 'mail';

export interface Advisory {
  ids: string[];
  summary: string;
  /** Inclusive published range [low, high]. */
  vulnerable: [string, string];
  /** First fixed version on each branch. */
  fixed: string[];
  feature: Feature;
}

export const ADVISORIES: Advisory[] = [
  { ids: ['CVE-2013-2028'], summary: 'stack overflow with chunked transfer encoding', vulnerable: ['1.3.9', '1.4.0'], fixed: ['1.5.0', '1.4.1'], feature: 'core' },
  { ids: ['CVE-2013-4547'], summary: 'request line parsing (space in URI) bypasses restrictions', vulnerable: ['0.8.41', '1.5.6'], fixed: ['1.5.7', '1.4.4'], feature: 'core' },
  { ids: ['CVE-2014-0088'], summary: 'SPDY memory corruption', vulnerable: ['1.5.10', '1.5.10'], fixed: ['1.5.11'], feature: 'spdy' },
  { ids: ['CVE-2014-0133'], summary: 'SPDY heap buffer overflow', vulnerable: ['1.3.15', '1.5.11'], fixed: ['1.5.12', '1.4.7'], feature: 'spdy' },
  { ids: ['CVE-2014-3556'], summary: 'STARTTLS command injection (mail)', vulnerable: ['1.5.6', '1.7.3'], fixed: ['1.7.4', '1.6.1'], feature: 'mail' },
  { ids: ['CVE-2014-3616'], summary: 'SSL session reuse across virtual servers', vulnerable: ['0.5.6', '1.7.4'], fixed: ['1.7.5', '1.6.2'], feature: 'ssl' },
  { ids: ['CVE-2016-0742', 'CVE-2016-0746', 'CVE-2016-0747'], summary: 'resolver crashes and use-after-free', vulnerable: ['0.6.18', '1.9.9'], fixed: ['1.9.10', '1.8.1'], feature: 'resolver' },
  { ids: ['CVE-2016-4450'], summary: 'NULL pointer dereference while writing a client request body', vulnerable: ['1.3.9', '1.11.0'], fixed: ['1.11.1', '1.10.1'], feature: 'core' },
  { ids: ['CVE-2017-7529'], summary: 'integer overflow in the range filter (memory disclosure)', vulnerable: ['0.5.6', '1.13.2'], fixed: ['1.13.3', '1.12.1'], feature: 'core' },
  { ids: ['CVE-2018-16843', 'CVE-2018-16844'], summary: 'HTTP/2 excessive memory and CPU usage', vulnerable: ['1.9.5', '1.15.5'], fixed: ['1.15.6', '1.14.1'], feature: 'http2' },
  { ids: ['CVE-2018-16845'], summary: 'mp4 module memory disclosure', vulnerable: ['1.1.3', '1.15.5'], fixed: ['1.15.6', '1.14.1'], feature: 'mp4' },
  { ids: ['CVE-2019-9511', 'CVE-2019-9513', 'CVE-2019-9516'], summary: 'HTTP/2 denial of service (data dribble, resource loop, zero-length headers)', vulnerable: ['1.9.5', '1.17.2'], fixed: ['1.17.3', '1.16.1'], feature: 'http2' },
  { ids: ['CVE-2021-23017'], summary: '1-byte memory overwrite in the resolver', vulnerable: ['0.6.18', '1.20.0'], fixed: ['1.21.0', '1.20.1'], feature: 'resolver' },
  { ids: ['CVE-2022-41741', 'CVE-2022-41742'], summary: 'mp4 module memory corruption and disclosure', vulnerable: ['1.1.3', '1.23.1'], fixed: ['1.23.2', '1.22.1'], feature: 'mp4' },
  { ids: ['CVE-2024-24989'], summary: 'HTTP/3 NULL pointer dereference', vulnerable: ['1.25.3', '1.25.3'], fixed: ['1.25.4'], feature: 'http3' },
  { ids: ['CVE-2024-24990'], summary: 'HTTP/3 use-after-free', vulnerable: ['1.25.0', '1.25.3'], fixed: ['1.25.4'], feature: 'http3' },
  { ids: ['CVE-2024-31079', 'CVE-2024-32760', 'CVE-2024-34161', 'CVE-2024-35200'], summary: 'HTTP/3 memory corruption, disclosure and crashes', vulnerable: ['1.25.0', '1.26.0'], fixed: ['1.27.0', '1.26.1'], feature: 'http3' },
  { ids: ['CVE-2024-7347'], summary: 'mp4 module buffer overread', vulnerable: ['1.5.13', '1.27.0'], fixed: ['1.27.1', '1.26.2'], feature: 'mp4' },
  { ids: ['CVE-2025-23419'], summary: 'TLS session resumption bypasses client certificate authentication across virtual servers', vulnerable: ['1.11.4', '1.27.3'], fixed: ['1.27.4', '1.26.3'], feature: 'ssl' },
  { ids: ['CVE-2025-53859'], summary: 'mail SMTP authentication memory disclosure', vulnerable: ['0.7.22', '1.29.0'], fixed: ['1.29.1', '1.28.1'], feature: 'mail' },
];

type V = [number, number, number | undefined];

function affectedExact(v: [number, number, number], a: Advisory): boolean {
  const low = parseVersion(a.vulnerable[0])!;
  const high = parseVersion(a.vulnerable[1])!;
  if (compareVersions(v, low) < 0 || compareVersions(v, high) > 0) return false;
  for (const f of a.fixed) {
    const fx = parseVersion(f)!;
    if (fx[0] === v[0] && fx[1] === v[1] && compareVersions(v, fx) >= 0) return false;
  }
  return true;
}

/**
 * Is a version affected? A version without patch level ("1.25", a floating Docker tag) counts as
 * affected only when the whole branch is (its .0 and its latest release alike).
 */
export function affected(v: V, a: Advisory): boolean {
  if (v[2] !== undefined) return affectedExact([v[0], v[1], v[2]], a);
  return affectedExact([v[0], v[1], 0], a) && affectedExact([v[0], v[1], 999], a);
}
