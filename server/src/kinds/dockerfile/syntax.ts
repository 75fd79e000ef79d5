// DKR000: what BuildKit refuses to parse or dispatch (unknown instructions, wrong argument counts,
// unknown or malformed flags, invalid references, bad durations, non-JSON SHELL, …), plus shell
// quoting that /bin/sh will reject in a RUN. Checked against dockerfile-utils (the linter behind
// the Docker VS Code extension) by the differential test.
import type { Instruction } from 'dockerfile-ast';
import type { DArg, DFlag, DInstruction, DockerModel, SyntaxProblem } from './model';
import { isWordChar, skipSpace } from './scan';

export const KEYWORDS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

const HEALTHCHECK_FLAGS = ['interval', 'retries', 'start-period', 'timeout', 'start-interval'];
const DURATION_FLAGS = new Set(['interval', 'start-period', 'timeout', 'start-interval']);
const RUN_FLAGS = new Set(['mount', 'network', 'security', 'device']);

/** Go's time.ParseDuration, in milliseconds; undefined when invalid. */
export function parseGoDuration(s: string): number | undefined {
  let i = 0;
  let neg = false;
  if (s[i] === '-' || s[i] === '+') {
    neg = s[i] === '-';
    i++;
  }
  if (s.slice(i) === '0') return 0;
  if (i >= s.length) return undefined;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  let total = 0;
  while (i < s.length) {
    const numStart = i;
    while (i < s.length && /[0-9.]/.test(s[i])) i++;
    const num = s.slice(numStart, i);
    if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(num)) return undefined;
    const unitStart = i;
    while (i < s.length && !/[0-9.]/.test(s[i])) i++;
    const unit = s.slice(unitStart, i);
    if (!(unit in units)) return undefined;
    total += parseFloat(num) * units[unit];
  }
  return neg ? -total : total;
}

/** Parses an EXPOSE port spec: `port[-port][/proto]` (an `ip:` prefix is DKR037's business). */
export function parsePortSpec(value: string): { ok: boolean; ports: number[]; proto?: string; hostForm: boolean } {
  let v = value;
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
  let proto: string | undefined;
  const slash = v.indexOf('/');
  if (slash >= 0) {
    proto = v.slice(slash + 1);
    v = v.slice(0, slash);
  }
  let hostForm = false;
  const colon = v.lastIndexOf(':');
  if (colon >= 0) {
    hostForm = true;
    v = v.slice(colon + 1);
  }
  const m = /^(\d+)(?:-(\d+))?$/.exec(v);
  if (!m) return { ok: false, ports: [], proto, hostForm };
  const ports = [Number(m[1])];
  if (m[2] !== undefined) ports.push(Number(m[2]));
  return { ok: true, ports, proto, hostForm };
}

function isIpHostForm(value: string): boolean {
  return /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]*\]):/.test(value);
}

export function checkSyntax(model: DockerModel): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  const push = (message: string, start: number, end: number) => out.push({ message, start, end });

  checkDirectives(model, push);

  const instrs = model.instructions;
  if (instrs.length === 0 || instrs.every((i) => i.keyword === 'ARG')) {
    push('No FROM instruction: a Dockerfile must start (after ARGs) with FROM', 0, 0);
  }
  let seenFrom = false;
  for (const instr of instrs) {
    if (instr.keyword === 'FROM') seenFrom = true;
    else if (!seenFrom && instr.keyword !== 'ARG') {
      push(`${instr.written} before the first FROM: only ARG may come before FROM`, instr.keywordStart, instr.keywordEnd);
      seenFrom = true;
    }
    checkInstruction(instr, push);
    checkVariables(model, instr, push);
    if (instr.trigger) checkInstruction(instr.trigger, push);
  }

  // Shell quoting /bin/sh rejects (only the unambiguous cases: unterminated quotes and substitutions).
  for (const instr of model.allInstructions) {
    const script = instr.command?.script;
    if (!script || instr.command?.form !== 'shell' || instr.keyword !== 'RUN') continue;
    for (const e of script.errors) {
      if (/^unterminated/.test(e.message)) push(`RUN: ${e.message}; /bin/sh will fail with a syntax error`, e.start, e.end);
    }
  }
  return out;
}

