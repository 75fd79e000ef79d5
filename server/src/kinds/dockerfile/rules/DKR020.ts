// DKR020: package indexes or repositories over plain HTTP.
import { packageManager, parseOptions, APK_SPEC, PIP_SPEC, NPM_SPEC } from '../cli';
import type { Word } from '../shell';
import { replaceEdit } from '../edits';
import { fix, isLocalUrl, meta, offsetInWord, reportAt, runCommands, type DContext, type DRule } from '../ruleutil';
import type { Severity } from '../../../engine/types';
import { debSourceHttpUrl, linesOf } from '../scan';

function httpUrl(v: string): boolean {
  return /^http:\/\//i.test(v) && !isLocalUrl(v);
}

/** /etc/apk/repositories: one repository per line, optionally tagged (`@edge http://…`). */
function apkRepositoryUrls(text: string): { url: string; offset: number }[] {
  const out: { url: string; offset: number }[] = [];
  for (const line of linesOf(text)) {
    const m = /^\s*(?:@\S+\s+)?(http:\/\/\S+)/.exec(line.text);
    if (m) out.push({ url: m[1], offset: line.start + m[0].length - m[1].length });
  }
  return out;
}

/** `index-url = http://…` (pip.conf, .pypirc) and `registry=http://…` (.npmrc, .yarnrc). */
function indexUrls(text: string): { url: string; offset: number }[] {
  const out: { url: string; offset: number }[] = [];
  for (const m of text.matchAll(/(?:index-url|registry)\s*[=:]\s*"?(http:\/\/[^\s"]+)/gm)) out.push({ url: m[1], offset: m.index! + m[0].length - m[1].length });
  return out;
}

function flagWord(ctx: DContext, w: Word, url: string, message: string, severity: Severity): void {
  const at = offsetInWord(w, url.slice(0, 7));
  reportAt(ctx, w.start, w.end, message, {
    severity,
    fixes: at !== undefined ? [fix('Use https', [replaceEdit(ctx.model, at, at + 4, 'https')], { isPreferred: true, caveat: 'Check that the server offers the same content over HTTPS.' })] : undefined,
  });
}

