// Checks a directive's arguments the way servconf.c's handler for its keyword does, and returns the
// value normalised as sshd stores it (booleans as yes/no, times in seconds, enum aliases folded…).
import { resolveAlgorithms, type AlgoOption } from './crypto';
import type { KeywordInfo } from './keywords';
import type { Directive, Token } from './lexer';
import { addrMatchList, matchPatternList } from './patterns';
import { algorithmTables, versionAtLeast, type OpensshVersion } from './versions';

export interface ValueProblem {
  message: string;
  start: number;
  end: number;
}

export interface ParsedValue {
  /** Normalised single value (scalars) or the first item. */
  value: string;
  /** Every normalised item (lists), else [value]. */
  items: string[];
  problem?: ValueProblem;
}

const FLAG: Record<string, string> = { yes: 'yes', no: 'no' };
const ENUMS: Partial<Record<string, Record<string, string>>> = {
  flag: FLAG,
  permitrootlogin: {
    'without-password': 'prohibit-password',
    'prohibit-password': 'prohibit-password',
    'forced-commands-only': 'forced-commands-only',
    yes: 'yes',
    no: 'no',
  },
  ignorerhosts: { yes: 'yes', no: 'no', 'shosts-only': 'shosts-only' },
  addressfamily: { inet: 'inet', inet6: 'inet6', any: 'any' },
  compression: { yes: 'yes', delayed: 'yes', no: 'no' },
  gatewayports: { clientspecified: 'clientspecified', yes: 'yes', no: 'no' },
  tcpfwd: { yes: 'yes', all: 'yes', no: 'no', remote: 'remote', local: 'local' },
  loglevel: {
    silent: 'QUIET',
    quiet: 'QUIET',
    fatal: 'FATAL',
    error: 'ERROR',
    info: 'INFO',
    verbose: 'VERBOSE',
    debug: 'DEBUG1',
    debug1: 'DEBUG1',
    debug2: 'DEBUG2',
    debug3: 'DEBUG3',
  },
  facility: Object.fromEntries(
    ['daemon', 'user', 'auth', 'authpriv', ...Array.from({ length: 8 }, (_, i) => `local${i}`)].map((f) => [f, f.toUpperCase()]),
  ),
  fphash: { md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256', sha384: 'SHA384', sha512: 'SHA512' },
};

/** Types that take exactly one argument ("extra arguments at end of line" otherwise). */
const SINGLE = new Set([
  'flag', 'int', 'time', 'port', 'path', 'string', 'ciphers', 'macs', 'kex', 'keyalgs', 'permitrootlogin', 'ignorerhosts',
  'addressfamily', 'compression', 'gatewayports', 'tcpfwd', 'permittunnel', 'permituserenv', 'loglevel', 'facility',
  'maxstartups', 'persourcemaxstartups', 'persourcenetblocksize', 'octal', 'fphash', 'unusedtimeout',
]);

const AUTH_METHODS = new Set(['none', 'publickey', 'gssapi-keyex', 'gssapi-with-mic', 'password', 'keyboard-interactive', 'hostbased']);

const SERVICES: Record<string, number> = { ssh: 22 };

/** strtonum(s, 0, max) as atoi_err/a2port use it. */
function strtonum(s: string, max: number): number | undefined {
  if (!/^[ \t]*[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s.trim());
  return n >= 0 && n <= max ? n : undefined;
}

/** misc.c convtime(): "1h30m", "90", "2m"… in seconds, or undefined. */
export function convtime(s: string): number | undefined {
  if (s === '') return undefined;
  const re = /(\d+)([sSmMhHdDwW]?)/y;
  let total = 0;
  let i = 0;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return undefined;
    const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2].toLowerCase()]!;
    total += Number(m[1]) * mult;
    if (total > 2147483647) return undefined;
    i = re.lastIndex;
  }
  return total;
}

function a2port(s: string): number | undefined {
  const n = strtonum(s, 65535);
  if (n !== undefined) return n;
  return SERVICES[s];
}

/** sscanf("%d:%d:%d") as MaxStartups uses it: the number of fields read and their values. */
function scanInts(s: string, count: number): number[] {
  const out: number[] = [];
  let rest = s;
  for (let i = 0; i < count; i++) {
    const m = /^[ \t]*([+-]?\d+)/.exec(rest);
    if (!m) break;
    out.push(Number(m[1]));
    rest = rest.slice(m[0].length);
    if (i < count - 1) {
      if (!rest.startsWith(':')) break;
      rest = rest.slice(1);
    }
  }
  return out;
}