function checkDirectives(model: DockerModel, push: (m: string, s: number, e: number) => void): void {
  const directives = directivesOf(model);
  const escapes = directives.filter((d) => d.name.toLowerCase() === 'escape');
  if (escapes.length > 1) {
    for (const d of escapes.slice(1)) push('Only one escape parser directive can be used', d.nameStart, d.valueEnd);
    return;
  }
  for (const d of escapes) {
    if (d.value !== '\\' && d.value !== '`' && d.value !== '') push(`Invalid escape directive value "${d.value}": use \\ or \``, d.valueStart, d.valueEnd);
  }
}

export interface Directive {
  name: string;
  value: string;
  nameStart: number;
  valueStart: number;
  valueEnd: number;
  line: number;
}

/** `# name = value` (blanks around the value trimmed), or undefined. */
function directiveLine(t: string): { name: string; value: string; nameStart: number; valueStart: number } | undefined {
  let i = skipSpace(t, 0);
  if (t[i] !== '#') return undefined;
  i = skipSpace(t, i + 1);
  const nameStart = i;
  if (!/[A-Za-z]/.test(t[i] ?? '')) return undefined;
  i++;
  while (i < t.length && (isWordChar(t[i]) || t[i] === '-')) i++;
  const name = t.slice(nameStart, i);
  i = skipSpace(t, i);
  if (t[i] !== '=') return undefined;
  const valueStart = skipSpace(t, i + 1);
  const value = t.slice(valueStart).trimEnd();
  if (/[\n\r\u2028\u2029]/.test(value)) return undefined;
  return { name, value, nameStart, valueStart };
}

/** Parser directives (`# escape=`, `# syntax=`, `# check=`) at the top of the file. */
export function directivesOf(model: DockerModel): Directive[] {
  const out: Directive[] = [];
  const idx = model.index;
  for (let line = 0; line < idx.lineCount; line++) {
    const t = idx.lineText(line);
    const d = directiveLine(t);
    if (!d) break;
    const base = idx.lineStarts[line];
    out.push({ name: d.name, value: d.value, nameStart: base + d.nameStart, valueStart: base + d.valueStart, valueEnd: base + d.valueStart + d.value.length, line });
  }
  return out;
}

function checkVariables(model: DockerModel, instr: DInstruction, push: (m: string, s: number, e: number) => void): void {
  if (instr.keyword === 'RUN' || instr.keyword === 'CMD' || instr.keyword === 'ENTRYPOINT') return;
  // dockerfile-ast's getVariables() resolves definitions across the file: only ask when a ${…} is there.
  if (!model.text.slice(instr.keywordEnd, instr.end).includes('${')) return;
  let vars: ReturnType<Instruction['getVariables']> = [];
  try {
    vars = instr.ast.getVariables();
  } catch {
    return;
  }
  for (const v of vars) {
    const mod = v.getModifier();
    if (mod === null) continue;
    const r = v.getRange();
    const text = model.text.slice(model.index.offsetAt(r.start), model.index.offsetAt(r.end));
    if (mod === '') push(`Unsupported modifier in ${text}: BuildKit supports :-, :+, :? (and -, +, ?)`, model.index.offsetAt(r.start), model.index.offsetAt(r.end));
    else if (mod !== '+' && mod !== '-' && mod !== '?') {
      const mr = v.getModifierRange() ?? r;
      push(`Unsupported modifier "${mod}" in ${text}: BuildKit supports :-, :+, :? (and -, +, ?)`, model.index.offsetAt(mr.start), model.index.offsetAt(mr.end));
    }
  }
}

function missing(instr: DInstruction, push: (m: string, s: number, e: number) => void): void {
  push(`${instr.keyword} requires at least one argument`, instr.keywordStart, instr.keywordEnd);
}