export const DKR020: DRule = {
  meta: meta(
    'DKR020',
    'Package index or repository over plain HTTP',
    'warning',
    'yes',
    'Anyone on the network path can change what comes over plain HTTP; apt and apk packages are signed, but pip and npm packages are not, so an HTTP index means arbitrary code.',
    undefined,
  ),
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.allInstructions) {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') continue;
      for (const p of instr.properties) {
        if (!p.value || !/^(PIP_INDEX_URL|PIP_EXTRA_INDEX_URL|NPM_CONFIG_REGISTRY|YARN_REGISTRY|UV_INDEX_URL|UV_EXTRA_INDEX_URL)$/i.test(p.name)) continue;
        const url = p.value.split(/\s+/).find(httpUrl);
        if (!url || p.valueStart === undefined) continue;
        const k = model.text.indexOf(url.slice(0, 7), p.valueStart);
        reportAt(ctx, p.start, p.end, `${instr.keyword} ${p.name} points at an index over plain HTTP (${url}): packages are unsigned and can be replaced in transit`, {
          severity: 'error',
          fixes: k >= 0 && k < (p.valueEnd ?? p.end) ? [fix('Use https', [replaceEdit(model, k, k + 4, 'https')], { isPreferred: true })] : undefined,
        });
      }
    }
    for (const rc of runCommands(model)) {
      const { inv, cmd } = rc;
      const pm = packageManager(cmd);
      if (pm?.tool === 'pip') {
        for (const o of parseOptions(pm.inv.args, PIP_SPEC).opts) {
          if (!['i', 'index-url', 'extra-index-url', 'f', 'find-links'].includes(o.name) || !o.value || !httpUrl(o.value)) continue;
          flagWord(ctx, o.valueWord ?? o.word, o.value, `pip --${o.name.length === 1 ? o.name : o.name} ${o.value} fetches unsigned packages over plain HTTP`, 'error');
        }
        const vals = pm.inv.args.map((w) => w.value);
        const ci = vals.indexOf('config');
        if (ci >= 0 && vals[ci + 1] === 'set' && /index-url$/.test(vals[ci + 2] ?? '') && httpUrl(vals[ci + 3] ?? '')) {
          flagWord(ctx, pm.inv.args[ci + 3], vals[ci + 3], `pip config set ${vals[ci + 2]} ${vals[ci + 3]} fetches unsigned packages over plain HTTP`, 'error');
        }
      } else if (pm?.tool === 'npm' || pm?.tool === 'yarn') {
        for (const o of parseOptions(pm.inv.args, NPM_SPEC).opts) {
          if (o.name === 'registry' && o.value && httpUrl(o.value)) flagWord(ctx, o.valueWord ?? o.word, o.value, `${pm.inv.name} --registry ${o.value} fetches unsigned packages over plain HTTP`, 'error');
        }
        const a = pm.inv.args;
        const si = a.findIndex((w) => w.value === 'set');
        if (si >= 0 && a[si + 1]?.value === 'registry' && a[si + 2] && httpUrl(a[si + 2].value)) {
          flagWord(ctx, a[si + 2], a[si + 2].value, `${pm.inv.name} config set registry ${a[si + 2].value}: unsigned packages over plain HTTP`, 'error');
        }
      } else if (pm?.tool === 'apk') {
        for (const o of parseOptions(pm.inv.args, APK_SPEC).opts) {
          if ((o.name === 'X' || o.name === 'repository') && o.value && httpUrl(o.value)) flagWord(ctx, o.valueWord ?? o.word, o.value, `apk --repository ${o.value} over plain HTTP`, 'warning');
        }
      }
      if (inv.name === 'add-apt-repository') {
        for (const w of inv.args) {
          const url = /http:\/\/\S+/i.exec(w.value)?.[0];
          if (url && httpUrl(url)) flagWord(ctx, w, url, `add-apt-repository adds an HTTP source (${url})`, 'warning');
        }
      }
      // cat <<EOF > /etc/apk/repositories (or pip.conf, .npmrc)
      const out = cmd.redirects.find((r) => r.op === '>' || r.op === '>>' || r.op === '>|')?.target?.value ?? '';
      for (const r of cmd.redirects) {
        if (!r.heredoc || !out) continue;
        const h = r.heredoc;
        const apk = /apk\/repositories$/.test(out);
        const idx = /(pip\.conf|\.pypirc|\.npmrc|\.yarnrc)$/.test(out);
        if (!apk && !idx) continue;
        for (const { url, offset } of apk ? apkRepositoryUrls(h.text) : indexUrls(h.text)) {
          if (!httpUrl(url)) continue;
          const at = h.start + offset;
          reportAt(ctx, at, at + url.length, apk ? `An apk repository over plain HTTP (${url})` : `An index over plain HTTP in ${out} (${url}): unsigned packages`, {
            severity: apk ? 'warning' : 'error',
            fixes: [fix('Use https', [replaceEdit(model, at, at + 4, 'https')], { isPreferred: true })],
          });
        }
      }
      if (inv.name === 'echo' || inv.name === 'printf') {
        const target = cmd.redirects.find((r) => r.op === '>' || r.op === '>>')?.target?.value ?? '';
        for (const w of inv.args) {
          const deb = debSourceHttpUrl(w.value);
          if (deb && httpUrl(deb)) {
            flagWord(ctx, w, deb, `An apt source over plain HTTP (${deb}): packages are signed, but the index can be held back or replayed`, 'warning');
            continue;
          }
          if (/apk\/repositories$/.test(target) && httpUrl(w.value)) flagWord(ctx, w, w.value, `An apk repository over plain HTTP (${w.value})`, 'warning');
          else if (/(pip\.conf|\.pypirc|\.npmrc)$/.test(target)) {
            const url = /(index-url|registry)\s*=\s*(http:\/\/\S+)/i.exec(w.value)?.[2];
            if (url && httpUrl(url)) flagWord(ctx, w, url, `An index over plain HTTP in ${target} (${url}): unsigned packages`, 'error');
          }
        }
      }
    }
    for (const instr of model.allInstructions) {
      for (const h of instr.heredocs) {
        // sources.list: one source per line.
        for (const line of linesOf(h.text)) {
          const m = /^\s*deb(?:-src)?\s+(?:\[[^\]]*\]\s+)?(http:\/\/\S+)/.exec(line.text);
          if (!m || !httpUrl(m[1])) continue;
          const at = h.start + line.start + m[0].length - m[1].length;
          reportAt(ctx, at, at + m[1].length, `An apt source over plain HTTP (${m[1]}): packages are signed, but the index can be held back or replayed`, {
            fixes: [fix('Use https', [replaceEdit(model, at, at + 4, 'https')], { isPreferred: true })],
          });
        }
      }
    }
  },
};
