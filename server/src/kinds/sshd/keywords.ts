// The sshd_config keyword table, after servconf.c `keywords[]` (OpenSSH 9.2 as built by Debian, plus
// the keywords added up to OpenSSH 10 and the distribution patches' keywords that real configs use).
// For each keyword: the option it sets (aliases point at their target), its value type, whether it
// is allowed inside `Match`, how repeated lines combine, and its status (deprecated, ignored…).

export type ValueType =
  | 'flag'
  | 'int'
  | 'time'
  | 'port'
  | 'path'
  | 'string'
  | 'command'
  | 'rest'
  | 'ciphers'
  | 'macs'
  | 'kex'
  | 'keyalgs'
  | 'permitrootlogin'
  | 'ignorerhosts'
  | 'addressfamily'
  | 'compression'
  | 'gatewayports'
  | 'tcpfwd'
  | 'permittunnel'
  | 'permituserenv'
  | 'loglevel'
  | 'facility'
  | 'maxstartups'
  | 'persourcemaxstartups'
  | 'persourcenetblocksize'
  | 'listenaddress'
  | 'subsystem'
  | 'users'
  | 'groups'
  | 'acceptenv'
  | 'setenv'
  | 'authmethods'
  | 'permitopen'
  | 'ipqos'
  | 'rekeylimit'
  | 'octal'
  | 'fphash'
  | 'pubkeyauthoptions'
  | 'unusedtimeout'
  | 'words'
  | 'words0'
  | 'include'
  | 'match'
  | 'none';

/**
 * How repeated lines combine: the first line read wins (most keywords), the last one wins
 * (sshd overwrites: MaxStartups…), every line adds values (AllowUsers, Port…), or the first line
 * sets the whole list and later lines are ignored (AuthenticationMethods, SetEnv…).
 */
export type Multiplicity = 'first' | 'last' | 'accumulate' | 'firstline';

export type KeywordStatus = 'active' | 'deprecated' | 'ignored' | 'unsupported';

export interface KeywordInfo {
  /** Canonical spelling, e.g. PasswordAuthentication. */
  name: string;
  /** Lowercase name of the option it sets (aliases: their target); also its `sshd -T` name. */
  option: string;
  type: ValueType;
  /** Allowed inside a Match block. */
  match: boolean;
  mult: Multiplicity;
  status: KeywordStatus;
  /** First OpenSSH version that knows the keyword. */
  since?: string;
  /** First version that allows it inside Match (when that came later than the keyword). */
  matchSince?: string;
  /** Set by a distribution's patch, not upstream (known so that real configs are not reported). */
  vendor?: string;
  /** Set when it is a deprecated spelling of another keyword. */
  aliasOf?: string;
}

