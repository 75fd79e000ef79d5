// The offline advisory database: a folder of OSV JSON records (the layout of OSV's PyPI/all.zip,
// one record per file; sub-folders such as pypa/advisory-database's `vulns/<package>/` work too).
// It is indexed into memory by package name on the first lookup, once per process.
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

export class FolderAdvisorySource implements AdvisorySource {
  readonly label: string;
  private byName?: Map<string, Advisory[]>;
  private failure?: string;
  private statsValue?: FolderIndexStats;

  constructor(
    readonly folder: string,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.label = `offline advisories in ${folder}`;
  }

  /** Builds the index now (it is otherwise built on the first lookup). Never throws. */
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
    const byName = new Map<string, Advisory[]>();
    const stats: FolderIndexStats = { files: 0, records: 0, packages: 0, skipped: 0, ms: 0 };
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
        let adv: Advisory | undefined;
        try {
          adv = trimRecord(JSON.parse(fs.readFileSync(p, 'utf8')));
        } catch {
          adv = undefined;
        }
        if (!adv) {
          stats.skipped++;
          continue;
        }
        stats.records++;
        for (const name of new Set(adv.affected.map((a) => a.name))) {
          const list = byName.get(name);
          if (list) list.push(adv);
          else byName.set(name, [adv]);
        }
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

  /** Every advisory naming the package (any spelling). */
  advisoriesFor(name: string): Advisory[] {
    this.ensureIndexed();
    return this.byName?.get(normalizeName(name)) ?? [];
  }

  lookup(name: string, version: string): AdvisoryAnswer {
    this.ensureIndexed();
    if (!this.byName) return { state: 'unavailable', reason: this.failure ?? `${this.folder} could not be read` };
    const all = this.byName.get(normalizeName(name)) ?? [];
    return { state: 'ok', advisories: all.filter((a) => affects(a, name, version)), all };
  }
}
