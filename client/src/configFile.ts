// The project file .deployguard.json: creating it from the effective configuration, and explaining
// (in the output channel) where a VS Code setting disagrees with it. The project file is what the
// CLI reads too, so it wins; settings are never merged into it silently.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import schema from '../../server/schemas/deployguard.schema.json';
import { EffectiveConfigRequest } from './protocol';

export const CONFIG_FILE_NAME = '.deployguard.json';
/** Served by this extension (see registerSchemaProvider), so `$schema` resolves offline in VS Code. */
export const SCHEMA_URI = 'deployguard-schema:/deployguard.schema.json';
/** Where the schema is when the CLI is installed as an npm dev-dependency (what CI runs). */
const NPM_SCHEMA = 'node_modules/deployguard/server/schemas/deployguard.schema.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  $ref?: string;
}

/** Keeps only what the schema allows (the server's view may carry internal fields such as `root`). */
export function pruneToSchema(value: Json, node: SchemaNode = schema as SchemaNode): Json {
  if (node.$ref) return value; // rule maps: already validated by the server
  if (Array.isArray(value)) return node.items ? value.map((v) => pruneToSchema(v, node.items!)) : value;
  if (value === null || typeof value !== 'object' || !node.properties) return value;
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(value)) {
    const child = node.properties[k];
    if (child) out[k] = pruneToSchema(v, child);
    else if (node.additionalProperties !== false) out[k] = v;
  }
  return out;
}

export function registerSchemaProvider(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider('deployguard-schema', {
      provideTextDocumentContent: () => JSON.stringify(schema, null, 2),
    }),
  );
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function schemaReference(folder: vscode.Uri): Promise<string> {
  if (await exists(vscode.Uri.joinPath(folder, NPM_SCHEMA))) return `./${NPM_SCHEMA}`;
  return SCHEMA_URI;
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const current = active && vscode.workspace.getWorkspaceFolder(active);
  return vscode.window.showWorkspaceFolderPick({ placeHolder: `Folder to create ${CONFIG_FILE_NAME} in` }).then((f) => f ?? current);
}

/** The VS Code settings that have a counterpart in the project file. */
function settingsView(folder: vscode.Uri): { ignore: string[]; advisories?: string; onlineAdvisories: boolean } {
  const cfg = vscode.workspace.getConfiguration('deployguard', folder);
  return {
    ignore: cfg.get<string[]>('exclude', []) ?? [],
    advisories: cfg.get<string>('advisories.path') || undefined,
    onlineAdvisories: cfg.get<boolean>('advisories.online', false) ?? false,
  };
}

export async function effectiveConfig(client: LanguageClient | undefined, folder: vscode.Uri): Promise<Record<string, Json> | undefined> {
  if (!client) return undefined;
  try {
    const result = await client.sendRequest(EffectiveConfigRequest, { uri: folder.toString() });
    return result && typeof result === 'object' ? (result as Record<string, Json>) : undefined;
  } catch (e) {
    client.warn(`deployguard/effectiveConfig failed: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** Text of a new .deployguard.json: `$schema`, then the effective configuration with the settings folded in. */
export function configFileText(schemaRef: string, effective: Record<string, Json> | undefined, settings: ReturnType<typeof settingsView>): string {
  const data = (pruneToSchema(effective ?? {}) ?? {}) as Record<string, Json>;
  delete data.$schema;
  const out: Record<string, Json> = { $schema: schemaRef, rules: {}, ignore: [], ...data };
  const ignore = new Set([...((out.ignore as string[]) ?? []), ...settings.ignore]);
  out.ignore = [...ignore];
  const req = { ...((out.requirements as Record<string, Json>) ?? {}) };
  if (settings.advisories && req.advisories === undefined) req.advisories = settings.advisories;
  if (settings.onlineAdvisories && req.onlineAdvisories === undefined) req.onlineAdvisories = true;
  if (Object.keys(req).length > 0) out.requirements = req;
  return JSON.stringify(out, null, 2) + '\n';
}

export async function createConfigFile(client: LanguageClient | undefined): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder();
  if (!folder) {
    void vscode.window.showWarningMessage(`DeployGuard: open a folder first; ${CONFIG_FILE_NAME} lives at the top of a project.`);
    return undefined;
  }
  const target = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
  if (await exists(target)) {
    await vscode.window.showTextDocument(target);
    void vscode.window.showInformationMessage(`DeployGuard: ${CONFIG_FILE_NAME} already exists; opened it.`);
    return target;
  }
  const text = configFileText(await schemaReference(folder.uri), await effectiveConfig(client, folder.uri), settingsView(folder.uri));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(target);
  return target;
}

/** Logs every setting whose value the project file overrides (called at start and on changes). */
export async function explainConflicts(client: LanguageClient | undefined): Promise<void> {
  if (!client) return;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (!(await exists(vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME)))) continue;
    const effective = await effectiveConfig(client, folder.uri);
    const req = (effective?.requirements ?? {}) as Record<string, Json>;
    const settings = settingsView(folder.uri);
    const file = CONFIG_FILE_NAME;
    if (settings.advisories && typeof req.advisories === 'string' && req.advisories !== settings.advisories) {
      client.info(
        `[${folder.name}] setting deployguard.advisories.path = "${settings.advisories}" differs from requirements.advisories = "${req.advisories}" in ${file}; the project file wins (the CLI reads it too).`,
      );
    }
    if (typeof req.onlineAdvisories === 'boolean' && req.onlineAdvisories !== settings.onlineAdvisories) {
      const cfg = vscode.workspace.getConfiguration('deployguard', folder.uri).inspect<boolean>('advisories.online');
      const explicit = cfg?.globalValue ?? cfg?.workspaceValue ?? cfg?.workspaceFolderValue;
      if (explicit !== undefined) {
        client.info(
          `[${folder.name}] setting deployguard.advisories.online = ${settings.onlineAdvisories} differs from requirements.onlineAdvisories = ${req.onlineAdvisories} in ${file}; the project file wins.`,
        );
      }
    }
  }
}