function algoProblem(type: string, arg: string, v: OpensshVersion): string | undefined {
  if (arg.startsWith('-')) return undefined;
  const names = arg.startsWith('+') || arg.startsWith('^') ? arg.slice(1) : arg;
  const t = algorithmTables(v);
  const known = type === 'ciphers' ? t.ciphersAll : type === 'macs' ? t.macsAll : type === 'kex' ? t.kexAll : t.keyAll;
  const what = type === 'ciphers' ? 'cipher' : type === 'macs' ? 'MAC' : type === 'kex' ? 'key exchange algorithm' : 'key type';
  if (names === '') return `empty ${what} list`;
  for (const n of names.split(',')) {
    // ciphers_valid(), mac_valid(), kex_names_valid() and sshkey_names_valid2() stop at the first empty name.
    if (n === '') break;
    if (known.includes(n)) continue;
    // sshkey_names_valid2(): a plain key type's short name ("rsa", "ED25519"), or a pattern that
    // matches some key type, positively or negated ("ssh-ed25519*", "!ssh-rsa").
    if (type === 'keyalgs' && (keyShortNameKnown(n, known) || known.some((k) => matchPatternList(k, n) !== 0))) continue;
    return `unknown ${what} "${n}"`;
  }
  return undefined;
}

const ALGO_OPTIONS = new Set<string>(['ciphers', 'macs', 'kexalgorithms', 'hostkeyalgorithms', 'pubkeyacceptedalgorithms', 'hostbasedacceptedalgorithms', 'casignaturealgorithms']);

/**
 * assemble_algorithms() at startup (kex.c kex_assemble_names): a negated name is refused outside a
 * "-" list, and so is a list that leaves no algorithm ("CASignatureAlgorithms rsa", ",bogus").
 */
function assembleProblem(option: string, arg: string, v: OpensshVersion): string | undefined {
  if (!ALGO_OPTIONS.has(option) || arg.startsWith('-')) return undefined;
  const names = arg.startsWith('+') || arg.startsWith('^') ? arg.slice(1) : arg;
  if (names.split(',').some((n) => n.startsWith('!'))) return `"!" is allowed only in a "-" list ("${arg}")`;
  if (resolveAlgorithms(option as AlgoOption, arg, v).effective.length === 0) return `"${arg}" leaves no algorithm`;
  return undefined;
}

/** sshkey_type_from_name() also takes the short names of plain (non-certificate) key types. */
const KEY_SHORT_NAMES: Record<string, string> = {
  rsa: 'ssh-rsa',
  dsa: 'ssh-dss',
  ecdsa: 'ecdsa-sha2-nistp256',
  'ecdsa-sk': 'sk-ecdsa-sha2-nistp256@openssh.com',
  ed25519: 'ssh-ed25519',
  'ed25519-sk': 'sk-ssh-ed25519@openssh.com',
};

function keyShortNameKnown(n: string, known: string[]): boolean {
  const full = KEY_SHORT_NAMES[n.toLowerCase()];
  return full !== undefined && known.includes(full);
}

