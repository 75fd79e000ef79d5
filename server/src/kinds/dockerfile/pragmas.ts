// Suppression pragmas of hadolint, Checkov and Trivy, mapped onto DKR rules (catalog §2e), so that
// teams moving from those tools are not re-flagged:
//   # hadolint ignore=DL3002,DL3008      the next instruction (all its lines)
//   # hadolint global ignore=DL3002      the whole file
//   # hadolint stage ignore=DL3002       the rest of the stage
//   # checkov:skip=CKV_DOCKER_3:reason   the whole file (Checkov reads Dockerfile skips file-wide)
//   # trivy:ignore:DS-0002               the next instruction (optionally :exp:YYYY-MM-DD)
import type { ForeignPragma } from '../../engine/kind';
import type { Comment } from '../../engine/types';
import type { DockerComment } from './parse';

const HADOLINT: Record<string, string[]> = {
  DL3002: ['DKR001'],
  DL3004: ['DKR002'],
  DL3066: ['DKR004'],
  DL3064: ['DKR006'],
  DL3067: ['DKR010'],
  DL3006: ['DKR011'],
  DL3007: ['DKR012'],
  DL3026: ['DKR014'],
  DL3013: ['DKR021'],
  DL3016: ['DKR021'],
  DL3028: ['DKR021'],
  DL3062: ['DKR021'],
  DL3008: ['DKR023'],
  DL3018: ['DKR023'],
  DL3033: ['DKR023'],
  DL3037: ['DKR023'],
  DL3041: ['DKR023'],
  DL3001: ['DKR026', 'DKR027'],
  DL3015: ['DKR028'],
  DL3009: ['DKR029'],
  DL3019: ['DKR029'],
  DL3032: ['DKR029'],
  DL3036: ['DKR029'],
  DL3040: ['DKR029'],
  DL3042: ['DKR029'],
  DL3060: ['DKR029'],
  DL3035: ['DKR030'],
  DL3057: ['DKR031'],
  DL4003: ['DKR032'],
  DL4004: ['DKR032'],
  DL3012: ['DKR032'],
  DL3025: ['DKR033'],
  DL4006: ['DKR034'],
  DL3000: ['DKR035'],
  DL3003: ['DKR035'],
  DL3020: ['DKR036'],
  DL3022: ['DKR037'],
  DL3023: ['DKR037'],
  DL3024: ['DKR037'],
  DL3063: ['DKR037'],
  DL3011: ['DKR037'],
  SC2086: ['DKR038'],
  SC2046: ['DKR038'],
  SC2115: ['DKR038'],
  SC2164: ['DKR038'],
  SC2155: ['DKR038'],
  SC2015: ['DKR038'],
  DL4000: ['DKR039'],
  DL3029: ['DKR039'],
  DL3065: ['DKR039'],
  DL3027: ['DKR039'],
};
for (let n = 3048; n <= 3058; n++) HADOLINT[`DL${n}`] = ['DKR039'];

const CHECKOV: Record<string, string[]> = {
  CKV_DOCKER_1: ['DKR026'],
  CKV_DOCKER_2: ['DKR031'],
  CKV_DOCKER_3: ['DKR001'],
  CKV_DOCKER_4: ['DKR036'],
  CKV_DOCKER_5: ['DKR024'],
  CKV_DOCKER_6: ['DKR039'],
  CKV_DOCKER_7: ['DKR011', 'DKR012'],
  CKV_DOCKER_8: ['DKR001'],
  CKV_DOCKER_9: ['DKR039'],
  CKV_DOCKER_10: ['DKR035'],
  CKV_DOCKER_11: ['DKR037'],
  CKV2_DOCKER_1: ['DKR002'],
  CKV2_DOCKER_2: ['DKR017'],
  CKV2_DOCKER_3: ['DKR017'],
  CKV2_DOCKER_7: ['DKR019'],
  CKV2_DOCKER_8: ['DKR019'],
  CKV2_DOCKER_9: ['DKR019'],
  CKV2_DOCKER_10: ['DKR019'],
  CKV2_DOCKER_11: ['DKR019'],
  CKV2_DOCKER_17: ['DKR003'],
};
for (const n of [4, 5, 6, 12, 13, 14, 15, 16]) CHECKOV[`CKV2_DOCKER_${n}`] = ['DKR018'];

