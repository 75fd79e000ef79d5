// In-process timing of the engine on the benchmark's generated files, for profiling with
// `node --cpu-prof --import tsx bench/profile.ts [scenario ...] [--n N]`. Each iteration applies one
// single-character edit to the target (as typing does) and lints it again, so caches keyed by
// file version are exercised the way the language server exercises them.
// Scenarios: see SCENARIOS below. --rules also prints the time each rule took per round.
import { Engine, MemoryWorkspace, timeRules } from '../server/src/engine';
import { KINDS } from '../server/src/kinds';
import { incrementalStats } from '../server/src/kinds/nginx/incremental';
import * as gen from './generate';

interface Scenario {
  files: Record<string, string>;
  target: string;
}

function nginx(lines: number): Scenario {
  return {
    files: {
      '/ws/etc/nginx/nginx.conf': gen.nginxMain(),
      '/ws/etc/nginx/sites-enabled/app.conf': gen.nginxSite(1, lines),
      '/ws/etc/nginx/snippets/headers.conf': gen.NGINX_HEADERS,
    },
    target: '/ws/etc/nginx/sites-enabled/app.conf',
  };
}

function sshd(lines: number): Scenario {
  const files: Record<string, string> = { '/ws/etc/ssh/sshd_config': gen.sshdMain(6, lines) };
  for (let i = 0; i < 5; i++) files[`/ws/etc/ssh/sshd_config.d/${10 + i}-drop.conf`] = gen.sshdDropIn(i);
  return { files, target: '/ws/etc/ssh/sshd_config' };
}

function sshdMatch(blocks: number): Scenario {
  const out = ['PasswordAuthentication no'];
  for (let i = 0; i < blocks; i++) out.push(`Match User u${i}`, `    X11Forwarding no`, `    PermitTTY yes`);
  return { files: { '/ws/etc/ssh/sshd_config': out.join('\n') + '\n' }, target: '/ws/etc/ssh/sshd_config' };
}

export const SCENARIOS: Record<string, () => Scenario> = {
  nginx: () => nginx(5000),
  'nginx-typical': () => nginx(150),
  'nginx-2x': () => nginx(10000),
  'nginx-half': () => nginx(2500),
  /** Edits of nginx.conf: every analysis of the 5,000-line unit is a whole one. */
  'nginx-whole': () => ({ ...nginx(5000), target: '/ws/etc/nginx/nginx.conf' }),
  sshd: () => sshd(300),
  'sshd-typical': () => sshd(150),
  'sshd-drop-in': () => ({ ...sshd(300), target: '/ws/etc/ssh/sshd_config.d/10-drop.conf' }),
  'sshd-match': () => sshdMatch(5000),
  dockerfile: () => ({ files: { '/ws/Dockerfile': gen.dockerfile(1, 500) }, target: '/ws/Dockerfile' }),
  'dockerfile-typical': () => ({ files: { '/ws/Dockerfile': gen.dockerfile(1, 150) }, target: '/ws/Dockerfile' }),
  'sshd-match-4x': () => sshdMatch(20000),
};

/**
 * Times `n` edit+lint rounds of a scenario: wall milliseconds and CPU milliseconds of this process
 * per round (on a shared machine the CPU time is the steadier figure).
 */
export function timeScenario(s: Scenario, n: number): { times: number[]; cpu: number[]; findings: number } {
  const ws = new MemoryWorkspace(s.files);
  const engine = new Engine(ws, ['/ws'], KINDS);
  let findings = engine.lintFile(s.target).findings.length;
  const times: number[] = [];
  const cpu: number[] = [];
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < n; i++) {
    const text = ws.files.get(s.target)!;
    // Type a space after a random word (keeps the file valid) or delete it again.
    const at = Math.floor(rand() * text.length);
    const sp = text.indexOf(' ', at);
    const next = sp < 0 ? text : i % 2 === 0 ? text.slice(0, sp) + ' ' + text.slice(sp) : text.slice(0, sp) + text.slice(sp + 1).replace(/^ /, ' ');
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    ws.set(s.target, next);
    engine.invalidate(s.target, 'content');
    findings = engine.lintFile(s.target).findings.length;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { times, cpu, findings };
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const nAt = args.indexOf('--n');
  const n = nAt >= 0 ? Number(args[nAt + 1]) : 50;
  const names = args.filter((a, i) => !a.startsWith('--') && (nAt < 0 || i !== nAt + 1));
  const perRule = args.includes('--rules') ? timeRules() : undefined;
  for (const name of names.length ? names : Object.keys(SCENARIOS)) {
    const make = SCENARIOS[name];
    if (!make) throw new Error(`unknown scenario ${name}; one of ${Object.keys(SCENARIOS).join(', ')}`);
    const { times, cpu, findings } = timeScenario(make(), n);
    const f = (x: number) => x.toFixed(2).padStart(8);
    console.log(`${name.padEnd(14)} n=${String(n).padEnd(4)} wall p50 ${f(quantile(times, 0.5))} p95 ${f(quantile(times, 0.95))} max ${f(Math.max(...times))} ms | cpu p50 ${f(quantile(cpu, 0.5))} p95 ${f(quantile(cpu, 0.95))} ms  (${findings} findings)`);
    if (name.startsWith('nginx')) console.log(`  nginx analyses: ${JSON.stringify(incrementalStats)}`);
    if (perRule) {
      const top = [...perRule].sort((a, b) => b[1] - a[1]).slice(0, 15);
      console.log('  per round: ' + top.map(([id, ms]) => `${id} ${(ms / (n + 1)).toFixed(2)}`).join(', ') + ' ms');
      perRule.clear();
    }
  }
}
