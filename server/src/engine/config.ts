// The project configuration file `.deployguard.json`, shared by the language server and the CLI so
// that the IDE and CI agree. It is validated against server/schemas/deployguard.schema.json; an
// invalid entry is reported with its line and dropped, and its default applies.
import * as path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import picomatch from 'picomatch';
import schema from '../../schemas/deployguard.schema.json';
import { LineIndex } from './text';
import type { Range, Severity } from './types';
import { DEFAULT_MAX_FILE_SIZE } from './workspace';

export const CONFIG_FILE_NAME = '.deployguard.json';

export type RuleSetting = 'off' | 'on' | Severity;

export interface ProjectConfig {
  /** Folder the config applies to (its patterns are relative to it). */
  root: string;
  /** Path of the file it was read from, if any. */
  file?: string;
  rules: Record<string, RuleSetting>;
  ignore: string[];
  overrides: { files: string[]; rules: Record<string, RuleSetting> }[];
  maxFileSize: number;
  openssh: { version: string; configRoot?: string };
  nginx: { version: string; prefix?: string; versionStated: boolean };
  django: { version: string; productionSettings?: string; versionStated: boolean; tlsTerminatedUpstream?: boolean };
  docker: { target?: string; trustedRegistries?: string[] };
  requirements: { advisories?: string; onlineAdvisories: boolean };
}

export const DEFAULT_VERSIONS = { openssh: '9.6', nginx: '1.24', django: '5.2' } as const;