// name, type, scope (G global, A global and Match), mult (f first, l last, a accumulate, 1 first line),
// status (. active, d deprecated, i ignored, u unsupported), since, extra (alias=X | vendor=X | matchSince=X)
const SPEC = `
UsePAM flag G f .
PAMAuthenticationViaKbdInt none G f d
Port port G a .
HostKey path G a .
HostDSAKey path G a . - alias=HostKey
HostKeyAgent string G f .
PidFile path G f .
ModuliFile path G f .
ServerKeyBits none G f d
LoginGraceTime time G f .
KeyRegenerationInterval none G f d
PermitRootLogin permitrootlogin A f .
SyslogFacility facility G f .
LogLevel loglevel A f .
LogVerbose words0 A 1 .
RhostsAuthentication none G f d
RhostsRSAAuthentication none A f d
HostbasedAuthentication flag A f .
HostbasedUsesNameFromPacketOnly flag A f .
HostbasedAcceptedAlgorithms keyalgs A f . 8.5
HostbasedAcceptedKeyTypes keyalgs A f . - alias=HostbasedAcceptedAlgorithms
HostKeyAlgorithms keyalgs G f .
RSAAuthentication none A f d
PubkeyAuthentication flag A f .
PubkeyAcceptedAlgorithms keyalgs A f . 8.5
PubkeyAcceptedKeyTypes keyalgs A f . - alias=PubkeyAcceptedAlgorithms
PubkeyAuthOptions pubkeyauthoptions A f .
DSAAuthentication flag G f . - alias=PubkeyAuthentication
KerberosAuthentication flag A f .
KerberosOrLocalPasswd flag G f .
KerberosTicketCleanup flag G f .
KerberosGetAFSToken flag G f u
KerberosTgtPassing none G f u
AFSTokenPassing none G f u
GSSAPIAuthentication flag A f .
GSSAPICleanupCredentials flag G f .
GSSAPICleanupCreds flag G f . - alias=GSSAPICleanupCredentials
GSSAPIStrictAcceptorCheck flag G f .
GSSAPIKeyExchange flag G f . - vendor=Debian/RHEL
GSSAPIStoreCredentialsOnRekey flag G f . - vendor=Debian/RHEL
GSSAPIKexAlgorithms string G f . - vendor=Debian/RHEL
GSSUseSessionCCache none G f u
GSSAPIUseSessionCredCache none G f u
PasswordAuthentication flag A f .
KbdInteractiveAuthentication flag A f .
ChallengeResponseAuthentication flag A f . - alias=KbdInteractiveAuthentication
SKeyAuthentication flag A f . - alias=KbdInteractiveAuthentication
CheckMail none G f d
ListenAddress listenaddress G a .
AddressFamily addressfamily G f .
PrintMotd flag G f .
PrintLastLog flag G f .
IgnoreRhosts ignorerhosts A f .
IgnoreUserKnownHosts flag G f .
X11Forwarding flag A f .
X11DisplayOffset int A f .
X11UseLocalhost flag A f .
XAuthLocation path G f .
StrictModes flag G f .
PermitBlacklistedKeys none G f d - vendor=Debian
PermitEmptyPasswords flag A f .
PermitUserEnvironment permituserenv G f .
UseLogin none G f d
Compression compression G f .
RekeyLimit rekeylimit A f .
TCPKeepAlive flag G f .
KeepAlive flag G f . - alias=TCPKeepAlive
AllowTcpForwarding tcpfwd A f .
AllowAgentForwarding flag A f .
AllowUsers users A a .
DenyUsers users A a .
AllowGroups groups A a .
DenyGroups groups A a .
Ciphers ciphers G f .
MACs macs G f .
Protocol none G f i
GatewayPorts gatewayports A f .
Subsystem subsystem G a . - matchSince=9.4
MaxStartups maxstartups G l .
PerSourceMaxStartups persourcemaxstartups G l . 8.5
PerSourceNetBlockSize persourcenetblocksize G l . 8.5
MaxAuthTries int A f .
MaxSessions int A f .
Banner path A f .
UseDNS flag G f .
VerifyReverseMapping none G f d
ReverseMappingCheck none G f d
ClientAliveInterval time A f .
ClientAliveCountMax int A f .
AuthorizedKeysFile words0 A 1 .
AuthorizedKeysFile2 none A f d
UsePrivilegeSeparation none G f d
AcceptEnv acceptenv A a .
SetEnv setenv A 1 .
PermitTunnel permittunnel A f .
PermitTTY flag A f .
PermitUserRC flag A f .
Match match A f .
PermitOpen permitopen A 1 .
PermitListen permitopen A 1 .
ForceCommand command A f .
ChrootDirectory string A f .
HostCertificate path G a .
RevokedKeys path A f .
TrustedUserCAKeys path A f .
AuthorizedPrincipalsFile string A f .
KexAlgorithms kex G f .
Include include A f .
IPQoS ipqos A l .
AuthorizedKeysCommand command A f .
AuthorizedKeysCommandUser string A f .
AuthorizedPrincipalsCommand command A f .
AuthorizedPrincipalsCommandUser string A f .
VersionAddendum rest G f .
AuthenticationMethods authmethods A 1 .
StreamLocalBindMask octal A l .
StreamLocalBindUnlink flag A f .
AllowStreamLocalForwarding tcpfwd A f .
FingerprintHash fphash G l .
DisableForwarding flag A f .
ExposeAuthInfo flag A f .
RDomain string A f .
CASignatureAlgorithms keyalgs A f .
SecurityKeyProvider string G f .
RequiredRSASize int A f . 9.1
ChannelTimeout words0 A 1 . 9.2
UnusedConnectionTimeout unusedtimeout A f . 9.2
DebianBanner flag G f . - vendor=Debian
PerSourcePenalties words G f . 9.8
PerSourcePenaltyExemptList string G f . 9.8
SshdSessionPath path G f . 9.8
PAMServiceName string G f . 9.8
RefuseConnection flag A f . 9.9
SshdAuthPath path G f . 10.0
UseBlocklist flag G f . - vendor=FreeBSD
UseBlacklist flag G f . - vendor=FreeBSD
RSAMinSize int A f . - vendor=RHEL
GSSAPIEnablek5users flag G f . - vendor=RHEL
GSSAPIIndicators words G f . - vendor=RHEL
GSSAPIDelegateCredentials flag G f . - vendor=RHEL
KerberosUniqueCCache flag G f . - vendor=RHEL
KerberosUseKuserok flag A f . - vendor=RHEL
CanonicalMatchUser flag G f . - vendor=RHEL
X11MaxDisplays int G f . - vendor=RHEL
`;

const MULT: Record<string, Multiplicity> = { f: 'first', l: 'last', a: 'accumulate', '1': 'firstline' };
const STATUS: Record<string, KeywordStatus> = { '.': 'active', d: 'deprecated', i: 'ignored', u: 'unsupported' };

const KEYWORDS = new Map<string, KeywordInfo>();

for (const row of SPEC.trim().split('\n')) {
  const [name, type, scope, mult, status, since, extra] = row.trim().split(/\s+/);
  const info: KeywordInfo = {
    name,
    option: name.toLowerCase(),
    type: type as ValueType,
    match: scope === 'A',
    mult: MULT[mult],
    status: STATUS[status],
  };
  if (since && since !== '-') info.since = since;
  if (extra) {
    const [k, v] = extra.split('=');
    if (k === 'alias') info.aliasOf = v;
    else if (k === 'vendor') info.vendor = v;
    else if (k === 'matchSince') info.matchSince = v;
  }
  KEYWORDS.set(name.toLowerCase(), info);
}
for (const info of KEYWORDS.values()) {
  if (info.aliasOf) {
    const target = KEYWORDS.get(info.aliasOf.toLowerCase())!;
    info.option = target.option;
    info.mult = target.mult;
  }
}

export function keywordInfo(key: string): KeywordInfo | undefined {
  return KEYWORDS.get(key.toLowerCase());
}

/** Canonical spelling of an option key (e.g. "passwordauthentication" → "PasswordAuthentication"). */
export function canonicalName(option: string): string {
  return KEYWORDS.get(option)?.name ?? option;
}
