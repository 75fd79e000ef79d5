// REQ011: development, debugging and test tools in a production requirements file. The quick fix
// moves the line (continuation lines and hashes included) to the development requirements file
// next to it, creating `requirements-dev.txt` (or `dev.txt` in a requirements/ folder) if none exists.
import * as path from 'node:path';
import type { Rule } from '../../../engine/kind';
import { LineIndex } from '../../../engine/text';
import type { Fix, FileEdit } from '../../../engine/types';
import { appendLines, deleteEntry, entrySource, fileText, isRequirementsPath, requirementHead } from '../helpers';
import { roleOf, type ReqFile, type UnitModel } from '../model';
import type { Entry } from '../parser';
import { parseRequirementsText } from '../parser';
import { relativeTo } from '../../../engine/paths';

/** Debuggers and profilers: they open endpoints or consoles (warning). */
const DEBUG = new Map<string, string>([
  ['django-debug-toolbar', 'exposes settings, SQL and request data in every page'],
  ['django-extensions', 'adds runserver_plus (Werkzeug debugger console) and shell commands'],
  ['django-silk', 'records and serves every request and SQL query'],
  ['debugpy', 'opens a remote debugger port'],
  ['ipdb', 'is an interactive debugger'],
  ['pdbpp', 'is an interactive debugger'],
]);

/** Test and lint tools: dead weight and extra attack surface in production (info). */
const TOOLS = new Set(['coverage', 'factory-boy', 'faker', 'flake8', 'ruff', 'black', 'mypy', 'pre-commit', 'pylint', 'isort', 'tox', 'nox']);

function classify(key: string, keys: () => Set<string | undefined>): { severity: 'warning' | 'info'; why: string } | undefined {
  const debug = DEBUG.get(key);
  if (debug) return { severity: 'warning', why: debug };
  if (key === 'werkzeug') {
    // Werkzeug is a Flask dependency; on its own in a Django project it serves runserver_plus's debugger.
    if (keys().has('django-extensions') && !keys().has('flask')) return { severity: 'warning', why: "is only needed for django-extensions' runserver_plus debugger" };
    return undefined;
  }
  if (key === 'pytest' || key.startsWith('pytest-') || TOOLS.has(key)) return { severity: 'info', why: 'is a test or lint tool' };
  return undefined;
}

const DEV_WORDS = ['dev', 'develop', 'development'];

/** The development requirements file a package should move to, existing or to create. */
function devTarget(model: UnitModel, from: ReqFile): { file: string; exists: boolean } {
  const dir = path.dirname(from.file);
  const ext = from.file.toLowerCase().endsWith('.in') ? '.in' : '.txt';
  const entries = model.ws.list(dir) ?? [];
  let best: { file: string; score: number } | undefined;
  for (const e of entries) {
    if (e.isDirectory || !e.name.toLowerCase().endsWith(ext)) continue;
    const abs = path.join(dir, e.name);
    const rel = (model.wsRoot ? relativeTo(model.wsRoot, abs) : undefined) ?? e.name;
    if (abs === from.file || !isRequirementsPath(rel) || roleOf(rel) !== 'development') continue;
    const tokens = e.name.toLowerCase().slice(0, -ext.length).split(/[-_.]/);
    const score = (tokens.some((t) => DEV_WORDS.includes(t)) ? 10 : 1) - e.name.length / 1000;
    if (!best || score > best.score) best = { file: abs, score };
  }
  if (best) return { file: best.file, exists: true };
  const inFolder = path.basename(dir).toLowerCase() === 'requirements';
  return { file: path.join(dir, inFolder ? `dev${ext}` : `requirements-dev${ext}`), exists: false };
}

/** What one run of the rule looked up once: dev targets by folder and extension, and the packages each target lists. */
interface Lookups {
  targets: Map<string, { file: string; exists: boolean }>;
  contents: Map<string, { text: string; index: LineIndex; keys: Set<string | undefined> } | undefined>;
}

function moveFix(model: UnitModel, file: ReqFile, entry: Entry, name: string, seen: Lookups): Fix | undefined {
  // The target depends on the folder and on the extension (.in files move to .in files).
  const key = `${path.dirname(file.file)}\0${file.input}`;
  let target = seen.targets.get(key);
  if (!target) seen.targets.set(key, (target = devTarget(model, file)));
  const source = entrySource(file, entry).split(/\r\n|\r|\n/);
  const edits: FileEdit[] = [deleteEntry(file, entry)];
  const targetName = path.basename(target.file);
  if (target.exists) {
    let content = seen.contents.get(target.file);
    if (!seen.contents.has(target.file)) {
      const text = fileText(model, target.file);
      if (text !== undefined) {
        const parsed = parseRequirementsText(target.file, text);
        content = { text, index: parsed.index, keys: new Set(parsed.entries.map((e) => e.requirement?.key)) };
      }
      seen.contents.set(target.file, content);
    }
    if (!content) return undefined;
    const text = content.text;
    if (entry.requirement?.key !== undefined && content.keys.has(entry.requirement.key)) return { title: `Remove ${name} (already in ${targetName})`, edits, isPreferred: true };
    edits.push(appendLines(target.file, text, source, content.index));
    return { title: `Move ${name} to ${targetName}`, edits, isPreferred: true };
  }
  const eol = file.parsed.index.eol;
  const include = path.relative(path.dirname(target.file), file.file).split(path.sep).join('/');
  return {
    title: `Move ${name} to a new ${targetName}`,
    edits,
    createFiles: [{ file: target.file, text: [`-r ${include}`, ...source].join(eol) + eol }],
    isPreferred: true,
    caveat: `Install ${targetName} only in development and CI (pip install -r ${targetName}).`,
  };
}

export const REQ011: Rule<UnitModel> = {
  meta: {
    id: 'REQ011',
    kind: 'requirements',
    title: 'Development tool in a production requirements file',
    severity: 'warning',
    fix: 'yes',
    why: 'Debug toolbars, debuggers and profilers open endpoints that leak data or execute code when they are installed (and accidentally enabled) in production; test and lint tools only add attack surface.',
  },
  check({ model, report }) {
    let keys: Set<string | undefined> | undefined;
    const allKeys = () => (keys ??= new Set(model.requirements.map((r) => r.entry.requirement?.key)));
    const seen: Lookups = { targets: new Map(), contents: new Map() };
    for (const { file, entry } of model.requirements) {
      const req = entry.requirement!;
      if (file.role === 'development' || !req.key) continue;
      const c = classify(req.key, allKeys);
      if (!c) continue;
      const name = req.name ?? req.key;
      const fix = moveFix(model, file, entry, name, seen);
      report({
        file: file.file,
        range: req.nameRange ?? requirementHead(req),
        severity: c.severity,
        message: `${name} ${c.why}: it does not belong in the production file ${file.rel}; move it to the development requirements`,
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};
