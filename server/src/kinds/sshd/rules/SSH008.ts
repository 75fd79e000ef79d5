// SSH008: Kerberos/GSSAPI authentication enabled or its credential cleanup disabled.
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { checkExplicit, meta } from '../ruleutil';

const CHECKS: [string, string, string, string][] = [
  ['gssapiauthentication', 'yes', 'no', 'GSSAPIAuthentication yes: Kerberos/GSSAPI logins are accepted (extra attack surface, slow logins when unused)'],
  ['kerberosauthentication', 'yes', 'no', 'KerberosAuthentication yes: passwords are checked against the KDC'],
  ['kerberosorlocalpasswd', 'yes', 'no', 'KerberosOrLocalPasswd yes: falls back to the local password when Kerberos rejects it'],
  ['gssapicleanupcredentials', 'no', 'yes', 'GSSAPICleanupCredentials no: delegated credentials stay on the server after logout'],
  ['kerberosticketcleanup', 'no', 'yes', 'KerberosTicketCleanup no: Kerberos tickets stay on the server after logout'],
];

export const SSH008: Rule<SshdModel> = {
  meta: meta({
    id: 'SSH008',
    title: 'Kerberos/GSSAPI authentication enabled',
    severity: 'info',
    fix: 'yes',
    why: 'Kerberos and GSSAPI authentication add code paths and network lookups to every login; when the host is not in a Kerberos realm they are only attack surface, and credentials left after logout can be reused.',
    anchors: 'baseline sshd-30…34; devsec-role ssh_gssapi_support: false; newer CIS "GSSAPIAuthentication disabled"',
  }),
  check(ctx) {
    for (const [option, bad, good, message] of CHECKS) checkExplicit(ctx, option, (v) => (v === bad ? message : undefined), good);
  },
};
