// Shared reasoning of the DJG rules: middleware and app lists, judging a setting against Django's
// default and the constraints of an environment read, and the fixes that follow from a judgement.
import type { Fix, RelatedLocation, RuleMeta } from '../../../engine/types';
import type { Binding } from '../evaluate';
import {
  absent,
  anchor,
  reportAbsent,
  reportAt,
  setSettingFix,
  setting,
  type DjangoModel,
  type DjangoRuleContext,
} from '../model';
import { isSeq, show, truthy, type EnvRead, type EnvType, type Loc, type Str, type Value } from '../values';

export const SECURITY_MW = 'django.middleware.security.SecurityMiddleware';
export const XFRAME_MW = 'django.middleware.clickjacking.XFrameOptionsMiddleware';
export const CSRF_MW = 'django.middleware.csrf.CsrfViewMiddleware';
export const SESSION_MW = 'django.contrib.sessions.middleware.SessionMiddleware';
export const SESSIONS_APP = 'django.contrib.sessions';

export function meta(m: Omit<RuleMeta, 'kind'>): RuleMeta {
  return { kind: 'django', ...m };
}

export interface ListSetting {
  /** Absent: Django's default (an empty list for MIDDLEWARE and INSTALLED_APPS). */
  absent: boolean;
  binding?: Binding;
  value?: Value;
  strings: Str[];
}

/** A list setting whose content is known (absent counts as empty); undefined when unknown. */
export function knownList(m: DjangoModel, name: string): ListSetting | undefined {
  const b = setting(m, name);
  if (!b) return m.complete ? { absent: true, strings: [] } : undefined;
  if (b.cond || !isSeq(b.value)) return undefined;
  if (b.value.items.some((i) => i.t !== 'str')) {
    // Entries we cannot read (computed strings): the list is only partly known.
    return { absent: false, binding: b, value: b.value, strings: b.value.items.filter((i): i is Str => i.t === 'str') };
  }
  return { absent: false, binding: b, value: b.value, strings: b.value.items as Str[] };
}

/** Whether a known list contains an entry; undefined when the list is not (fully) known. */
export function listHas(m: DjangoModel, name: string, entry: string): boolean | undefined {
  const l = knownList(m, name);
  if (!l) return undefined;
  if (l.strings.some((s) => s.v === entry)) return true;
  if (l.value && isSeq(l.value) && l.value.items.some((i) => i.t !== 'str')) return undefined;
  return false;
}

/** Middleware presence as Django's checks test it (`X in settings.MIDDLEWARE`). */
export function hasMiddleware(m: DjangoModel, entry: string): boolean | undefined {
  return listHas(m, 'MIDDLEWARE', entry);
}

export type Judgement =
  | { kind: 'ok' }
  | { kind: 'unknown' }
  | { kind: 'absent' }
  | { kind: 'literal'; b: Binding; v: Value }
  | { kind: 'env-default'; b: Binding; env: EnvRead; v: Value }
  | { kind: 'env-type'; b: Binding; env: EnvRead };

/**
 * Judges a setting: `good` tells whether a known value is acceptable (undefined: cannot tell);
 * `envTypeOk` whether a value read from the environment with that type can be acceptable at all.
 */
export function judge(
  m: DjangoModel,
  name: string,
  djangoDefault: Value | undefined,
  good: (v: Value) => boolean | undefined,
  envTypeOk: (t: EnvType) => boolean = () => true,
): Judgement {
  const b = setting(m, name);
  if (!b) {
    if (!djangoDefault) return { kind: 'ok' };
    return good(djangoDefault) === false ? { kind: 'absent' } : { kind: 'ok' };
  }
  if (b.cond) return { kind: 'unknown' };
  const v = b.value;
  if (v.t === 'env') {
    if (!envTypeOk(v.env.type)) return { kind: 'env-type', b, env: v.env };
    if (v.env.required || !v.env.dflt) return { kind: 'ok' };
    return good(v.env.dflt) === false ? { kind: 'env-default', b, env: v.env, v: v.env.dflt } : { kind: 'ok' };
  }
  if (v.t === 'unknown') return { kind: 'unknown' };
  const g = good(v);
  if (g === undefined) return { kind: 'unknown' };
  return g ? { kind: 'ok' } : { kind: 'literal', b, v };
}

