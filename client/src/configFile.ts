// Creating the project file .deployguard.json from the effective configuration. (Where a VS Code
// setting disagrees with the project file, the server explains it in the output channel.)
import * as vscode from 'vscode';
import { exists } from './files';
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

async function schemaReference(folder: vscode.Uri): Promise<string> {
  if (await exists(vscode.Uri.joinPath(folder, NPM_SCHEMA))) return `./${NPM_SCHEMA}`;
  return SCHEMA_URI;
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: `Folder to create ${CONFIG_FILE_NAME} in` });
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

/**
 * Text of a new .deployguard.json: `$schema`, then the effective project configuration. Editor
 * settings (advisory folder, excludes) stay out: they are this machine's, and the CLI must not see them.
 */
export function configFileText(schemaRef: string, effective: Record<string, Json> | undefined): string {
  const data = (pruneToSchema(effective ?? {}) ?? {}) as Record<string, Json>;
  delete data.$schema;
  return JSON.stringify({ $schema: schemaRef, rules: {}, ignore: [], ...data }, null, 2) + '\n';
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
  const text = configFileText(await schemaReference(folder.uri), await effectiveConfig(client, folder.uri));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(target);
  return target;
}