function checkFlagsKnown(
  instr: DInstruction,
  allowed: Set<string>,
  booleans: Set<string>,
  withValue: Set<string>,
  push: (m: string, s: number, e: number) => void,
): void {
  const seen = new Map<string, DFlag>();
  for (const f of instr.flags) {
    if (f.name === '' || !(allowed.has(f.name) || booleans.has(f.name))) {
      push(`Unknown flag --${f.name} for ${instr.keyword}`, f.start, f.name === '' ? f.end : f.nameEnd);
      continue;
    }
    if (booleans.has(f.name) && f.value !== null) {
      if (f.value === '') push(`Missing value for flag --${f.name}`, f.nameStart, f.nameEnd);
      else if (f.resolved && !/^(true|false)$/i.test(f.value)) push(`Flag --${f.name} expects true or false, not "${f.value}"`, f.valueStart ?? f.start, f.valueEnd ?? f.end);
    }
    if (withValue.has(f.name) && f.value === null) push(`Missing value for flag --${f.name}`, f.nameStart, f.nameEnd);
    const prev = seen.get(f.name);
    if (prev && f.name !== 'exclude' && f.name !== 'mount' && f.name !== 'device') {
      push(`Duplicate flag --${f.name}`, prev.nameStart, prev.nameEnd);
      push(`Duplicate flag --${f.name}`, f.nameStart, f.nameEnd);
    }
    seen.set(f.name, f);
  }
}

