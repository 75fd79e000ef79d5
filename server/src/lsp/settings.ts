// Reading the editor settings (section "deployguard") and reconciling them with .deployguard.json:
// the project file is the source of rule configuration; a setting only fills what the project file
// leaves unsaid, and a conflict is explained in the log, never merged silently.
// The ESM build, as in engine/config.ts: the UMD main does not survive bundling.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import * as path from 'node:path';
import type { LoadedConfig } from '../engine';
import { DEFAULT_SETTINGS, type Settings } from './protocol';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Turns the raw configuration section into Settings. Invalid values fall back to their default and
 * are reported through `problems` (one line each).
 */
export function parseSettings(raw: unknown, problems: string[] = []): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, exclude: [] };
  if (raw === undefined || raw === null) return s;
  if (!isObject(raw)) {
    problems.push('deployguard settings are not an object; the defaults apply');
    return s;
  }
  const bad = (name: string, expected: string) => problems.push(`setting deployguard.${name} must be ${expected}; the default applies`);
  if (raw.enable !== undefined) {
    if (typeof raw.enable === 'boolean') s.enable = raw.enable;
    else bad('enable', 'true or false');
  }
  if (raw.run !== undefined) {
    if (raw.run === 'onType' || raw.run === 'onSave') s.run = raw.run;
    else bad('run', '"onType" or "onSave"');
  }
  if (raw.exclude !== undefined) {
    if (Array.isArray(raw.exclude) && raw.exclude.every((g) => typeof g === 'string')) s.exclude = raw.exclude.filter((g) => g.trim() !== '');
    else bad('exclude', 'an array of glob strings');
  }
  const advisories = raw.advisories;
  if (advisories !== undefined) {
    if (!isObject(advisories)) bad('advisories', 'an object');
    else {
      if (advisories.path !== undefined && advisories.path !== null) {
        if (typeof advisories.path === 'string') s.advisoriesPath = advisories.path.trim();
        else bad('advisories.path', 'a string');
      }
      if (advisories.online !== undefined) {
        if (typeof advisories.online === 'boolean') s.advisoriesOnline = advisories.online;
        else bad('advisories.online', 'true or false');
      }
    }
  }
  const trace = isObject(raw.trace) ? raw.trace.server : undefined;
  if (trace !== undefined) {
    if (trace === 'off' || trace === 'messages' || trace === 'verbose') s.trace = trace;
    else bad('trace.server', '"off", "messages" or "verbose"');
  }
  if (raw.debounce !== undefined) {
    if (typeof raw.debounce === 'number' && Number.isFinite(raw.debounce) && raw.debounce >= 0 && raw.debounce <= 10_000) s.debounce = raw.debounce;
    else bad('debounce', 'a number of milliseconds between 0 and 10000');
  }
  return s;
}

/** Whether the project file itself states a key (a default value is not "stated"). */
function states(text: string | undefined, p: string[]): boolean {
  if (text === undefined) return false;
  try {
    const tree = parseTree(text, [], { allowTrailingComma: true });
    return tree !== undefined && findNodeAtLocation(tree, p) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Applies the editor settings that the project file leaves open to a freshly loaded config (in
 * place), and returns log lines explaining each setting used or overridden.
 * `configText` is the .deployguard.json text (undefined when there is none).
 */
export function applySettings(loaded: LoadedConfig, settings: Settings, root: string, configText: string | undefined): string[] {
  const lines: string[] = [];
  const where = root ? `folder ${root}` : 'files outside the workspace folders';
  const req = loaded.config.requirements;
  if (settings.advisoriesPath) {
    const fromSetting = path.resolve(root || process.cwd(), settings.advisoriesPath);
    if (states(configText, ['requirements', 'advisories']) && req.advisories !== undefined) {
      const fromProject = path.resolve(loaded.config.root || process.cwd(), req.advisories);
      if (fromProject !== fromSetting) {
        lines.push(
          `${where}: .deployguard.json sets requirements.advisories to "${req.advisories}", so the setting deployguard.advisories.path ("${settings.advisoriesPath}") is not used; remove one of them to make the editor and the CLI agree`,
        );
      }
    } else {
      req.advisories = fromSetting;
      lines.push(`${where}: advisories are read from ${fromSetting} (setting deployguard.advisories.path; .deployguard.json names no folder)`);
    }
  }
  if (states(configText, ['requirements', 'onlineAdvisories'])) {
    if (req.onlineAdvisories !== settings.advisoriesOnline) {
      lines.push(
        `${where}: .deployguard.json sets requirements.onlineAdvisories to ${req.onlineAdvisories}, which wins over the setting deployguard.advisories.online (${settings.advisoriesOnline})`,
      );
    }
  } else if (settings.advisoriesOnline !== req.onlineAdvisories) {
    req.onlineAdvisories = settings.advisoriesOnline;
    lines.push(`${where}: online advisory look-ups are ${settings.advisoriesOnline ? 'on' : 'off'} (setting deployguard.advisories.online; .deployguard.json does not say)`);
  }
  return lines;
}
