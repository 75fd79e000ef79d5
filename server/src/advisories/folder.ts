// The offline advisory database: a folder of OSV JSON records (the layout of OSV's PyPI/all.zip,
// one record per file; sub-folders such as pypa/advisory-database's `vulns/<package>/` work too).
// It is indexed into memory by package name on the first lookup, once per process; a record is
// parsed when its package is first looked up.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { affects, normalizeName, trimRecord, type Advisory } from './osv';
import type { AdvisoryAnswer, AdvisorySource } from './source';

export interface FolderIndexStats {
  /** JSON files read. */
  files: number;
  /** Usable OSV records with at least one PyPI package. */
  records: number;
  packages: number;
  /** Files that were not valid JSON or not an OSV record (withdrawn ones included). */
  skipped: number;
  /** Time spent indexing, in milliseconds. */
  ms: number;
}

const MAX_DEPTH = 4;
const MAX_FILES = 500_000;
const MAX_ANSWERS = 20_000;

/** A record of the folder: its text until first needed, then its parsed form. */
interface Slot {
  text?: string;
  adv?: Advisory | null;
}

/**
 * PyPI package names of a record without parsing all of it: each `"package": {…}` object is small
 * and holds only strings, so it is cut out and parsed alone. Returns undefined when the text does
 * not look as expected (the caller then parses the whole record).
 */
export function scanPackageNames(text: string): string[] | undefined {
  const names: string[] = [];
  for (let i = text.indexOf('"package"'); i >= 0; i = text.indexOf('"package"', i + 9)) {
    let j = i + 9;
    while (j < text.length && /\s/.test(text[j])) j++;
    if (text[j] !== ':') continue;
    j++;
    while (j < text.length && /\s/.test(text[j])) j++;
    if (text[j] !== '{') continue;
    let k = j + 1;
    let inString = false;
    for (; k < text.length; k++) {
      const c = text[k];
      if (inString) {
        if (c === '\\') k++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') return undefined;
      else if (c === '}') break;
    }
    if (k >= text.length) return undefined;
    let pkg: { name?: unknown; ecosystem?: unknown };
    try {
      pkg = JSON.parse(text.slice(j, k + 1));
    } catch {
      return undefined;
    }
    if (typeof pkg.name === 'string' && typeof pkg.ecosystem === 'string' && /^pypi(:|$)/i.test(pkg.ecosystem)) names.push(normalizeName(pkg.name));
  }
  return names;
}

export class FolderAdvisorySource implements AdvisorySource {
  readonly label: string;
  private byName?: Map<string, Slot[]>;
  private failure?: string;
  private statsValue?: FolderIndexStats;

  constructor(
    readonly folder: string,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.label = `offline advisories in ${folder}`;
  }

  /**
   * Builds the index now (it is otherwise built on the first lookup). Never throws. Records are
   * read and filed under their package names; each is parsed the first time its package is looked up.
   */
  ensureIndexed(): void {
    if (this.byName || this.failure) return;
    const started = performance.now();
    let st: fs.Stats;
    try {
      st = fs.statSync(this.folder);
    } catch {
      this.failure = `the advisory folder ${this.folder} does not exist`;
      return;
    }
    if (!st.isDirectory()) {
      this.failure = `${this.folder} is not a folder of OSV JSON files`;
      return;
    }
    const byName = new Map<string, Slot[]>();
    const stats: FolderIndexStats = { files: 0, records: 0, packages: 0, skipped: 0, ms: 0 };
    const file = (name: string, slot: Slot) => {
      const list = byName.get(name);
      if (list) list.push(slot);
      else byName.set(name, [slot]);
    };
    const walk = (dir: string, depth: number) => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch (e) {
        this.log(`advisories: cannot list ${dir}: ${(e as Error).message}`);
        return;
      }
      for (const e of entries) {
        if (stats.files >= MAX_FILES) return;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (depth < MAX_DEPTH && !e.name.startsWith('.')) walk(p, depth + 1);
          continue;
        }
        if (!e.name.endsWith('.json') || !(e.isFile() || e.isSymbolicLink())) continue;
        stats.files++;
        let text: string;
        try {
          text = fs.readFileSync(p, 'utf8');
        } catch {
          stats.skipped++;
          continue;
        }
        let names = scanPackageNames(text);
        let slot: Slot = { text };
        if (names === undefined) {
          // Unusual layout: parse it now.
          let adv: Advisory | undefined;
          try {
            adv = trimRecord(JSON.parse(text));
          } catch {
            adv = undefined;
          }
          slot = { adv: adv ?? null };
          names = adv ? adv.affected.map((a) => a.name) : [];
        }
        if (names.length === 0) {
          stats.skipped++;
          continue;
        }
        stats.records++;
        for (const name of new Set(names)) file(name, slot);
      }
    };
    walk(this.folder, 0);
    stats.packages = byName.size;
    stats.ms = performance.now() - started;
    this.statsValue = stats;
    if (stats.records === 0) {
      this.failure = `no OSV records found in ${this.folder}`;
      return;
    }
    this.byName = byName;
    this.log(`advisories: indexed ${stats.records} records for ${stats.packages} packages from ${this.folder} in ${stats.ms.toFixed(0)} ms (${stats.skipped} files skipped)`);
  }

  get stats(): FolderIndexStats | undefined {
    this.ensureIndexed();
    return this.statsValue;
  }

  /** Why the folder cannot be used, or undefined when it can. */
  get problem(): string | undefined {
    this.ensureIndexed();
    return this.failure;
  }

  /** Normalised names of every package with advisories. */
  packageNames(): string[] {
    this.ensureIndexed();
    return [...(this.byName?.keys() ?? [])];
  }

  /** Every advisory naming the package (any spelling); withdrawn and unreadable records are left out. */
  advisoriesFor(name: string): Advisory[] {
    this.ensureIndexed();
    const key = normalizeName(name);
    const out: Advisory[] = [];
    for (const slot of this.byName?.get(key) ?? []) {
      if (slot.adv === undefined) {
        try {
          slot.adv = trimRecord(JSON.parse(slot.text!)) ?? null;
        } catch {
          slot.adv = null;
        }
        slot.text = undefined;
      }
      if (slot.adv && slot.adv.affected.some((a) => a.name === key)) out.push(slot.adv);
    }
    return out;
  }

  /**
   * Answers by package and version: the folder does not change once indexed, and typing in a
   * requirements file looks the same pins up again on every keystroke. Treat answers as immutable.
   */
  private readonly answers = new Map<string, AdvisoryAnswer>();

  lookup(name: string, version: string): AdvisoryAnswer {
    this.ensureIndexed();
    if (!this.byName) return { state: 'unavailable', reason: this.failure ?? `${this.folder} could not be read` };
    const key = `${normalizeName(name)}\0${version}`;
    let answer = this.answers.get(key);
    if (!answer) {
      const all = this.advisoriesFor(name);
      answer = { state: 'ok', advisories: all.filter((a) => affects(a, name, version)), all };
      if (this.answers.size >= MAX_ANSWERS) this.answers.clear();
      this.answers.set(key, answer);
    }
    return answer;
  }
}