function checkDestination(instr: DInstruction, push: (m: string, s: number, e: number) => void): void {
  const args = instr.args;
  const json = instr.argText.text.startsWith('[') && args.length > 0 && args[0].raw.startsWith('"');
  if (args.length === 0) {
    push(`${instr.keyword} requires at least two arguments: a source and a destination`, instr.keywordStart, instr.keywordEnd);
    return;
  }
  if (args.length === 1) {
    push(`${instr.keyword} requires at least two arguments: a source and a destination`, args[0].start, args[0].end);
    return;
  }
  if (args.length > 2) {
    if (args.some((a) => a.raw.startsWith('<<'))) return;
    const dest = args[args.length - 1];
    if (/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?["']?$/.test(dest.raw)) return;
    const v = json ? dest.value : dest.raw;
    if (!v.endsWith('/') && !v.endsWith('\\')) {
      push(`With more than one source, the ${instr.keyword} destination must be a directory ending in /`, dest.start, dest.end);
    }
  }
}

const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

function checkFrom(instr: DInstruction, push: (m: string, s: number, e: number) => void): void {
  for (const f of instr.flags) {
    if (f.name !== 'platform') push(`Unknown flag --${f.name} for FROM`, f.start, f.name === '' ? f.end : f.nameEnd);
    else if (f.value === null) push('Missing value for flag --platform', f.nameStart, f.nameEnd);
  }
  const args = instr.args;
  if (args.length === 0) return missing(instr, push);
  if (args.length !== 1 && args.length !== 3) {
    const last = args[args.length - 1];
    push('FROM requires either one or three arguments (FROM image [AS name])', last.start, last.end);
    return;
  }
  const image = args[0];
  const single = /^\$(\{[A-Za-z_][A-Za-z0-9_]*(:?-[^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)$/.exec(image.raw);
  if (single) {
    const name = /[A-Za-z_][A-Za-z0-9_]*/.exec(image.raw.slice(1))![0];
    const hasDefault = hasDefaultValue(image.raw);
    if (instr.lookup(name) === undefined && !hasDefault) push(`Base name ${image.raw} is empty: ${name} is not declared by an ARG before FROM`, image.start, image.end);
  } else if (!image.raw.includes('$')) {
    checkReference(image, push);
  }
  if (args.length === 3) {
    if (args[1].raw.toLowerCase() !== 'as') push('The second argument of FROM must be AS', args[1].start, args[1].end);
    else if (!/^[a-z][a-z0-9_.-]*$/.test((args[2].raw.includes('$') ? args[2].value : args[2].raw).toLowerCase())) {
      push(`Invalid stage name "${args[2].value}": it must start with a letter and contain only letters, digits, "_", "-" and "."`, args[2].start, args[2].end);
    }
  }
}

/** `/:?-[^}]+\}$/`: the word ends in `-default}` with a non-empty default. */
function hasDefaultValue(raw: string): boolean {
  if (!raw.endsWith('}')) return false;
  const body = raw.slice(0, -1);
  const dash = body.indexOf('-', body.lastIndexOf('}') + 1);
  return dash >= 0 && dash < body.length - 1;
}

/** Does the word leave a quote open (BuildKit's lexer then fails)? */
export function unbalancedQuote(raw: string, escape = '\\'): boolean {
  let q = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (q === "'") {
      if (c === "'") q = '';
    } else if (q === '"') {
      if (c === escape) i++;
      else if (c === '"') q = '';
    } else if (c === escape) i++;
    else if (c === '"' || c === "'") q = c;
  }
  return q !== '';
}

function checkReference(image: DArg, push: (m: string, s: number, e: number) => void): void {
  const v = image.value;
  const firstSlash = v.indexOf('/');
  const head = firstSlash > 0 ? v.slice(0, firstSlash) : '';
  const afterRegistry = firstSlash > 0 && (head.includes('.') || head.includes(':') || head === 'localhost') ? v.slice(firstSlash + 1) : v;
  const pathPart = afterRegistry.split('@')[0];
  const lastSlash = pathPart.lastIndexOf('/');
  if (pathPart.slice(0, lastSlash < 0 ? 0 : lastSlash).includes(':')) {
    push('Invalid reference format: ":" inside the repository path', image.start, image.end);
    return;
  }
  if (unbalancedQuote(image.raw)) {
    push('Invalid reference format: unterminated quote in the image name', image.start, image.end);
    return;
  }
  const at = v.indexOf('@');
  const namePart = at >= 0 ? v.slice(0, at) : v;
  const slash = namePart.lastIndexOf('/');
  const colon = namePart.lastIndexOf(':');
  if (colon > slash) {
    const tag = namePart.slice(colon + 1);
    if (tag === '' || !TAG_RE.test(tag)) {
      const s = tag === '' ? image.start : image.start + colon + 1;
      push('Invalid reference format: the tag is empty or has invalid characters', s, tag === '' ? image.end : s + tag.length);
      return;
    }
  }
  if (at >= 0) {
    const digest = v.slice(at + 1);
    const m = /^([A-Za-z0-9_+.-]+):([A-Fa-f0-9]+)$/.exec(digest);
    if (!m) push('Invalid reference format: malformed digest (expected algorithm:hex)', digest === '' ? image.start : image.start + at + 1, image.end);
  }
}

function checkHealthcheck(instr: DInstruction, push: (m: string, s: number, e: number) => void): void {
  const fields = instr.argText.text.split(/\s+/).filter(Boolean);
  if (fields.length === 0) {
    push('HEALTHCHECK requires at least one argument', instr.keywordStart, instr.keywordEnd);
    return;
  }
  const t = instr.argText;
  const firstLen = fields[0].length;
  const typ = fields[0].toUpperCase();
  if (typ === 'NONE') {
    if (fields.length > 1) {
      const restStart = t.text.indexOf(fields[1], firstLen);
      push('HEALTHCHECK NONE takes no arguments', t.map[restStart], t.map[t.text.length - 1] + 1);
    }
    return;
  }
  if (typ === 'CMD') {
    if (fields.length === 1) push('Missing command after HEALTHCHECK CMD', t.map[0], t.map[firstLen - 1] + 1);
  } else {
    push(`Unknown HEALTHCHECK type "${fields[0]}" (use CMD or NONE)`, t.map[0], t.map[firstLen - 1] + 1);
  }
  const seen = new Map<string, DFlag>();
  for (const f of instr.flags) {
    if (!HEALTHCHECK_FLAGS.includes(f.name)) {
      push(`Unknown flag --${f.name} for HEALTHCHECK`, f.start, f.name === '' ? f.end : f.nameEnd);
      continue;
    }
    if (f.value === null) {
      push(`Missing value for flag --${f.name}`, f.nameStart, f.nameEnd);
      continue;
    }
    const vs = f.valueStart ?? f.start;
    const ve = f.valueEnd ?? f.end;
    if (f.name === 'retries') {
      if (f.value !== '' && !/^[+-]?\d+$/.test(f.value)) push(`--retries must be an integer, not "${f.value}"`, vs, ve);
      else if (f.value !== '' && Number(f.value) < 0) push('--retries cannot be negative', vs, ve);
    } else if (DURATION_FLAGS.has(f.name) && f.value !== '' && f.resolved) {
      const ms = parseGoDuration(f.value);
      if (ms === undefined) push(`--${f.name}: "${f.value}" is not a duration (e.g. 30s, 1m30s)`, vs, ve);
      else if (ms !== 0 && ms < 1) push(`--${f.name} cannot be less than 1ms`, f.nameStart, f.nameEnd);
    }
    const prev = seen.get(f.name);
    if (prev) {
      push(`Duplicate flag --${f.name}`, prev.nameStart, prev.nameEnd);
      push(`Duplicate flag --${f.name}`, f.nameStart, f.nameEnd);
    }
    seen.set(f.name, f);
  }
}

function checkProperties(instr: DInstruction, push: (m: string, s: number, e: number) => void): void {
  const props = instr.properties;
  if (props.length === 0) return missing(instr, push);
  const kw = instr.keyword;
  props.forEach((p) => {
    if (p.name === '') {
      push(`${kw} names can not be blank`, p.start, p.end);
      return;
    }
    if (p.name.includes('=')) {
      push(`${kw}: unterminated quote in "${p.name.slice(0, p.name.indexOf('='))}"`, p.nameStart, p.nameEnd);
      return;
    }
    if (p.rawValue === undefined) {
      if (kw === 'ARG') return;
      if (props.length === 1) push(`${kw} requires two arguments: NAME=value (or the legacy NAME value)`, p.nameStart, p.nameEnd);
      else push(`${kw}: "${p.name}" has no "=": use NAME=value`, p.nameStart, p.nameEnd);
      return;
    }
    const raw = p.rawValue;
    if (raw.startsWith('"') && !closesQuote(raw, '"')) push(`${kw}: unterminated double quote in the value of ${p.name}`, p.valueStart ?? p.start, p.valueEnd ?? p.end);
    else if (raw.startsWith("'") && !raw.endsWith("'")) push(`${kw}: unterminated single quote in the value of ${p.name}`, p.valueStart ?? p.start, p.valueEnd ?? p.end);
    else if (raw === "'") push(`${kw}: unterminated single quote in the value of ${p.name}`, p.valueStart ?? p.start, p.valueEnd ?? p.end);
  });
}

function closesQuote(raw: string, q: string): boolean {
  for (let i = 1; i < raw.length; i++) {
    if (raw[i] === '\\' || raw[i] === '`') {
      i++;
      continue;
    }
    if (raw[i] === q && i === raw.length - 1) return true;
  }
  return false;
}

function checkInstruction(instr: DInstruction, push: (m: string, s: number, e: number) => void): void {
  const kw = instr.keyword;
  if (!KEYWORDS.has(kw)) {
    push(`Unknown instruction: ${instr.written}`, instr.keywordStart, instr.keywordEnd);
    return;
  }
  const args = instr.args;
  const hasArgs = instr.argText.text.length > 0;
  switch (kw) {
    case 'RUN': {
      for (const f of instr.flags) {
        if (!RUN_FLAGS.has(f.name)) push(`Unknown flag --${f.name} for RUN`, f.start, f.name === '' ? f.end : f.nameEnd);
      }
      break;
    }
    case 'CMD':
      break;
    case 'ENTRYPOINT':
    case 'VOLUME':
    case 'WORKDIR':
    case 'MAINTAINER':
    case 'USER':
      if (!hasArgs) missing(instr, push);
      break;
    case 'ARG':
    case 'ENV':
    case 'LABEL':
      checkProperties(instr, push);
      break;
    case 'FROM':
      checkFrom(instr, push);
      break;
    case 'HEALTHCHECK':
      checkHealthcheck(instr, push);
      break;
    case 'ONBUILD': {
      if (!hasArgs) return missing(instr, push);
      const trig = instr.argText.text.split(/\s+/)[0].toUpperCase();
      const s = instr.argText.map[0];
      const e = s + trig.length;
      if (trig === 'ONBUILD') push('Chaining ONBUILD via ONBUILD ONBUILD is not allowed', s, e);
      else if (trig === 'FROM' || trig === 'MAINTAINER') push(`${trig} is not allowed as an ONBUILD trigger`, s, e);
      break;
    }
    case 'SHELL': {
      if (!hasArgs) return missing(instr, push);
      const s = instr.argText.map[0];
      const e = instr.argText.map[instr.argText.text.length - 1] + 1;
      let parsed: unknown;
      try {
        parsed = JSON.parse(instr.argText.text);
      } catch {
        parsed = undefined;
      }
      if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) push('SHELL requires the arguments in JSON form, e.g. ["/bin/bash", "-c"]', s, e);
      else if (parsed.length === 0) push('SHELL requires at least one argument', s, e);
      break;
    }
    case 'STOPSIGNAL': {
      if (args.length === 0) return missing(instr, push);
      if (args.length > 1) {
        push('STOPSIGNAL requires exactly one argument', args[args.length - 1].start, args[args.length - 1].end);
        return;
      }
      const v = args[0].raw;
      if (!v.startsWith('SIG') && !v.includes('$') && !/^\d+$/.test(v)) push(`Invalid stop signal "${v}" (use a name like SIGTERM or a number)`, args[0].start, args[0].end);
      else if (v.includes('$') && !args[0].resolved && args[0].value.includes('$')) {
        const names = [...v.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
        if (names.some((n) => instr.lookup(n) === undefined)) push(`Invalid stop signal "${v}": the variable is not declared`, args[0].start, args[0].end);
      }
      break;
    }
    case 'EXPOSE': {
      if (args.length === 0) return missing(instr, push);
      for (const a of args) {
        if (!a.resolved && a.value.includes('$')) continue;
        if (isIpHostForm(a.value)) continue; // DKR037
        const spec = parsePortSpec(a.value);
        if (!spec.ok) {
          if (!a.value.startsWith('$')) push(`Invalid port "${a.value}" (expected port, port-range or port/protocol)`, a.start, a.end);
          continue;
        }
        const proto = spec.proto?.toLowerCase();
        if (proto !== undefined && proto !== '' && proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') {
          const slash = a.raw.indexOf('/');
          push(`Invalid protocol "${spec.proto}" (use tcp, udp or sctp)`, a.start + slash + 1, a.end);
        }
      }
      break;
    }
    case 'ADD':
      checkFlagsKnown(instr, new Set(['chmod', 'chown', 'checksum', 'exclude']), new Set(['link', 'keep-git-dir', 'unpack']), new Set(['chmod', 'chown', 'checksum', 'exclude']), push);
      checkDestination(instr, push);
      break;
    case 'COPY': {
      checkFlagsKnown(instr, new Set(['chmod', 'chown', 'from', 'exclude']), new Set(['link', 'parents']), new Set(['chmod', 'chown', 'from', 'exclude']), push);
      const from = instr.flags.find((f) => f.name === 'from');
      if (from && from.value !== null && !/^[A-Za-z0-9]/.test(from.value) && from.resolved) {
        push(`Invalid --from value "${from.value}"`, from.value === '' ? from.start : (from.valueStart ?? from.start), from.value === '' ? from.end : (from.valueEnd ?? from.end));
      }
      checkDestination(instr, push);
      break;
    }
  }
}
