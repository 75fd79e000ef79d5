// Reading the command lines of common tools inside RUN: wrappers (sudo, env, …), option parsing
// with each tool's own "takes an argument" options, and package-manager subcommands.
import type { Command, Word } from './shell';
import { commandName } from './shell';

export interface Invocation {
  cmd: Command;
  /** Basename of the effective program (`/usr/bin/apt-get` → `apt-get`). */
  name: string;
  nameWord: Word;
  /** Words after the program name. */
  args: Word[];
  /** The `sudo` word when the program runs under sudo. */
  sudo?: Word;
}

/** Wrapper programs and the options of theirs that take an argument. */
const WRAPPERS: Record<string, { short: string; long: string[] }> = {
  sudo: { short: 'ugCDghprTUc', long: ['user', 'group', 'close-from', 'chdir', 'host', 'prompt', 'role', 'type', 'other-user', 'command-timeout'] },
  env: { short: 'uCS', long: ['unset', 'chdir', 'split-string'] },
  command: { short: '', long: [] },
  exec: { short: 'a', long: [] },
  nohup: { short: '', long: [] },
  time: { short: 'fo', long: ['format', 'output'] },
  nice: { short: 'n', long: ['adjustment'] },
  ionice: { short: 'cnp', long: ['class', 'classdata', 'pid'] },
  stdbuf: { short: 'ioe', long: ['input', 'output', 'error'] },
  eatmydata: { short: '', long: [] },
  timeout: { short: 'ks', long: ['kill-after', 'signal'] },
  xargs: { short: 'EeIiLlnPsd', long: ['eof', 'replace', 'max-lines', 'max-args', 'max-procs', 'max-chars', 'delimiter', 'arg-file'] },
  su: { short: '', long: [] },
  gosu: { short: '', long: [] },
  'su-exec': { short: '', long: [] },
  tini: { short: '', long: [] },
  'dumb-init': { short: '', long: [] },
};

/** The program a command runs, looking through sudo, env, nohup, xargs, busybox… */
// Rules ask for the same command's invocation, package manager and options again and again:
// each is computed once per command (the results are never modified).
const invocations = new WeakMap<Command, Invocation | undefined>();
const packageManagers = new WeakMap<Command, PackageManagerCall | undefined>();
const parsedOptions = new WeakMap<Word[], Map<OptSpec, Parsed>>();

export function invocation(cmd: Command): Invocation | undefined {
  if (invocations.has(cmd)) return invocations.get(cmd);
  const inv = computeInvocation(cmd);
  invocations.set(cmd, inv);
  return inv;
}

function computeInvocation(cmd: Command): Invocation | undefined {
  let words = cmd.words;
  if (words.length === 0) return undefined;
  let sudo: Word | undefined;
  for (let guard = 0; guard < 8 && words.length > 0; guard++) {
    const name = commandName(words[0]);
    if (name === 'busybox' && words.length > 1) {
      words = words.slice(1);
      continue;
    }
    const w = WRAPPERS[name];
    if (!w) break;
    if (name === 'sudo') sudo = words[0];
    let k = 1;
    if (name === 'timeout') {
      // timeout [options] DURATION command
      while (k < words.length && words[k].value.startsWith('-')) k += needsValue(words[k].value, w) ? 2 : 1;
      k++;
    } else if (name === 'gosu' || name === 'su-exec') {
      k = 2;
    } else if (name === 'su') {
      // su [-] user -c "cmd": not unwrapped (the command is a string)
      return { cmd, name, nameWord: words[0], args: words.slice(1), sudo };
    } else {
      while (k < words.length) {
        const v = words[k].value;
        if (v === '--') {
          k++;
          break;
        }
        if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
          k++;
          continue;
        }
        if (!v.startsWith('-') || v === '-') break;
        k += needsValue(v, w) ? 2 : 1;
      }
    }
    if (k >= words.length) return { cmd, name, nameWord: words[0], args: words.slice(1), sudo };
    words = words.slice(k);
  }
  return { cmd, name: commandName(words[0]), nameWord: words[0], args: words.slice(1), sudo };
}

