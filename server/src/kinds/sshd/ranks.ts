// How safe a value is, per option, so that conflicting lines can be compared (SSH034): a higher rank
// is safer; undefined means the values are not comparable (two Banner files, two ports…).
import { listWeakness, type AlgoOption } from './crypto';
import type { OpensshVersion } from './versions';

const YES_INSECURE = new Set([
  'passwordauthentication',
  'permitemptypasswords',
  'hostbasedauthentication',
  'x11forwarding',
  'allowagentforwarding',
  'gssapiauthentication',
  'kerberosauthentication',
  'kerberosorlocalpasswd',
  'kbdinteractiveauthentication',
  'usedns',
  'tcpkeepalive',
  'compression',
  'debianbanner',
  'permituserrc',
  'hostbasedusesnamefrompacketonly',
  'exposeauthinfo',
]);
const NO_INSECURE = new Set([
  'x11uselocalhost',
  'ignoreuserknownhosts',
  'strictmodes',
  'disableforwarding',
  'usepam',
  'gssapicleanupcredentials',
  'kerberosticketcleanup',
  'gssapistrictacceptorcheck',
]);

const ORDERS: Record<string, string[]> = {
  permitrootlogin: ['yes', 'prohibit-password', 'forced-commands-only', 'no'],
  allowtcpforwarding: ['yes', 'remote', 'local', 'no'],
  allowstreamlocalforwarding: ['yes', 'remote', 'local', 'no'],
  gatewayports: ['yes', 'clientspecified', 'no'],
  permittunnel: ['yes', 'ethernet', 'point-to-point', 'no'],
  ignorerhosts: ['no', 'shosts-only', 'yes'],
  loglevel: ['QUIET', 'FATAL', 'ERROR', 'DEBUG1', 'DEBUG2', 'DEBUG3', 'INFO', 'VERBOSE'],
};

/** Lower is safer for these counts/durations; 0 means "no limit" for the durations. */
const ALGO_OPTIONS = new Set(['ciphers', 'macs', 'kexalgorithms', 'hostkeyalgorithms', 'pubkeyacceptedalgorithms', 'hostbasedacceptedalgorithms', 'casignaturealgorithms']);

const LOWER_SAFER = new Set(['maxauthtries', 'maxsessions']);
const LOWER_SAFER_ZERO_WORST = new Set(['logingracetime', 'clientaliveinterval', 'clientalivecountmax']);

export function rank(option: string, value: string, v: OpensshVersion): number | undefined {
  if (YES_INSECURE.has(option)) return value === 'no' ? 1 : value === 'yes' ? 0 : undefined;
  if (NO_INSECURE.has(option)) return value === 'yes' ? 1 : value === 'no' ? 0 : undefined;
  if (option === 'permituserenvironment') return value === 'no' ? 1 : 0;
  const order = ORDERS[option];
  if (order) {
    const i = order.indexOf(value);
    return i < 0 ? undefined : i;
  }
  if (LOWER_SAFER.has(option)) return -Number(value);
  if (LOWER_SAFER_ZERO_WORST.has(option)) {
    const n = Number(value);
    return n === 0 ? -Infinity : -n;
  }
  if (option === 'requiredrsasize') return Number(value);
  if (ALGO_OPTIONS.has(option)) return -listWeakness(option as AlgoOption, value, v);
  return undefined;
}