export function defaultConfig(root: string): ProjectConfig {
  return {
    root,
    rules: {},
    ignore: [],
    overrides: [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    openssh: { version: DEFAULT_VERSIONS.openssh },
    nginx: { version: DEFAULT_VERSIONS.nginx, versionStated: false },
    django: { version: DEFAULT_VERSIONS.django, versionStated: false },
    docker: {},
    requirements: { onlineAdvisories: false },
  };
}

export interface ConfigProblem {
  message: string;
  range: Range;
}

export interface LoadedConfig {
  config: ProjectConfig;
  problems: ConfigProblem[];
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown): ErrorObject[] {
  if (!validator) validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(err: ErrorObject, where: string): string {
  switch (err.keyword) {
    case 'additionalProperties':
      return `unknown key "${(err.params as { additionalProperty: string }).additionalProperty}"${where ? ` in ${where}` : ''}`;
    case 'propertyNames':
      return `"${(err.params as { propertyName: string }).propertyName}" is not a rule id (expected e.g. SSH002)`;
    case 'enum':
      return `${where} must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `${where || 'the configuration'} must be ${(err.params as { type: string }).type === 'integer' ? 'an integer' : `of type ${(err.params as { type: string }).type}`}`;
    case 'required':
      return `${where || 'an entry'} needs "${(err.params as { missingProperty: string }).missingProperty}"`;
    default:
      return `${where || 'the configuration'} ${err.message ?? 'is invalid'}`;
  }
}

function deleteAt(data: unknown, p: (string | number)[]): void {
  if (p.length === 0) return;
  let cur: unknown = data;
  for (const seg of p.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  if (cur === null || typeof cur !== 'object') return;
  const last = p[p.length - 1];
  if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1);
  else delete (cur as Record<string | number, unknown>)[last];
}

/**
 * Parses and validates the text of a `.deployguard.json`. Never throws: every problem comes back
 * with the range of the offending key or value, and the defaults stand in for what was invalid.
 */
export function parseConfig(text: string, root: string, file?: string, knownRuleIds?: Set<string>): LoadedConfig {
  const index = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const config = defaultConfig(root);
  config.file = file;
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !tree) {
    for (const e of errors.slice(0, 5)) {
      problems.push({
        message: `invalid JSON: ${printParseErrorCode(e.error)}; the default configuration applies`,
        range: index.range(e.offset, e.offset + Math.max(1, e.length)),
      });
    }
    if (!tree && errors.length === 0) problems.push({ message: 'empty configuration file; the default configuration applies', range: index.range(0, 0) });
    if (errors.length > 0 || !tree) return { config, problems };
  }

  const data = nodeValue(tree);
  const rangeOf = (p: (string | number)[], key: boolean): Range => {
    const node = findNodeAtLocation(tree, p);
    if (!node) return index.range(tree.offset, tree.offset + 1);
    const target: Node = key && node.parent?.type === 'property' ? node.parent.children![0] : node;
    return index.range(target.offset, target.offset + target.length);
  };

  for (let round = 0; round < 20; round++) {
    const errs = validate(data);
    if (errs.length === 0) break;
    for (const err of errs) {
      const p = pointerToPath(err.instancePath);
      const where = p.length ? p.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.').replace(/\.\[/g, '[') : '';
      if (err.keyword === 'additionalProperties') {
        const extra = (err.params as { additionalProperty: string }).additionalProperty;
        problems.push({ message: describe(err, where) + '; it is ignored', range: rangeOf([...p, extra], true) });
        deleteAt(data, [...p, extra]);
      } else if (err.keyword === 'propertyNames') {
        const name = (err.params as { propertyName: string }).propertyName;
        problems.push({ message: describe(err, where) + '; it is ignored', range: rangeOf([...p, name], true) });
        deleteAt(data, [...p, name]);
      } else {
        problems.push({ message: describe(err, where) + '; the default applies', range: rangeOf(p, false) });
        if (p.length === 0) return { config, problems };
        deleteAt(data, p);
      }
    }
  }

  const obj = data as Record<string, any>;
  if (obj.rules) config.rules = obj.rules;
  if (obj.ignore) config.ignore = obj.ignore;
  if (obj.overrides) config.overrides = obj.overrides.map((o: any) => ({ files: o.files, rules: o.rules ?? {} }));
  if (obj.maxFileSize) config.maxFileSize = obj.maxFileSize;
  if (obj.openssh) config.openssh = { ...config.openssh, ...obj.openssh };
  if (obj.nginx) config.nginx = { ...config.nginx, ...obj.nginx, versionStated: obj.nginx.version !== undefined };
  if (obj.django) config.django = { ...config.django, ...obj.django, versionStated: obj.django.version !== undefined };
  if (obj.docker) config.docker = { ...obj.docker };
  if (obj.requirements) config.requirements = { ...config.requirements, ...obj.requirements };

  if (knownRuleIds) {
    const check = (rules: Record<string, RuleSetting>, p: (string | number)[]) => {
      for (const id of Object.keys(rules)) {
        if (!knownRuleIds.has(id)) {
          problems.push({ message: `unknown rule "${id}"; it is ignored`, range: rangeOf([...p, id], true) });
          delete rules[id];
        }
      }
    };
    check(config.rules, ['rules']);
    config.overrides.forEach((o, i) => check(o.rules, ['overrides', i, 'rules']));
  }
  return { config, problems };
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) o[k.value as string] = nodeValue(v);
      }
      return o;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

const matcherCache = new Map<string, (p: string) => boolean>();
function matcher(globs: string[]): (p: string) => boolean {
  const key = globs.join('\0');
  let m = matcherCache.get(key);
  if (!m) {
    m = picomatch(
      globs.map((g) => g.replace(/^\.\//, '')),
      { dot: true },
    );
    matcherCache.set(key, m);
  }
  return m;
}

/** True when a glob list matches the path or one of its parent folders. */
export function globsMatch(globs: string[], relPath: string): boolean {
  if (globs.length === 0) return false;
  const m = matcher(globs);
  if (m(relPath)) return true;
  const parts = relPath.split('/');
  for (let i = 1; i < parts.length; i++) if (m(parts.slice(0, i).join('/'))) return true;
  return false;
}

export function isIgnored(config: ProjectConfig, relPath: string): boolean {
  return globsMatch(config.ignore, relPath);
}

/** The setting in force for a rule at a path: later overrides win over earlier ones and over `rules`. */
export function ruleSettingFor(config: ProjectConfig, ruleId: string, relPath: string | undefined): RuleSetting | undefined {
  let setting = config.rules[ruleId];
  if (relPath !== undefined) {
    for (const o of config.overrides) {
      if (o.rules[ruleId] !== undefined && globsMatch(o.files, relPath)) setting = o.rules[ruleId];
    }
  }
  return setting;
}

/** Resolves a path option given relative to the config's folder. */
export function resolveConfigPath(config: ProjectConfig, p: string): string {
  return path.resolve(config.root, p);
}