const TRIVY: Record<number, string[]> = {
  1: ['DKR012'],
  2: ['DKR001'],
  4: ['DKR026'],
  5: ['DKR036'],
  6: ['DKR037'],
  8: ['DKR037'],
  11: ['DKR037'],
  12: ['DKR037'],
  7: ['DKR032'],
  16: ['DKR032'],
  23: ['DKR032'],
  9: ['DKR035'],
  13: ['DKR035'],
  30: ['DKR035'],
  10: ['DKR002'],
  15: ['DKR029'],
  19: ['DKR029'],
  20: ['DKR029'],
  25: ['DKR029'],
  27: ['DKR029'],
  17: ['DKR024'],
  22: ['DKR039'],
  24: ['DKR030'],
  26: ['DKR031'],
  29: ['DKR028'],
  31: ['DKR006', 'DKR008'],
  32: ['DKR034'],
};

function lineRange(first: number, last: number): number[] {
  const out: number[] = [];
  for (let l = first; l <= last; l++) out.push(l);
  return out;
}

/** DKR ids for a list of foreign ids (unknown ids are dropped). */
export function mapForeignIds(tool: 'hadolint' | 'checkov' | 'trivy', ids: string[]): string[] {
  const out = new Set<string>();
  for (const raw of ids) {
    const id = raw.trim().toUpperCase();
    if (!id) continue;
    if (tool === 'hadolint') for (const r of HADOLINT[id] ?? []) out.add(r);
    else if (tool === 'checkov') for (const r of CHECKOV[id] ?? []) out.add(r);
    else {
      const m = /^(?:AVD-)?DS-?(\d+)$/.exec(id);
      if (m) for (const r of TRIVY[Number(m[1])] ?? []) out.add(r);
    }
  }
  return [...out];
}

/**
 * Reads a hadolint / Checkov / Trivy pragma. `today` (YYYY-MM-DD) decides whether a Trivy
 * `:exp:` date has passed (an expired ignore no longer suppresses).
 */
export function foreignPragma(comment: Comment, today = new Date().toISOString().slice(0, 10)): ForeignPragma | undefined {
  const c = comment as DockerComment;
  const text = c.text.trim();
  // Listed only for a pragma: the lines cost as much as the instruction (or stage) is long.
  const nextLines = () => (c.nextFirst !== undefined && c.nextLast !== undefined ? [c.line, ...lineRange(c.nextFirst, c.nextLast)] : [c.line, c.line + 1]);

  const h = /^hadolint\s+(?:(global|stage)\s+)?ignore\s*=\s*([A-Za-z0-9_, ]+)/i.exec(text);
  if (h) {
    const ruleIds = mapForeignIds('hadolint', h[2].split(/[\s,]+/));
    if (ruleIds.length === 0) return undefined;
    const scope = h[1]?.toLowerCase();
    if (scope === 'global') return { ruleIds, scope: 'file', reason: 'hadolint global ignore' };
    if (scope === 'stage') return { ruleIds, scope: 'line', lines: c.stageEnd !== undefined ? lineRange(c.line, c.stageEnd) : nextLines(), reason: 'hadolint stage ignore' };
    return { ruleIds, scope: 'line', lines: nextLines(), reason: 'hadolint ignore' };
  }

  const ck = /^(?:checkov|bridgecrew):skip=\s*([A-Za-z0-9_]+(?:\s*,\s*[A-Za-z0-9_]+)*)(?::\s*(\S[^\n\r\u2028\u2029]*)?)?$/i.exec(text);
  if (ck) {
    const ruleIds = mapForeignIds('checkov', ck[1].split(','));
    if (ruleIds.length === 0) return undefined;
    return { ruleIds, scope: 'file', reason: ck[2]?.trim() || 'checkov:skip' };
  }

  if (/^trivy:ignore:/i.test(text)) {
    const ids: string[] = [];
    for (const m of text.matchAll(/trivy:ignore:([A-Za-z0-9-]+)((?::[a-z]+:[^\s:]+)*)/gi)) {
      const exp = /:exp:(\d{4}-\d{2}-\d{2})/.exec(m[2] ?? '');
      if (exp && exp[1] < today) continue;
      ids.push(m[1]);
    }
    const ruleIds = mapForeignIds('trivy', ids);
    if (ruleIds.length === 0) return undefined;
    return { ruleIds, scope: 'line', lines: nextLines(), reason: 'trivy:ignore' };
  }
  return undefined;
}