function needsValue(opt: string, spec: { short: string; long: string[] }): boolean {
  if (opt.startsWith('--')) {
    if (opt.includes('=')) return false;
    return spec.long.includes(opt.slice(2));
  }
  const last = opt[opt.length - 1];
  return opt.length === 2 && spec.short.includes(last);
}

export interface Opt {
  /** Long name without dashes, or the single letter. */
  name: string;
  long: boolean;
  value?: string;
  word: Word;
  valueWord?: Word;
  /** For a short option in a combined word (`-fsSL`), its index in the word. */
  charIndex?: number;
}

export interface OptSpec {
  /** Short options that take an argument. */
  short?: string;
  /** Long options that take an argument. */
  long?: string[];
}

export interface Parsed {
  opts: Opt[];
  operands: Word[];
}

/** GNU-style option parsing (options may follow operands; `--` ends options). */
const longSets = new WeakMap<OptSpec, Set<string>>();

export function parseOptions(args: Word[], spec: OptSpec): Parsed {
  let perSpec = parsedOptions.get(args);
  if (!perSpec) parsedOptions.set(args, (perSpec = new Map()));
  let parsed = perSpec.get(spec);
  if (!parsed) perSpec.set(spec, (parsed = computeOptions(args, spec)));
  return parsed;
}

function computeOptions(args: Word[], spec: OptSpec): Parsed {
  const opts: Opt[] = [];
  const operands: Word[] = [];
  const shortArg = spec.short ?? '';
  let longArg = longSets.get(spec);
  if (!longArg) longSets.set(spec, (longArg = new Set(spec.long ?? [])));
  for (let k = 0; k < args.length; k++) {
    const w = args[k];
    const v = w.value;
    if (v === '--') {
      operands.push(...args.slice(k + 1));
      break;
    }
    if (v.startsWith('--') && v.length > 2) {
      const eq = v.indexOf('=');
      const name = eq >= 0 ? v.slice(2, eq) : v.slice(2);
      if (eq >= 0) opts.push({ name, long: true, value: v.slice(eq + 1), word: w });
      else if (longArg.has(name) && k + 1 < args.length) {
        opts.push({ name, long: true, value: args[k + 1].value, word: w, valueWord: args[k + 1] });
        k++;
      } else opts.push({ name, long: true, word: w });
      continue;
    }
    if (v.startsWith('-') && v.length > 1 && w.resolved !== false) {
      for (let c = 1; c < v.length; c++) {
        const ch = v[c];
        if (shortArg.includes(ch)) {
          const rest = v.slice(c + 1);
          if (rest) opts.push({ name: ch, long: false, value: rest, word: w, charIndex: c });
          else if (k + 1 < args.length) {
            opts.push({ name: ch, long: false, value: args[k + 1].value, word: w, valueWord: args[k + 1], charIndex: c });
            k++;
          } else opts.push({ name: ch, long: false, word: w, charIndex: c });
          break;
        }
        opts.push({ name: ch, long: false, word: w, charIndex: c });
      }
      continue;
    }
    operands.push(w);
  }
  return { opts, operands };
}

export function hasOpt(p: Parsed, ...names: string[]): Opt | undefined {
  return p.opts.find((o) => names.includes(o.name));
}