const NOWHERE: Loc = { file: '', from: 0, to: 0 };

export function lit(t: 'bool', v: boolean): Value;
export function lit(t: 'num', v: number): Value;
export function lit(t: 'str', v: string): Value;
export function lit(t: 'bool' | 'num' | 'str', v: boolean | number | string): Value {
  return { t, v, loc: NOWHERE } as Value;
}
export const NONE: Value = { t: 'none', loc: NOWHERE };

export function envName(env: EnvRead): string {
  return env.name ?? 'the variable';
}

/** A short description of why an env-read value fails, for messages. */
export function envDefaultText(env: EnvRead, v: Value): string {
  return `defaults to ${show(v)} when ${envName(env)} is unset`;
}

/**
 * Reports a judgement of a hardening setting and offers the fix `NAME = goodText` (or, for an
 * environment read with a bad default, changes the default). Messages read
 * "NAME <predicate>: <impact>", "NAME is not set: <impact>", "NAME defaults to X when VAR is unset: <impact>".
 */
export function reportJudgement(
  ctx: DjangoRuleContext,
  j: Judgement,
  name: string,
  o: {
    goodText: string;
    /** e.g. "is not True", "is 0". */
    predicate: string;
    /** The consequence, e.g. "the session cookie is also sent over plain HTTP". */
    impact: string;
    anchorId?: string;
    severity?: 'error' | 'warning' | 'info';
    /** For env-type judgements: why a value read this way fails, e.g. "a string, which is never True". */
    envTypeText?: string;
    fix?: boolean;
    fixTitle?: string;
    caveat?: string;
    preferred?: boolean;
    related?: RelatedLocation[];
  },
): void {
  const m = ctx.model;
  const tag = o.anchorId && (j.kind === 'absent' || j.kind === 'literal') ? anchor(o.anchorId) : '';
  const fixes = (): Fix[] | undefined => {
    if (o.fix === false) return undefined;
    if (j.kind === 'env-default' && j.env.rawDefault && j.env.type === 'bool' && m.unit.files.has(j.env.rawDefault.loc.file)) {
      const loc = j.env.rawDefault.loc;
      return [{ title: `Default ${name} to ${o.goodText}`, edits: [{ file: loc.file, range: rangeOfLoc(m, loc), newText: o.goodText }], isPreferred: o.preferred ?? true, caveat: o.caveat }];
    }
    const f = setSettingFix(m, name, o.goodText, { title: o.fixTitle, preferred: o.preferred, caveat: o.caveat });
    return f ? [f] : undefined;
  };
  switch (j.kind) {
    case 'absent':
      if (!m.complete) return;
      reportAbsent(ctx, `${name} is not set: ${o.impact}${tag}`, fixes(), o.severity, o.related);
      return;
    case 'literal':
      reportAt(ctx, { loc: j.b.target, binding: j.b, message: `${name} ${o.predicate}: ${o.impact}${tag}`, severity: o.severity, fixes: fixes(), related: o.related });
      return;
    case 'env-default':
      reportAt(ctx, { loc: j.b.target, binding: j.b, message: `${name} ${envDefaultText(j.env, j.v)}: ${o.impact}`, severity: o.severity, fixes: fixes(), related: o.related });
      return;
    case 'env-type':
      reportAt(ctx, {
        loc: j.b.target,
        binding: j.b,
        message: `${name} is read from ${envName(j.env)} as ${o.envTypeText ?? 'a string'}: ${o.impact}`,
        severity: o.severity,
        fixes: fixes(),
        related: o.related,
      });
      return;
    default:
      return;
  }
}

function rangeOfLoc(m: DjangoModel, loc: Loc) {
  const py = m.unit.files.get(loc.file)!;
  return py.index.range(loc.from, loc.to);
}

export const isTrue = (v: Value) => (v.t === 'bool' ? v.v : v.t === 'unknown' ? undefined : false);
export const isTruthy = (v: Value) => truthy(v);

/** Types of env values that can be the Python object True (Django's `is True` checks). */
export const boolTypes = (t: EnvType) => t === 'bool' || t === 'unknown';

export { absent, setting };
