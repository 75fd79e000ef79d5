// Engine set-up shared by the CLI and the language server: the file-system workspace (whose
// size limit follows each root's `maxFileSize`), and how a project root is found for a lone file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_MAX_FILE_SIZE, FsWorkspace, type ReadResult } from '../engine';

/**
 * An FsWorkspace whose file-size limit is the one configured for the file's root
 * (`maxFileSize` in that root's .deployguard.json); the config files themselves use the default.
 */
export class ConfiguredWorkspace extends FsWorkspace {
  /** Returns the limit for a file; set once the engine exists. */
  limitFor?: (file: string) => number | undefined;

  override read(file: string): ReadResult {
    let limit: number | undefined;
    if (path.basename(file) !== CONFIG_FILE_NAME) {
      try {
        limit = this.limitFor?.(file);
      } catch {
        limit = undefined;
      }
    }
    this.maxFileSize = limit ?? DEFAULT_MAX_FILE_SIZE;
    return super.read(file);
  }
}

/**
 * The project root of a file given on its own: the nearest ancestor folder (the file's own folder
 * included) that holds a .deployguard.json or a .git, else the file's folder.
 */
export function projectRootOf(file: string): string {
  const start = path.dirname(path.resolve(file));
  return projectRootOfDir(start) ?? start;
}

/** The nearest folder from `dir` upwards holding a .deployguard.json or a .git, if any. */
export function projectRootOfDir(dir: string): string | undefined {
  let cur = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(cur, CONFIG_FILE_NAME)) || fs.existsSync(path.join(cur, '.git'))) return cur;
    const parent = path.dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}
