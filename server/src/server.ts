// Entry point of the language server (dist/server.js): stdio, IPC or socket, as the client asks
// (--stdio / --node-ipc / --socket=N). The wiring lives in ./lsp, the analysis in ./engine.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { KINDS } from './kinds';
import { startServer } from './lsp/server';

startServer(createConnection(ProposedFeatures.all), KINDS);
