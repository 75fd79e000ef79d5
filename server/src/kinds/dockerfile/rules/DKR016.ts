// DKR016: downloads without integrity check (ADD <url> without --checksum, unpinned ADD <git>,
// curl/wget artefacts not verified in the same RUN).
import { invocation, parseOptions, CURL_SPEC, WGET_SPEC } from '../cli';
import type { Command, Script } from '../shell';
import { copyParts } from './DKR008';
import { downloadsToStdout } from './DKR015';
import { meta, reportAt, type DRule } from '../ruleutil';
import { cutAtFirstOf } from '../scan';

const VERIFIERS = new Set(['sha256sum', 'sha512sum', 'sha384sum', 'sha224sum', 'sha1sum', 'md5sum', 'b2sum', 'shasum', 'gpg', 'gpgv', 'gpg2', 'cosign', 'minisign', 'signify', 'slsa-verifier', 'rpm', 'rpmkeys']);
const UNPACKERS = new Set(['tar', 'unzip', 'gunzip', 'bunzip2', 'xz', 'unxz', 'zstd', 'dpkg', 'rpm', 'cpio', 'bsdtar', 'zcat']);
const CHECKSUM_FILE = /\.(sha256|sha512|sha1|md5|asc|sig|sign|pem|pub|gpg|minisig|sha256sum|sha512sum|intoto\.jsonl)$|SHA\d*SUMS|checksums?\.txt|\.sha\d+\.txt$/i;

function isGitUrl(v: string): boolean {
  return /^git@/.test(v) || /^(git|ssh|https?):\/\/[^#]+\.git(#.*)?$/i.test(v) || /^git:\/\//i.test(v);
}

function verifies(c: Command): boolean {
  const inv = invocation(c);
  if (!inv) return false;
  if (VERIFIERS.has(inv.name)) {
    if (inv.name === 'rpm' || inv.name === 'rpmkeys') return inv.args.some((a) => a.value === '-K' || a.value === '--checksig');
    return true;
  }
  return inv.name === 'openssl' && inv.args.some((a) => a.value === 'dgst');
}

/** The URL operand and what the command does with the download, if it is an artefact download. */
function artefactDownload(c: Command): string | undefined {
  const inv = invocation(c);
  if (!inv || (inv.name !== 'curl' && inv.name !== 'wget')) return undefined;
  const p = parseOptions(inv.args, inv.name === 'curl' ? CURL_SPEC : WGET_SPEC);
  if (p.opts.some((o) => ['I', 'head', 'spider', 'X', 'request', 'd', 'data', 'data-raw', 'data-binary', 'F', 'form', 'post-data', 'T', 'upload-file'].includes(o.name))) return undefined;
  const out = p.opts.find((o) => o.name === 'o' || o.name === 'output' || o.name === 'O' || o.name === 'output-document');
  if (out?.value === '/dev/null') return undefined;
  const url = p.operands.find((w) => /^(https?|ftp):\/\//i.test(w.value));
  if (!url) return undefined;
  if (CHECKSUM_FILE.test(cutAtFirstOf(url.value, '?#'))) return undefined;
  return url.value;
}

const lastVerification = new WeakMap<Script, number>();

function verifiedAfter(script: Script, c: Command): boolean {
  let last = lastVerification.get(script);
  if (last === undefined) {
    last = -1;
    for (const d of script.commands) if (verifies(d)) last = Math.max(last, d.start);
    lastVerification.set(script, last);
  }
  return last > c.start || c.pipeline.commands.some((d) => d !== c && verifies(d));
}

export const DKR016: DRule = {
  meta: meta(
    'DKR016',
    'Download without integrity verification',
    'warning',
    'no',
    'A file fetched over the network without a checksum or signature check can be swapped by whoever controls the server, a mirror or the network path.',
    'KICS "Curl or Wget Instead of Add" (related); —',
  ),
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.allInstructions) {
      if (instr.keyword === 'ADD') {
        const checksum = instr.flags.find((f) => f.name === 'checksum' && f.value);
        for (const src of copyParts(instr).sources) {
          if (!src.resolved) continue;
          if (isGitUrl(src.value)) {
            const ref = /#([^:]*)/.exec(src.value)?.[1] ?? '';
            if (!checksum && !/^[0-9a-f]{40}$/.test(ref)) reportAt(ctx, src.start, src.end, `ADD ${src.value} fetches a git ref that can move: pin a full commit (#<40-hex sha>) or add --checksum=<commit>`);
          } else if (/^https?:\/\//i.test(src.value) && !checksum) {
            reportAt(ctx, src.start, src.end, `ADD ${src.value} without --checksum=sha256:…: the download is not verified`);
          }
        }
        continue;
      }
      const script = instr.command?.script;
      if (instr.keyword !== 'RUN' || !script) continue;
      for (const c of script.commands) {
        const url = artefactDownload(c);
        if (!url) continue;
        const p = c.pipeline;
        const k = p.commands.indexOf(c);
        const next = p.commands[k + 1] ? invocation(p.commands[k + 1]) : undefined;
        const toStdout = downloadsToStdout(c);
        if (toStdout && !(next && UNPACKERS.has(next.name))) continue; // piped elsewhere (DKR015 covers interpreters)
        if (verifiedAfter(script, c)) continue;
        const name = invocation(c)!.name;
        reportAt(ctx, c.start, c.end, `${name} downloads ${url}${toStdout ? ` into ${next!.name}` : ''} without a checksum or signature check in this RUN: verify it (e.g. echo "<sha256>  file" | sha256sum -c -)`);
      }
    }
  },
};
