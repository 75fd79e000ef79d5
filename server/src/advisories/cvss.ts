// CVSS base scores from OSV `severity` vectors, to rank advisories. CVSS v3.x is computed exactly
// (FIRST's specification, section 7); CVSS v4 needs FIRST's macro-vector lookup table, so it is
// ranked from its impact metrics instead (see cvss4Severity).

const V3_WEIGHTS: Record<string, Record<string, number>> = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
};

function roundUp(x: number): number {
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}

function metrics(vector: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of vector.split('/')) {
    const i = part.indexOf(':');
    if (i > 0) m.set(part.slice(0, i), part.slice(i + 1));
  }
  return m;
}

/** CVSS v3.0/v3.1 base score of a vector such as `CVSS:3.1/AV:N/AC:L/…`, or undefined if malformed. */
export function cvss3BaseScore(vector: string): number | undefined {
  if (!/^CVSS:3\.[01]\//.test(vector)) return undefined;
  const m = metrics(vector);
  const scope = m.get('S');
  const pr = m.get('PR');
  const get = (k: string) => V3_WEIGHTS[k]?.[m.get(k) ?? ''];
  const av = get('AV');
  const ac = get('AC');
  const ui = get('UI');
  const c = get('C');
  const i = get('I');
  const a = get('A');
  if (av === undefined || ac === undefined || ui === undefined || c === undefined || i === undefined || a === undefined) return undefined;
  if (scope !== 'U' && scope !== 'C') return undefined;
  const prW = pr === 'N' ? 0.85 : pr === 'L' ? (scope === 'C' ? 0.68 : 0.62) : pr === 'H' ? (scope === 'C' ? 0.5 : 0.27) : undefined;
  if (prW === undefined) return undefined;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15);
  const exploitability = 8.22 * av * ac * prW * ui;
  if (impact <= 0) return 0;
  return scope === 'U' ? roundUp(Math.min(impact + exploitability, 10)) : roundUp(Math.min(1.08 * (impact + exploitability), 10));
}

/**
 * CVSS v4 rank without the lookup table: "high" when the vulnerable or a subsequent system loses
 * confidentiality, integrity or availability entirely (a High impact metric) and the attack works
 * over the network without privileges; "medium" otherwise.
 */
export function cvss4IsHigh(vector: string): boolean | undefined {
  if (!/^CVSS:4\.0\//.test(vector)) return undefined;
  const m = metrics(vector);
  const highImpact = ['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].some((k) => m.get(k) === 'H');
  return highImpact && m.get('AV') === 'N' && m.get('PR') === 'N';
}
