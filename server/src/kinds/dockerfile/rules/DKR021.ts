// DKR021: language packages installed without a version pin (pip, npm/yarn, gem, go install).
import { isInstall, packageManager, type PackageManagerCall } from '../cli';
import type { Word } from '../shell';
import { meta, reportAt, runCommands, type DRule } from '../ruleutil';
import { cutAtFirstOf } from '../scan';

function pipPinned(v: string): boolean {
  if (/===?/.test(v)) return true;
  if (v === '.' || v.startsWith('./') || v.startsWith('../') || v.startsWith('/') || v.startsWith('~')) return true;
  if (/\.(whl|tar\.gz|zip|tar\.bz2)$/i.test(v)) return true;
  if (/^(git|hg|svn|bzr)\+/.test(v)) return /@[^/@]+$/.test(cutAtFirstOf(v, '#'));
  if (/^[a-z]+:\/\//i.test(v)) return true;
  if (/ @ /.test(v)) return true;
  return false;
}

function npmPinned(v: string): boolean {
  if (/^(git(\+\w+)?|github):/.test(v) || /^git@/.test(v)) return v.includes('#');
  if (/\.(tgz|tar\.gz|tar)$/.test(v) || /^[./~]/.test(v) || /^(file|https?):/.test(v)) return true;
  const name = v.startsWith('@') ? v.slice(v.indexOf('/') + 1) : v;
  const at = name.indexOf('@');
  if (at < 0) return false;
  const ver = name.slice(at + 1);
  return ver !== '' && ver !== 'latest' && ver !== 'next' && ver !== '*';
}

export function unpinnedPackages(pm: PackageManagerCall): Word[] {
  const ops = pm.parsed.operands;
  const names = pm.parsed.opts.map((o) => o.name);
  switch (pm.tool) {
    case 'pip': {
      if (names.some((n) => ['r', 'requirement', 'c', 'constraint', 'require-hashes', 'e', 'editable'].includes(n))) return [];
      const upgrade = names.some((n) => n === 'U' || n === 'upgrade');
      return ops.filter((w) => w.resolved && !pipPinned(w.value) && !(upgrade && /^(pip|setuptools|wheel)$/i.test(w.value)));
    }
    case 'npm':
    case 'yarn': {
      const list = pm.tool === 'yarn' && pm.sub === 'global' ? ops.slice(1) : ops;
      return list.filter((w) => w.resolved && !npmPinned(w.value));
    }
    case 'gem':
      if (names.some((n) => n === 'v' || n === 'version')) return [];
      return ops.filter((w) => w.resolved && !/:\d/.test(w.value) && !/\.gem$/.test(w.value));
    case 'go':
      if (pm.sub !== 'install') return [];
      return ops.filter((w) => w.resolved && !/^[./]/.test(w.value) && (!w.value.includes('@') || /@latest$/.test(w.value)));
    default:
      return [];
  }
}

export const DKR021: DRule = {
  meta: meta(
    'DKR021',
    'Language package installed without a version pin',
    'warning',
    'no',
    'An unpinned install takes whatever version the registry serves at build time: builds differ, and a compromised or typosquatted release is picked up automatically.',
    'hadolint DL3013, DL3016, DL3028, DL3062; KICS "Unpinned Package Version in Pip Install", "NPM Install Command Without Pinned Version", "Gem Install Without Version"',
  ),
  check(ctx) {
    for (const rc of runCommands(ctx.model)) {
      const pm = packageManager(rc.cmd);
      if (!pm || !['pip', 'npm', 'yarn', 'gem', 'go'].includes(pm.tool) || !isInstall(pm)) continue;
      for (const w of unpinnedPackages(pm)) {
        const how = pm.tool === 'pip' ? `${w.value.split(/[<>=!~;\[ ]/)[0]}==<version>` : pm.tool === 'gem' ? `-v <version>` : `${w.value.replace(/@latest$/, '')}@<version>`;
        reportAt(ctx, w.start, w.end, `${pm.inv.name} ${pm.sub} ${w.value} is not pinned: use ${how} (or a lock/requirements file)`);
      }
    }
  },
};
