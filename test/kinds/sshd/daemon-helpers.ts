// Helpers to check the sshd model against the real daemon: fixture discovery, a temporary copy whose
// Include paths sshd can follow, running `sshd -T` / `sshd -t`, and the same dump from our model.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lexSshd } from '../../../server/src/kinds/sshd/lexer';
import { resolveAlgorithms, type AlgoOption } from '../../../server/src/kinds/sshd/crypto';
import { effectiveSettings, type Connection, type SshdModel } from '../../../server/src/kinds/sshd/model';
import { parseVersion, type OpensshVersion } from '../../../server/src/kinds/sshd/versions';

export const FIXTURES = path.resolve(__dirname, '../../../server/src/kinds/sshd/fixtures');

export function findSshd(): string | undefined {
  for (const p of ['/usr/sbin/sshd', '/usr/local/sbin/sshd']) if (fs.existsSync(p)) return p;
  return undefined;
}

/** The installed daemon's version (`sshd -V`), with the Debian package version when there is one. */
export function installedVersion(sshd: string): OpensshVersion {
  const r = spawnSync(sshd, ['-V'], { encoding: 'utf8' });
  let text = `${r.stderr ?? ''}${r.stdout ?? ''}`.split('\n')[0];
  try {
    const deb = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'openssh-server'], { encoding: 'utf8' });
    if (deb) text += ` ${deb}`;
  } catch {
    // not a Debian system
  }
  const v = parseVersion(text);
  if (!v) throw new Error(`cannot read the sshd version from "${text}"`);
  return v;
}

export interface Fixture {
  name: string;
  dir: string;
  connections: Connection[];
  /** Also compare plain `sshd -T` (false when a Match LocalPort makes sshd demand -C lport=). */
  plain: boolean;
  /** Fixtures named *-invalid-* are configurations sshd must refuse. */
  invalid: boolean;
}

export function fixtures(): Fixture[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((n) => fs.statSync(path.join(FIXTURES, n)).isDirectory())
    .sort()
    .map((name) => {
      const dir = path.join(FIXTURES, name);
      const cfile = path.join(dir, 'connections.json');
      const spec: { plain?: boolean; connections?: Connection[] } = fs.existsSync(cfile) ? JSON.parse(fs.readFileSync(cfile, 'utf8')) : {};
      return { name, dir, connections: spec.connections ?? [], plain: spec.plain ?? true, invalid: name.includes('-invalid-') };
    });
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/**
 * Copies a set of files (relative path → text) into a fresh temporary folder, rewriting Include
 * arguments so that sshd reads them there: relative paths and /etc/ssh/… both stand for the folder.
 */
export function materialize(files: Record<string, string>): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-sshd-'));
  for (const [rel, text] of Object.entries(files)) {
    const lexed = lexSshd(rel, text);
    let out = text;
    const edits: { start: number; end: number; text: string }[] = [];
    for (const d of lexed.directives) {
      if (d.key !== 'include') continue;
      for (const a of d.args) {
        if (a.text.startsWith('/etc/ssh/')) edits.push({ start: a.start, end: a.end, text: tmp + a.text.slice('/etc/ssh'.length) });
        else if (!a.text.startsWith('/') && !a.text.startsWith('~')) edits.push({ start: a.start, end: a.end, text: `${tmp}/${a.text}` });
      }
    }
    for (const e of edits.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    const dest = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, out);
  }
  return tmp;
}

export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of walk(dir)) {
    if (path.basename(f) === 'connections.json') continue;
    out[path.relative(dir, f)] = fs.readFileSync(f, 'utf8');
  }
  return out;
}

let hostKey: string | undefined;
export function throwawayHostKey(): string {
  if (!hostKey) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-hostkey-'));
    hostKey = path.join(dir, 'ssh_host_ed25519_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
    fs.mkdirSync('/run/sshd', { recursive: true });
  }
  return hostKey;
}

export function connSpec(c: Connection): string {
  const parts: string[] = [];
  if (c.user !== undefined) parts.push(`user=${c.user}`);
  if (c.host !== undefined) parts.push(`host=${c.host}`);
  if (c.addr !== undefined) parts.push(`addr=${c.addr}`);
  if (c.laddr !== undefined) parts.push(`laddr=${c.laddr}`);
  if (c.lport !== undefined) parts.push(`lport=${c.lport}`);
  return parts.join(',');
}