export function parseValue(d: Directive, info: KeywordInfo, v: OpensshVersion): ParsedValue {
  const args = d.args;
  const first = args[0];
  const ok = (value: string, items?: string[]): ParsedValue => ({ value, items: items ?? [value] });
  const bad = (message: string, tok: Token | undefined = first): ParsedValue => ({
    value: first?.text ?? '',
    items: args.map((a) => a.text),
    problem: { message, start: tok?.start ?? d.keywordStart, end: tok?.end ?? d.keywordEnd },
  });
  const type = info.type;
  if (type === 'none' || type === 'match') return ok(first?.text ?? '', args.map((a) => a.text));
  if (type === 'command' || type === 'rest') {
    return ok(args.map((a) => a.text).join(' '), args.map((a) => a.text));
  }
  const optionalArgs = type === 'words0' || type === 'users' || type === 'groups' || type === 'acceptenv' || type === 'setenv' || type === 'pubkeyauthoptions';
  if (args.length === 0 && !optionalArgs) return bad(`missing argument for ${info.name}`);
  if (SINGLE.has(type) && args.length > 1) return bad(`${info.name} takes one argument: extra arguments at end of line`, args[1]);
  const text = first?.text ?? '';
  const enumMap = ENUMS[type];
  if (enumMap) {
    const key = text.toLowerCase();
    const value = enumMap[key];
    if (value === undefined) {
      const allowed = [...new Set(Object.keys(enumMap))].join(', ');
      return bad(`unsupported ${info.name} value "${text}" (expected ${allowed})`);
    }
    return ok(value);
  }
  switch (type) {
    case 'int': {
      const n = strtonum(text, 2147483647);
      return n === undefined ? bad(`${info.name} needs a non-negative integer, not "${text}"`) : ok(String(n));
    }
    case 'time': {
      const n = convtime(text);
      return n === undefined ? bad(`invalid time value "${text}" for ${info.name} (e.g. 30, 30s, 2m, 1h)`) : ok(String(n));
    }
    case 'unusedtimeout': {
      if (text.toLowerCase() === 'none') return ok('none');
      const n = convtime(text);
      return n === undefined ? bad(`invalid time value "${text}" for ${info.name}`) : ok(String(n));
    }
    case 'port': {
      const n = a2port(text);
      return n === undefined || n <= 0 ? bad(`badly formatted port number "${text}"`) : ok(String(n));
    }
    case 'path':
    case 'string':
      return text === '' ? bad(`missing argument for ${info.name}`) : ok(text);
    case 'ciphers':
    case 'macs':
    case 'kex':
    case 'keyalgs': {
      const p = algoProblem(type, text, v) ?? assembleProblem(info.option, text, v);
      return p ? bad(`${p}: sshd refuses the ${info.name} line`) : ok(text);
    }
    case 'permittunnel': {
      const allowed = ['no', 'point-to-point', 'ethernet', 'yes'];
      return allowed.includes(text) ? ok(text) : bad(`bad PermitTunnel argument "${text}" (expected ${allowed.join(', ')}; case-sensitive)`);
    }
    case 'permituserenv':
      return ok(text);
    case 'maxstartups': {
      const n = scanInts(text, 3);
      if (n.length === 3) {
        if (n[0] > n[2] || n[1] > 100 || n[1] < 1 || n[0] <= 0 || n[2] <= 0) return bad(`invalid MaxStartups spec "${text}"`);
        return ok(`${n[0]}:${n[1]}:${n[2]}`);
      }
      if (n.length !== 1 || n[0] <= 0) return bad(`invalid MaxStartups spec "${text}" (expected start:rate:full or a number)`);
      return ok(String(n[0]));
    }
    case 'persourcemaxstartups': {
      if (text === 'none') return ok('none');
      const n = strtonum(text, 2147483647);
      return n === undefined ? bad(`${info.name} needs an integer or "none"`) : ok(String(n));
    }
    case 'persourcenetblocksize': {
      const n = scanInts(text, 2);
      if (n.length === 0 || n[0] < 0 || n[0] > 32 || (n.length === 2 && (n[1] < 0 || n[1] > 128))) return bad(`invalid ${info.name} spec "${text}"`);
      return ok(n.length === 2 ? `${n[0]}:${n[1]}` : `${n[0]}`);
    }
    case 'octal':
      return /^[0-7]+$/.test(text) && parseInt(text, 8) <= 0o777 ? ok(text) : bad(`invalid ${info.name} "${text}" (octal mode expected)`);
    case 'listenaddress':
      if (args.length === 2 || args.length > 3 || (args.length === 3 && args[1].text !== 'rdomain')) return bad('bad ListenAddress syntax (address[:port] [rdomain name])', args[1]);
      return ok(text);
    case 'subsystem':
      if (args.length < 2) return bad('missing subsystem command', args[0]);
      return ok(`${args[0].text} ${args.slice(1).map((a) => a.text).join(' ')}`, [args[0].text, ...args.slice(1).map((a) => a.text)]);
    case 'users':
    case 'groups':
      for (const a of args) if (a.text === '') return bad(`empty ${info.name} pattern`, a);
      return ok(text, args.map((a) => a.text));
    case 'acceptenv':
      for (const a of args) if (a.text === '' || a.text.includes('=')) return bad('invalid environment variable name', a);
      return ok(text, args.map((a) => a.text));
    case 'setenv':
      for (const a of args) if (!a.text.includes('=')) return bad('invalid environment: SetEnv needs NAME=VALUE', a);
      return ok(text, args.map((a) => a.text));
    case 'authmethods': {
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a.text === 'any') {
          if (args.length > 1) return bad('"any" must appear alone in AuthenticationMethods', a);
          continue;
        }
        for (const m of a.text.split(',')) {
          const name = m.split(':')[0];
          if (!AUTH_METHODS.has(name)) return bad(`unknown authentication method "${name}" in AuthenticationMethods`, a);
        }
      }
      return ok(text, args.map((a) => a.text));
    }
    case 'permitopen': {
      if (text === 'any' || text === 'none') return ok(text);
      for (const a of args) {
        const port = a.text.slice(a.text.lastIndexOf(':') + 1);
        const hasHost = a.text.includes(':');
        if ((info.option === 'permitopen' && !hasHost) || (port !== '*' && !(a2port(port)! > 0))) return bad(`${info.name} bad host:port "${a.text}"`, a);
      }
      return ok(text, args.map((a) => a.text));
    }
    case 'ipqos':
    case 'rekeylimit':
      if (args.length > 2) return bad(`${info.name} takes at most two arguments`, args[2]);
      return ok(args.map((a) => a.text).join(' '), args.map((a) => a.text));
    case 'pubkeyauthoptions':
      for (const a of args) {
        if (!['none', 'touch-required', 'verify-required'].includes(a.text.toLowerCase())) return bad(`unsupported PubkeyAuthOptions option "${a.text}"`, a);
      }
      return ok(text, args.map((a) => a.text));
    case 'include':
      for (const a of args) if (a.text === '') return bad('empty Include argument', a);
      return ok(text, args.map((a) => a.text));
    case 'words':
    case 'words0':
      return ok(text, args.map((a) => a.text));
  }
  return ok(text, args.map((a) => a.text));
}

/** Validates a Match address list without a connection (as sshd does at startup). */
export function addressListValid(list: string): boolean {
  return addrMatchList(undefined, list) !== -2;
}

/** Is the keyword known to this version (vendor keywords are always accepted)? */
export function keywordAvailable(info: KeywordInfo, v: OpensshVersion): boolean {
  return !info.since || versionAtLeast(v, info.since);
}

export function matchAllowed(info: KeywordInfo, v: OpensshVersion): boolean {
  return info.match || (info.matchSince !== undefined && versionAtLeast(v, info.matchSince));
}
