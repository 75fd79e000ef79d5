// Small predicates shared by several REQ rules.
import type { ReqFile, UnitModel } from '../model';
import type { Entry, OptionEntry, Requirement, UrlRef } from '../parser';
import { exactSpec } from '../helpers';

/** A requirement by package name with optional version specifiers (not a URL, path or -e). */
export function isVersionedName(req: Requirement | undefined): req is Requirement {
  return !!req && req.form === 'name' && !req.url && !req.editable && !req.invalid && !!req.key;
}

/** Packages pinned exactly (==) by a constraints file (-c) of the unit: installs of them are reproducible. */
export function constrainedKeys(model: UnitModel): Set<string> {
  const out = new Set<string>();
  for (const r of model.requirements) {
    const req = r.entry.requirement;
    if (r.constraint && req?.key && exactSpec(req)) out.add(req.key);
  }
  return out;
}

export interface UrlSite {
  file: ReqFile;
  entry: Entry;
  ref: UrlRef;
  /** Set for index / find-links / -r / -c URLs. */
  option?: OptionEntry;
  /** Set for URL requirements (`name @ url`, direct and VCS URLs, -e). */
  req?: Requirement;
}

/** Every URL the files of the unit name, each once. */
export function urlSites(model: UnitModel): UrlSite[] {
  const out: UrlSite[] = [];
  for (const file of model.files) {
    for (const entry of file.parsed.entries) {
      for (const o of entry.options) {
        if (o.url && o.name !== '--editable') out.push({ file, entry, ref: o.url, option: o });
      }
      const req = entry.requirement;
      if (req?.url?.parts) out.push({ file, entry, ref: req.url, req });
    }
  }
  return out;
}