/** `sshd -T` (with `-C spec` for a connection): option → printed lines; or the error text. */
export function sshdDump(sshd: string, config: string, conn?: Connection): { ok: true; lines: Map<string, string[]> } | { ok: false; error: string } {
  const args = ['-T', '-f', config, '-h', throwawayHostKey()];
  if (conn) args.push('-C', connSpec(conn));
  const r = spawnSync(sshd, args, { encoding: 'utf8' });
  if (r.status !== 0) return { ok: false, error: `${r.stderr}${r.stdout}`.trim() };
  const lines = new Map<string, string[]>();
  for (const line of r.stdout.split('\n')) {
    if (!line) continue;
    const sp = line.indexOf(' ');
    const key = sp < 0 ? line : line.slice(0, sp);
    lines.set(key, [...(lines.get(key) ?? []), sp < 0 ? '' : line.slice(sp + 1)]);
  }
  return { ok: true, lines };
}

/** `sshd -t`: exit status 0 and the error text otherwise. */
export function sshdTest(sshd: string, config: string): { ok: boolean; error: string } {
  const r = spawnSync(sshd, ['-t', '-f', config, '-h', throwawayHostKey()], { encoding: 'utf8' });
  return { ok: r.status === 0, error: `${r.stderr}${r.stdout}`.trim() };
}

/** Compiled-in defaults of the compared options, as `sshd -T` prints them (OpenSSH 9.x). */
const DEFAULTS: Record<string, string> = {
  permitrootlogin: 'without-password',
  passwordauthentication: 'yes',
  kbdinteractiveauthentication: 'yes',
  usepam: 'no',
  authenticationmethods: 'any',
  permitemptypasswords: 'no',
  pubkeyauthentication: 'yes',
  hostbasedauthentication: 'no',
  ignorerhosts: 'yes',
  ignoreuserknownhosts: 'no',
  permituserenvironment: 'no',
  gssapiauthentication: 'no',
  kerberosauthentication: 'no',
  kerberosorlocalpasswd: 'yes',
  gssapicleanupcredentials: 'yes',
  kerberosticketcleanup: 'yes',
  requiredrsasize: '1024',
  modulifile: '/etc/ssh/moduli',
  x11forwarding: 'no',
  x11uselocalhost: 'yes',
  allowtcpforwarding: 'yes',
  gatewayports: 'no',
  permittunnel: 'no',
  allowstreamlocalforwarding: 'yes',
  disableforwarding: 'no',
  allowagentforwarding: 'yes',
  maxauthtries: '6',
  logingracetime: '120',
  maxstartups: '10:30:100',
  persourcemaxstartups: 'none',
  maxsessions: '10',
  clientaliveinterval: '0',
  clientalivecountmax: '3',
  usedns: 'no',
  tcpkeepalive: 'yes',
  compression: 'yes',
  loglevel: 'INFO',
  syslogfacility: 'AUTH',
  strictmodes: 'yes',
  banner: 'none',
  printmotd: 'yes',
  addressfamily: 'any',
};

const LISTS = ['allowusers', 'denyusers', 'allowgroups', 'denygroups', 'acceptenv', 'subsystem', 'port', 'hostkey'];
const ALGOS: AlgoOption[] = ['ciphers', 'macs', 'kexalgorithms', 'hostkeyalgorithms', 'pubkeyacceptedalgorithms', 'hostbasedacceptedalgorithms', 'casignaturealgorithms'];

/** Every option compared with sshd -T: the security keywords the SSH rules read. */
export const COMPARED = [...Object.keys(DEFAULTS), ...LISTS, ...ALGOS];

const DUMP_NAMES: Record<string, Record<string, string>> = {
  permitrootlogin: { 'prohibit-password': 'without-password' },
  loglevel: { QUIET: 'SILENT', DEBUG1: 'DEBUG' },
};

/** Our model's answer to `sshd -T [-C …]` for one option. */
export function ourDump(model: SshdModel, option: string, conn: Connection): string[] {
  const settings = effectiveSettings(model, option, conn);
  if ((ALGOS as string[]).includes(option)) {
    return [resolveAlgorithms(option as AlgoOption, settings[0]?.parsed.value, model.version).effective.join(',')];
  }
  if (LISTS.includes(option)) {
    const items = settings.flatMap((s) => (option === 'subsystem' || option === 'port' || option === 'hostkey' ? [s.parsed.value] : s.parsed.items));
    if (option === 'port' && items.length === 0) return ['22'];
    return items;
  }
  const s = settings[0];
  if (!s) return [DEFAULTS[option]];
  let value = s.parsed.value;
  if (option === 'authenticationmethods') value = s.parsed.items.join(' ');
  if (option === 'maxstartups' && !value.includes(':')) value = `${value}:30:${value}`;
  return [DUMP_NAMES[option]?.[value] ?? value];
}