export const CURL_SPEC: OptSpec = {
  short: 'oHdDuXAeFTxmwCrbcEKQtUyYzP',
  long: [
    'output', 'header', 'data', 'data-binary', 'data-raw', 'data-urlencode', 'data-ascii', 'user', 'request', 'user-agent', 'referer', 'form',
    'form-string', 'upload-file', 'proxy', 'max-time', 'connect-timeout', 'write-out', 'continue-at', 'range', 'cookie', 'cookie-jar', 'dump-header',
    'cert', 'key', 'pass', 'cacert', 'capath', 'config', 'quote', 'telnet-option', 'proxy-user', 'speed-limit', 'speed-time', 'time-cond', 'ftp-port',
    'retry', 'retry-delay', 'retry-max-time', 'url', 'output-dir', 'resolve', 'limit-rate', 'proto', 'proto-redir', 'proto-default', 'interface',
    'local-port', 'max-filesize', 'max-redirs', 'netrc-file', 'oauth2-bearer', 'pinnedpubkey', 'tls-max', 'tlsv1.3', 'ciphers', 'compressed-ssh',
    'unix-socket', 'abstract-unix-socket', 'variable', 'expand-url', 'json', 'hsts', 'alt-svc', 'etag-save', 'etag-compare', 'connect-to', 'dns-servers',
  ],
};

export const WGET_SPEC: OptSpec = {
  short: 'OoaPTtUeiBwQlARDIXYH',
  long: [
    'output-document', 'output-file', 'append-output', 'directory-prefix', 'timeout', 'tries', 'user-agent', 'header', 'execute', 'input-file', 'base',
    'wait', 'quota', 'level', 'accept', 'reject', 'domains', 'include-directories', 'exclude-directories', 'post-data', 'post-file', 'user',
    'password', 'http-user', 'http-password', 'ca-certificate', 'ca-directory', 'certificate', 'private-key', 'load-cookies', 'save-cookies',
    'limit-rate', 'method', 'body-data', 'body-file', 'referer', 'secure-protocol', 'dns-timeout', 'connect-timeout', 'read-timeout', 'waitretry',
    'bind-address', 'restrict-file-names', 'progress', 'config', 'rejected-log', 'output', 'https-only',
  ],
};

export const APT_SPEC: OptSpec = { short: 'oct', long: ['option', 'config-file', 'target-release', 'default-release'] };
export const APK_SPEC: OptSpec = { short: 'Xtp', long: ['repository', 'virtual', 'root', 'arch', 'cache-dir', 'keys-dir', 'repositories-file', 'wait', 'timeout', 'cache-max-age'] };
export const YUM_SPEC: OptSpec = {
  short: 'cdexR',
  long: ['config', 'setopt', 'enablerepo', 'disablerepo', 'exclude', 'installroot', 'releasever', 'repo', 'repoid', 'repofrompath', 'downloaddir', 'destdir', 'forcearch', 'color', 'rpmverbosity', 'debuglevel', 'errorlevel', 'best', 'nobest', 'advisory', 'bz', 'cve', 'sec-severity', 'secseverity', 'module-name'],
};
export const PIP_SPEC: OptSpec = {
  short: 'rceiftb',
  long: [
    'requirement', 'constraint', 'editable', 'index-url', 'extra-index-url', 'find-links', 'target', 'prefix', 'root', 'src', 'trusted-host', 'platform',
    'python-version', 'implementation', 'abi', 'no-binary', 'only-binary', 'progress-bar', 'upgrade-strategy', 'config-settings', 'global-option',
    'report', 'log', 'proxy', 'cert', 'client-cert', 'cache-dir', 'timeout', 'retries', 'exists-action', 'build', 'python', 'group', 'keyring-provider', 'root-user-action',
  ],
};
export const NPM_SPEC: OptSpec = { short: 'w', long: ['registry', 'prefix', 'workspace', 'omit', 'include', 'cache', 'userconfig', 'tag', 'save-prefix', 'loglevel'] };
export const GEM_SPEC: OptSpec = { short: 'vipns', long: ['version', 'install-dir', 'bindir', 'source', 'platform', 'document'] };

export interface PackageManagerCall {
  inv: Invocation;
  /** apt, apk, yum (dnf/microdnf/tdnf), zypper, pip, npm, yarn, gem, go. */
  tool: 'apt' | 'apk' | 'yum' | 'zypper' | 'pip' | 'npm' | 'yarn' | 'gem' | 'go';
  /** The subcommand (`install`, `add`, `update`, …), lower-cased. */
  sub: string;
  subWord?: Word;
  /** Parsed options and operands of the whole call (subcommand excluded from operands). */
  parsed: Parsed;
}

