// Shared helpers for the NGX rules: the model they see and how they report.
import type { RuleContext } from '../../../engine/kind';
import type { Fix, Range, RelatedLocation, RuleMeta, Severity } from '../../../engine/types';
import type { Edits, Node, Unit } from '../model';
import type { Vars } from '../vars';

export interface NginxModel {
  unit: Unit;
  vars: Vars;
  edits: Edits;
}

export type Ctx = RuleContext<NginxModel>;

export function meta(m: Omit<RuleMeta, 'kind'>): RuleMeta {
  return { ...m, kind: 'nginx' };
}

export interface ReportOptions {
  severity?: Severity;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Range inside the node's file (default: the node's directive, or a block's head). */
  range?: Range;
}

/** Reports at a node; when it was reached through includes, related information names them. */
export function report(ctx: Ctx, node: Node, message: string, opts: ReportOptions = {}): void {
  const unit = ctx.model.unit;
  ctx.report({
    message,
    file: node.file,
    range: opts.range ?? unit.range(node),
    severity: opts.severity,
    fixes: opts.fixes && opts.fixes.length > 0 ? opts.fixes : undefined,
    related: [...(opts.related ?? []), ...unit.viaRelated(node)].slice(0, 20),
  });
}

export function related(unit: Unit, node: Node, message: string): RelatedLocation {
  return { file: node.file, range: unit.range(node), message };
}

/** First argument text, lowercased. */
export function arg0(n: Node | undefined): string | undefined {
  return n?.args[0]?.text.toLowerCase();
}

/** Header name of an add_header / add_trailer / proxy_set_header node, lowercased. */
export function headerName(n: Node): string {
  return (n.args[0]?.text ?? '').toLowerCase();
}

export function headerValue(n: Node): string {
  return n.args[1]?.text ?? '';
}

/** Configuration levels of the http module that hold directives (server, location, if, limit_except, http). */
export function httpLevels(unit: Unit): Node[] {
  const out: Node[] = [];
  for (const n of unit.all()) {
    if (!n.children) continue;
    if (['http', 'server', 'location', 'if', 'limit_except'].includes(n.name) && unit.proto(n) === 'http') out.push(n);
  }
  return out;
}

/** Does a level answer every request with `return` (a redirect or a closed connection), serving no content? */
export function onlyReturns(unit: Unit, level: Node): boolean {
  return unit.own(level, 'return').length > 0 && !(level.children ?? []).some((c) => c.name === 'if' && c.children);
}

export function isIp(s: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(s) || (s.includes(':') && /^\[?[0-9a-fA-F:.]+\]?$/.test(s));
}
