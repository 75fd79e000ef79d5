// The options pip accepts in a requirements file (req_file.py SUPPORTED_OPTIONS and
// SUPPORTED_OPTIONS_REQ) and Python optparse's rules for reading them: `--long=value` or
// `--long value`, unambiguous abbreviations of long options (`--extra-index` = `--extra-index-url`),
// `-iVALUE` or `-i VALUE`, `--` ends the options, other words are positional and ignored by pip.
import type { ShToken } from './shlex';

export interface OptionSpec {
  /** Canonical name: the first long spelling. */
  name: string;
  long: string[];
  short?: string;
  takesValue: boolean;
  /** 'req': applies to the requirement on the same line; 'global': affects the whole install. */
  scope: 'global' | 'req';
}

export const OPTION_SPECS: OptionSpec[] = [
  { name: '--index-url', long: ['--index-url', '--pypi-url'], short: '-i', takesValue: true, scope: 'global' },
  { name: '--extra-index-url', long: ['--extra-index-url'], takesValue: true, scope: 'global' },
  { name: '--no-index', long: ['--no-index'], takesValue: false, scope: 'global' },
  { name: '--constraint', long: ['--constraint'], short: '-c', takesValue: true, scope: 'global' },
  { name: '--requirement', long: ['--requirement'], short: '-r', takesValue: true, scope: 'global' },
  { name: '--editable', long: ['--editable'], short: '-e', takesValue: true, scope: 'global' },
  { name: '--find-links', long: ['--find-links'], short: '-f', takesValue: true, scope: 'global' },
  { name: '--no-binary', long: ['--no-binary'], takesValue: true, scope: 'global' },
  { name: '--only-binary', long: ['--only-binary'], takesValue: true, scope: 'global' },
  { name: '--prefer-binary', long: ['--prefer-binary'], takesValue: false, scope: 'global' },
  { name: '--require-hashes', long: ['--require-hashes'], takesValue: false, scope: 'global' },
  { name: '--pre', long: ['--pre'], takesValue: false, scope: 'global' },
  { name: '--trusted-host', long: ['--trusted-host'], takesValue: true, scope: 'global' },
  { name: '--use-feature', long: ['--use-feature'], takesValue: true, scope: 'global' },
  { name: '--global-option', long: ['--global-option'], takesValue: true, scope: 'req' },
  { name: '--hash', long: ['--hash'], takesValue: true, scope: 'req' },
  { name: '--config-settings', long: ['--config-settings'], short: '-C', takesValue: true, scope: 'req' },
];

const LONG = new Map<string, OptionSpec>();
const SHORT = new Map<string, OptionSpec>();
for (const spec of OPTION_SPECS) {
  for (const l of spec.long) LONG.set(l, spec);
  if (spec.short) SHORT.set(spec.short, spec);
}
const LONG_NAMES = [...LONG.keys()].sort();

/** --use-feature values some pip release from 20.x to 25.x accepts (the choices change between releases). */
export const KNOWN_FEATURES = ['fast-deps', 'truststore', 'no-binary-enable-wheel-cache', 'build-constraint', 'inprocess-build-deps', '2020-resolver', 'in-tree-build'];

/** Strong hashes pip accepts for --hash. */
export const STRONG_HASHES = ['sha256', 'sha384', 'sha512'];

export interface OptionUse {
  spec: OptionSpec;
  /** As written, e.g. `--extra-index` or `-i`. */
  spelled: string;
  /** The option word's source range [start, end) (without the value). */
  nameStart: number;
  nameEnd: number;
  value?: string;
  /** Source range of the value and the offset of each of its characters. */
  valueStart?: number;
  valueEnd?: number;
  valueMap?: number[];
  /** Whole source span of the option and its value (tokens included). */
  start: number;
  end: number;
}

export interface OptionProblem {
  message: string;
  start: number;
  end: number;
  /** 'error': pip refuses the file; 'warning': pip reads it but ignores something. */
  severity: 'error' | 'warning';
}

export interface OptionParse {
  options: OptionUse[];
  /** Positional words among the options (pip ignores them). */
  ignored: ShToken[];
  problems: OptionProblem[];
}

