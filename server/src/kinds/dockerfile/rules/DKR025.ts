// DKR025: known-vulnerable software fetched by version (tarball and jar URLs).
import { meta, reportAt, type DRule } from '../ruleutil';

interface Vuln {
  re: RegExp;
  affected: (m: RegExpExecArray) => boolean;
  what: (m: RegExpExecArray) => string;
}

const VULNS: Vuln[] = [
  {
    re: /openssl-(1\.0\.1([a-f])?|3\.0\.(\d+))\.tar/g,
    affected: (m) => (m[3] !== undefined ? Number(m[3]) <= 6 : true),
    what: (m) => (m[3] !== undefined ? `OpenSSL ${m[1]} (CVE-2022-3602, CVE-2022-3786; fixed in 3.0.7)` : `OpenSSL ${m[1]} (Heartbleed, CVE-2014-0160; fixed in 1.0.1g)`),
  },
  {
    re: /log4j-core-2\.(\d+)\.(\d+)\.jar/g,
    affected: (m) => Number(m[1]) < 17 || (Number(m[1]) === 17 && Number(m[2]) < 1),
    what: (m) => `log4j-core 2.${m[1]}.${m[2]} (Log4Shell family, CVE-2021-44228/45046/45105/44832; fixed in 2.17.1)`,
  },
  {
    re: /xz-5\.6\.([01])\.tar/g,
    affected: () => true,
    what: (m) => `xz 5.6.${m[1]} (backdoor, CVE-2024-3094)`,
  },
  {
    re: /curl-(7\.(\d+)\.\d+|8\.([0-3])\.\d+)\.tar/g,
    affected: (m) => (m[2] !== undefined ? Number(m[2]) >= 69 : true),
    what: (m) => `curl ${m[1]} (SOCKS5 heap overflow, CVE-2023-38545; fixed in 8.4.0)`,
  },
  {
    re: /openssh-(8\.([5-9])|9\.([0-7]))p\d\.tar/g,
    affected: () => true,
    what: (m) => `OpenSSH ${m[1]} (regreSSHion, CVE-2024-6387; fixed in 9.8p1)`,
  },
  {
    re: /sudo-1\.(8\.(\d+)|9\.([0-5]))(p(\d+))?\.tar/g,
    affected: (m) => (m[2] !== undefined ? Number(m[2]) >= 2 : !(m[3] === '5' && Number(m[5] ?? 0) >= 2)),
    what: (m) => `sudo 1.${m[1]}${m[4] ?? ''} (Baron Samedit, CVE-2021-3156; fixed in 1.9.5p2)`,
  },
];

export const DKR025: DRule = {
  meta: meta(
    'DKR025',
    'Known-vulnerable software fetched by version',
    'info',
    'no',
    'Building a version with a published critical vulnerability ships that vulnerability in every container.',
    'KICS "Vulnerable OpenSSL Version"',
  ),
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.allInstructions) {
      if (!['RUN', 'ADD', 'COPY', 'ENV', 'ARG'].includes(instr.keyword)) continue;
      const text = model.text.slice(instr.keywordEnd, instr.end);
      for (const v of VULNS) {
        v.re.lastIndex = 0;
        for (let m = v.re.exec(text); m; m = v.re.exec(text)) {
          if (!v.affected(m)) continue;
          const s = instr.keywordEnd + m.index;
          reportAt(ctx, s, s + m[0].length, `Fetches ${v.what(m)}: use a fixed release`);
        }
      }
    }
  },
};
