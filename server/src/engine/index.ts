// Public surface of the engine library (no LSP, no VS Code).
export * from './types';
export * from './text';
export * from './workspace';
export * from './glob';
export * from './paths';
export * from './config';
export * from './kind';
export * from './suppress';
export * from './meta';
export * from './discover';
export * from './engine';