function matchLong(s: string): { spec?: OptionSpec; problem?: string } {
  const exact = LONG.get(s);
  if (exact) return { spec: exact };
  const candidates = LONG_NAMES.filter((n) => n.startsWith(s));
  if (candidates.length === 1) return { spec: LONG.get(candidates[0]) };
  if (candidates.length === 0) return { problem: `no such option: ${s}` };
  return { problem: `ambiguous option: ${s} (${candidates.join(', ')}?)` };
}

/** optparse over shlex tokens. Stops at the first error, as optparse does. */
export function parseOptions(tokens: ShToken[]): OptionParse {
  const options: OptionUse[] = [];
  const ignored: ShToken[] = [];
  const problems: OptionProblem[] = [];
  const withValue = (use: OptionUse, t: ShToken, from: number) => {
    use.value = t.value.slice(from);
    use.valueMap = t.map.slice(from);
    use.valueStart = use.valueMap.length ? use.valueMap[0] : t.end;
    use.valueEnd = use.valueMap.length ? use.valueMap[use.valueMap.length - 1] + 1 : t.end;
    use.end = t.end;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const v = t.value;
    if (v === '--') {
      ignored.push(...tokens.slice(i + 1));
      break;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const word = eq >= 0 ? v.slice(0, eq) : v;
      const m = matchLong(word);
      const nameEnd = eq >= 0 ? t.map[eq] ?? t.end : t.end;
      if (!m.spec) {
        problems.push({ message: m.problem!, start: t.start, end: nameEnd, severity: 'error' });
        break;
      }
      const use: OptionUse = { spec: m.spec, spelled: word, nameStart: t.start, nameEnd, start: t.start, end: t.end };
      if (m.spec.takesValue) {
        if (eq >= 0) withValue(use, t, eq + 1);
        else if (i + 1 < tokens.length) withValue(use, tokens[++i], 0);
        else {
          problems.push({ message: `${m.spec.name} option requires 1 argument`, start: t.start, end: t.end, severity: 'error' });
          break;
        }
      } else if (eq >= 0) {
        problems.push({ message: `${m.spec.name} option does not take a value`, start: t.start, end: t.end, severity: 'error' });
        break;
      }
      options.push(use);
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      // Every short option pip accepts in a requirements file takes a value.
      const spec = SHORT.get(v.slice(0, 2));
      const nameEnd = t.map[1] !== undefined ? t.map[1] + 1 : t.end;
      if (!spec) {
        problems.push({ message: `no such option: ${v.slice(0, 2)}`, start: t.start, end: nameEnd, severity: 'error' });
        break;
      }
      const use: OptionUse = { spec, spelled: v.slice(0, 2), nameStart: t.start, nameEnd, start: t.start, end: t.end };
      if (v.length > 2) withValue(use, t, 2);
      else if (i + 1 < tokens.length) withValue(use, tokens[++i], 0);
      else {
        problems.push({ message: `${spec.short} option requires 1 argument`, start: t.start, end: t.end, severity: 'error' });
        break;
      }
      options.push(use);
      continue;
    }
    ignored.push(t);
  }
  // Values pip's option callbacks reject.
  for (const o of options) {
    const at = { start: o.valueStart ?? o.start, end: o.valueEnd ?? o.end, severity: 'error' as const };
    if (o.spec.name === '--hash') {
      const colon = o.value!.indexOf(':');
      if (colon < 0) problems.push({ ...at, message: `Arguments to ${o.spelled} must be a hash name followed by a value, like --hash=sha256:abcde...` });
      else if (!STRONG_HASHES.includes(o.value!.slice(0, colon))) problems.push({ ...at, message: `Allowed hash algorithms for ${o.spelled} are ${STRONG_HASHES.join(', ')}.` });
    } else if (o.spec.name === '--use-feature' && !KNOWN_FEATURES.includes(o.value!)) {
      problems.push({ ...at, message: `option ${o.spelled}: invalid choice: '${o.value}' (choose from ${KNOWN_FEATURES.map((f) => `'${f}'`).join(', ')})` });
    } else if (o.spec.name === '--config-settings' && !o.value!.includes('=')) {
      problems.push({ ...at, message: `Arguments to ${o.spelled} must be of the form KEY=VAL` });
    }
  }
  return { options, ignored, problems };
}
