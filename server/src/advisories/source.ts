// The one interface both advisory sources (offline folder, OSV API) implement. Lookups are
// synchronous because analysis is: the offline folder answers from memory, the online source from
// its cache, and asks its host to fetch what it does not know yet (state 'pending').
import { mergeAdvisories, type Advisory } from './osv';

export type AdvisoryAnswer =
  | {
      state: 'ok';
      /** Advisories affecting the version. */
      advisories: Advisory[];
      /** Every advisory of the package, when the source holds the whole history (offline folder). */
      all?: Advisory[];
      /** Parts of a combined source that could not answer, e.g. "OSV API timed out". */
      unavailable?: string[];
    }
  | { state: 'pending' }
  | { state: 'unavailable'; reason: string };

export interface AdvisorySource {
  /** Short description for messages, e.g. "offline advisories in /data/osv". */
  readonly label: string;
  lookup(name: string, version: string): AdvisoryAnswer;
}

/** Several sources as one: results merged by id/alias; 'ok' as soon as one source answered. */
export class CombinedSource implements AdvisorySource {
  readonly label: string;
  constructor(readonly sources: AdvisorySource[]) {
    this.label = sources.map((s) => s.label).join(' + ');
  }

  lookup(name: string, version: string): AdvisoryAnswer {
    const answers = this.sources.map((s) => s.lookup(name, version));
    const ok = answers.filter((a): a is Extract<AdvisoryAnswer, { state: 'ok' }> => a.state === 'ok');
    const unavailable = answers.flatMap((a) => (a.state === 'unavailable' ? [a.reason] : a.state === 'ok' ? (a.unavailable ?? []) : []));
    if (ok.length === 0) {
      if (answers.some((a) => a.state === 'pending')) return { state: 'pending' };
      return { state: 'unavailable', reason: unavailable.join('; ') };
    }
    const all = ok.every((a) => a.all) ? mergeAdvisories(ok.map((a) => a.all!)) : undefined;
    return {
      state: 'ok',
      advisories: mergeAdvisories(ok.map((a) => a.advisories)),
      all,
      unavailable: unavailable.length ? unavailable : undefined,
    };
  }
}
