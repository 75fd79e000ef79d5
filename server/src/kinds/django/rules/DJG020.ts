// DJG020: CSRF_FAILURE_VIEW that cannot be imported (E102) or has the wrong signature (E101),
// checked statically against the workspace's modules.
import * as path from 'node:path';
import type { Rule } from '../../../engine/kind';
import { anchor, certain, reportAt, type DjangoModel } from '../model';
import { ancestors, resolveAbsolute } from '../project';
import { funcParams, kids, parsePython, textOf } from '../python';
import type { FuncParam } from '../values';
import { meta } from './common';

/** Mirrors `inspect.signature(view).bind(None, reason=None)`. */
export function bindsRequestAndReason(params: FuncParam[]): boolean {
  const positional = params.filter((p) => p.kind === 'positional');
  const varargs = params.some((p) => p.kind === 'varargs');
  const varkw = params.some((p) => p.kind === 'varkw');
  if (positional.length === 0 && !varargs) return false;
  const rest = positional.slice(1);
  const first = positional[0];
  const reasonTaken = (first && first.name === 'reason') || false;
  const reasonParam = params.find((p) => p.name === 'reason' && p !== first && (p.kind === 'positional' || p.kind === 'keyword-only'));
  if (reasonTaken || (!reasonParam && !varkw)) return false;
  for (const p of [...rest, ...params.filter((q) => q.kind === 'keyword-only')]) {
    if (!p.hasDefault && p !== reasonParam) return false;
  }
  return true;
}

function functionParams(text: string, file: string, name: string): FuncParam[] | 'other' | undefined {
  const py = parsePython(file, text);
  let found: FuncParam[] | 'other' | undefined;
  for (const st of kids(py.top)) {
    const fn = st.name === 'DecoratedStatement' ? st.getChild('FunctionDefinition') : st.name === 'FunctionDefinition' ? st : null;
    if (fn) {
      const n = fn.getChild('VariableName');
      if (n && textOf(py, n) === name) {
        if (st.name === 'DecoratedStatement') found = 'other';
        else found = funcParams(py, fn);
      }
      continue;
    }
    // Any other binding of the name (assignment, import, class, a branch defining it) makes the result unknown.
    if (st.name !== 'ExpressionStatement' && bindsName(py, st, name)) found = 'other';
  }
  return found;
}

/** Does a statement (or anything nested in it) bind `name`? Conservative: any VariableName equal to it. */
function bindsName(py: ReturnType<typeof parsePython>, st: ReturnType<ReturnType<typeof parsePython>['top']['getChild']>, name: string): boolean {
  if (!st) return false;
  const stack = [st];
  let budget = 5000;
  while (stack.length && --budget > 0) {
    const n = stack.pop()!;
    if (n.name === 'VariableName' && textOf(py, n) === name) return true;
    for (let c = n.firstChild; c; c = c.nextSibling) stack.push(c);
  }
  return false;
}

export const DJG020: Rule<DjangoModel> = {
  meta: meta({
    id: 'DJG020',
    title: 'CSRF_FAILURE_VIEW cannot be used',
    severity: 'error',
    fix: 'no',
    why: 'When the CSRF failure view cannot be imported or called as view(request, reason=...), every rejected request becomes a server error instead of a 403.',
    anchors: 'DJ security.E101, security.E102',
  }),
  check(ctx) {
    const m = ctx.model;
    const c = certain(m, 'CSRF_FAILURE_VIEW');
    if (!c || c.v.t !== 'str' || !path.isAbsolute(m.root)) return;
    const dotted = c.v.v;
    const at = { loc: c.v.loc, binding: c.b };
    const dot = dotted.lastIndexOf('.');
    if (dot <= 0) {
      reportAt(ctx, { ...at, message: `CSRF_FAILURE_VIEW '${dotted}' is not a dotted path to a view${anchor('security.E102')}` });
      return;
    }
    const modName = dotted.slice(0, dot);
    const func = dotted.slice(dot + 1);
    const top = modName.split('.')[0];
    if (top === 'django') return;
    const modFile = resolveAbsolute(m.ctx, m.root, modName);
    if (!modFile) {
      // Only judge modules of packages that live in the workspace (others may be installed).
      const topInWorkspace = ancestors(m.root, m.ctx.root).some((d) => m.ctx.ws.list(path.join(d, top)) !== undefined || m.ctx.ws.read(path.join(d, `${top}.py`)).ok);
      if (!topInWorkspace) return;
      const parent = modName.includes('.') ? modName.slice(0, modName.lastIndexOf('.')) : '';
      const parentMissing = !parent || !resolveAbsolute(m.ctx, m.root, parent);
      reportAt(ctx, { ...at, message: `CSRF_FAILURE_VIEW '${dotted}' cannot be imported: module ${modName} is not in the project${parentMissing ? anchor('security.E102') : ''}` });
      return;
    }
    const r = m.ctx.ws.read(modFile);
    if (!r.ok) return;
    const params = functionParams(r.text, modFile, func);
    if (params === undefined) {
      reportAt(ctx, { ...at, message: `CSRF_FAILURE_VIEW '${dotted}': ${path.basename(modFile)} defines no ${func}` });
      return;
    }
    if (params === 'other') return;
    if (!bindsRequestAndReason(params)) {
      reportAt(ctx, { ...at, message: `CSRF_FAILURE_VIEW '${dotted}' does not take (request, reason=...): Django calls it as view(request, reason=reason)${anchor('security.E101')}` });
    }
  },
};