const PIP_NAMES = /^pip(\d+(\.\d+)?)?$/;
const PYTHON_NAMES = /^python(\d+(\.\d+)?)?$/;

/** Recognises package-manager invocations (apt-get, apk, yum/dnf, zypper, pip, npm, yarn, gem, go). */
export function packageManager(cmd: Command): PackageManagerCall | undefined {
  if (packageManagers.has(cmd)) return packageManagers.get(cmd);
  const pm = computePackageManager(cmd);
  packageManagers.set(cmd, pm);
  return pm;
}

function computePackageManager(cmd: Command): PackageManagerCall | undefined {
  const inv = invocation(cmd);
  if (!inv) return undefined;
  const n = inv.name;
  let tool: PackageManagerCall['tool'] | undefined;
  let spec: OptSpec = {};
  let args = inv.args;
  if (n === 'apt-get' || n === 'apt' || n === 'aptitude') {
    tool = 'apt';
    spec = APT_SPEC;
  } else if (n === 'apk') {
    tool = 'apk';
    spec = APK_SPEC;
  } else if (n === 'yum' || n === 'dnf' || n === 'microdnf' || n === 'tdnf' || n === 'dnf5') {
    tool = 'yum';
    spec = YUM_SPEC;
  } else if (n === 'zypper') {
    tool = 'zypper';
    spec = { short: 'r', long: ['repo', 'root', 'config'] };
  } else if (PIP_NAMES.test(n)) {
    tool = 'pip';
    spec = PIP_SPEC;
  } else if (PYTHON_NAMES.test(n)) {
    const m = args.findIndex((w) => w.value === '-m');
    if (m >= 0 && args[m + 1] && PIP_NAMES.test(args[m + 1].value)) {
      tool = 'pip';
      spec = PIP_SPEC;
      args = args.slice(m + 2);
    } else return undefined;
  } else if (n === 'uv' && args[0]?.value === 'pip') {
    tool = 'pip';
    spec = PIP_SPEC;
    args = args.slice(1);
  } else if (n === 'npm' || n === 'pnpm') {
    tool = 'npm';
    spec = NPM_SPEC;
  } else if (n === 'yarn') {
    tool = 'yarn';
    spec = NPM_SPEC;
  } else if (n === 'gem') {
    tool = 'gem';
    spec = GEM_SPEC;
  } else if (n === 'go') {
    tool = 'go';
  } else return undefined;
  const parsed = parseOptions(args, spec);
  const subWord = parsed.operands[0];
  const sub = subWord ? subWord.value.toLowerCase() : '';
  return { inv, tool, sub, subWord, parsed: { opts: parsed.opts, operands: parsed.operands.slice(1) } };
}

export const INSTALL_SUBS: Record<PackageManagerCall['tool'], string[]> = {
  apt: ['install'],
  apk: ['add'],
  yum: ['install', 'groupinstall', 'localinstall', 'reinstall'],
  zypper: ['install', 'in'],
  pip: ['install'],
  npm: ['install', 'i', 'add', 'isntall', 'in'],
  yarn: ['add'],
  gem: ['install'],
  go: ['install', 'get'],
};

export function isInstall(pm: PackageManagerCall): boolean {
  return INSTALL_SUBS[pm.tool].includes(pm.sub) || (pm.tool === 'yarn' && pm.sub === 'global' && pm.parsed.operands[0]?.value === 'add');
}

/** Is this word a shell interpreter or a scripting-language interpreter that runs code from stdin / an argument? */
export const INTERPRETERS = new Set([
  'sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'fish', 'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'nodejs', 'php', 'pwsh', 'powershell', 'deno', 'bun', 'lua',
]);

export function isInterpreterName(name: string): boolean {
  return INTERPRETERS.has(name) || /^python\d+(\.\d+)?$/.test(name);
}
