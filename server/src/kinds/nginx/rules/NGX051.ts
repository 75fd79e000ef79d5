// NGX051: the target nginx version, when the workspace states it (project config or a Dockerfile
// `FROM nginx:<version>`), is affected by a published nginx security advisory whose feature the
// configuration uses.
import type { Node } from '../model';
import { ADVISORIES, affected, type Feature } from '../advisories';
import { listensOf } from './listen';
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX051',
    title: 'nginx version with known vulnerabilities',
    severity: 'warning',
    fix: 'no',
    why: 'The deployed nginx has published, fixed vulnerabilities in a feature this configuration uses: attackers scan for exactly these versions.',
    anchors: 'gixy nginx_cves (--nginx-version)',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    const v = unit.version;
    if (!v.stated) return;
    const hits = ADVISORIES.filter((a) => affected(v.parts, a));
    if (hits.length === 0) return;
    const triggers = new Map<Feature, Node | undefined>();
    const first = (name: string, pred: (n: Node) => boolean = () => true) => [...unit.named(name)].find(pred);
    const servers = unit.servers();
    triggers.set('core', unit.complete ? unit.http() : undefined);
    triggers.set('ssl', servers.flatMap((s) => listensOf(unit, s)).find((l) => l.ssl)?.node ?? first('ssl', (n) => n.args[0]?.text === 'on'));
    triggers.set('http2', servers.flatMap((s) => listensOf(unit, s)).find((l) => l.http2)?.node ?? first('http2', (n) => n.args[0]?.text === 'on'));
    triggers.set('http3', servers.flatMap((s) => listensOf(unit, s)).find((l) => l.quic)?.node ?? first('http3', (n) => n.args[0]?.text === 'on'));
    triggers.set('spdy', first('listen', (n) => n.args.some((a) => a.text === 'spdy')));
    triggers.set('mp4', first('mp4'));
    triggers.set('resolver', first('resolver'));
    triggers.set('mail', unit.root.children!.find((c) => c.name === 'mail' && c.children));
    const byNode = new Map<Node, typeof hits>();
    for (const a of hits) {
      const t = triggers.get(a.feature);
      if (t) byNode.set(t, [...(byNode.get(t) ?? []), a]);
    }
    const from = v.source ? `FROM nginx:${v.text} in the Dockerfile` : 'nginx.version in .deployguard.json';
    const rel = v.source
      ? [{ file: v.source.file, range: { start: { line: v.source.line, character: v.source.character }, end: { line: v.source.line, character: v.source.character + v.source.length } }, message: 'target nginx version stated here' }]
      : [];
    for (const [node, list] of byNode) {
      const ids = list.flatMap((a) => a.ids);
      const fixedIn = [...new Set(list.flatMap((a) => a.fixed))].sort();
      report(ctx, node, `nginx ${v.text} (${from}) is affected by ${ids.join(', ')} (${list.map((a) => a.summary).join('; ')}); fixed in ${fixedIn.join(', ')}`, { related: rel });
    }
  },
};
