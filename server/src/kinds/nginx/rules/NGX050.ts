// NGX050 (opt-in): availability pitfalls: worker_rlimit_nofile below 2 × worker_connections,
// very low keepalive_requests, try_files without open_file_cache, proxy_buffering off for a
// whole server, QUIC reuseport without quic_bpf.
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX050',
    title: 'Settings that fail under load',
    severity: 'info',
    optIn: true,
    fix: 'partial',
    why: 'These settings work in testing and fail under load: workers run out of file descriptors, connections churn, every request stats the disk, slow clients pin upstream connections.',
    anchors: 'gixy worker_rlimit_nofile_vs_connections, low_keepalive_requests, try_files_is_evil_too, quic_bpf_reuseport; Gixy-Next proxy_buffering_off, missing_worker_processes',
  }),
  check(ctx: Ctx) {
    const { unit } = ctx.model;
    const conns = [...unit.named('worker_connections')][0];
    const rlimit = [...unit.named('worker_rlimit_nofile')][0];
    if (conns && rlimit && Number(rlimit.args[0]?.text) < 2 * Number(conns.args[0]?.text)) {
      report(ctx, rlimit, `worker_rlimit_nofile ${rlimit.args[0].text} is below twice worker_connections (${conns.args[0].text}): a proxied connection needs two descriptors`);
    }
    for (const n of unit.named('keepalive_requests')) {
      if (Number(n.args[0]?.text) < 100) report(ctx, n, `keepalive_requests ${n.args[0].text} closes keep-alive connections very early: clients reconnect (and redo TLS) constantly`);
    }
    for (const n of unit.named('try_files')) {
      if (unit.proto(n) !== 'http') continue;
      const cache = unit.effective(unit.levelOf(n), 'open_file_cache');
      if (!cache || cache.args[0]?.text === 'off') report(ctx, n, 'try_files without open_file_cache checks the file system on every request');
    }
    for (const n of unit.named('proxy_buffering')) {
      const level = unit.levelOf(n);
      if (n.args[0]?.text === 'off' && (level.name === 'http' || level.name === 'server')) report(ctx, n, `proxy_buffering off for the whole ${level.name}: slow clients keep upstream connections busy`);
    }
    const bpf = [...unit.named('quic_bpf')].some((q) => q.args[0]?.text === 'on');
    for (const n of unit.named('listen')) {
      const flags = n.args.map((a) => a.text);
      if (flags.includes('quic') && flags.includes('reuseport') && !bpf) report(ctx, n, 'QUIC with reuseport but without "quic_bpf on;": packets of one connection can reach different workers');
    }
  },
};
