// Which documents the extension hands to the language server. Pure data (no `vscode` import), so
// a unit test can check it against package.json (languages, activation events).
//
// Files on disk are selected by path pattern, never by language id: another extension may give
// every `.conf` the id `nginx`, and we must not lint an Apache or supervisord config because of it.
// The server decides in the end (each kind's `claims()` may also look at the content), so a pattern
// may be a little wider than the kind, but never "every .conf file".
// Untitled buffers have no path: they are selected by language id.

export interface ClientKind {
  /** Engine kind id (server/src/kinds/<id>). */
  id: string;
  /** The VS Code language id its files get; `contributed` when this extension declares the language. */
  languageId: string;
  contributed: boolean;
  /** Glob patterns (VS Code document-filter syntax) of the files the server may claim. */
  patterns: string[];
}

export const CLIENT_KINDS: ClientKind[] = [
  {
    id: 'sshd',
    languageId: 'sshd_config',
    contributed: true,
    patterns: ['**/sshd_config', '**/sshd_config.d/*.conf', '**/*sshd*.conf'],
  },
  {
    id: 'nginx',
    languageId: 'nginx',
    contributed: true,
    patterns: [
      '**/nginx.conf',
      '**/*.nginx',
      '**/*.nginx.conf',
      '**/nginx/**/*.conf',
      '**/nginx/**/*.conf.j2',
      '**/nginx/**/*.conf.template',
      '**/conf.d/*.conf',
      '**/sites-available/*',
      '**/sites-enabled/*',
      '**/snippets/*.conf',
      // Any other .conf (or template of one) is the server's to claim by content (`server {`,
      // `http {`, `location … {`); it gets the nginx language id only through detectNginx().
      '**/*.conf',
      '**/*.conf.{j2,jinja,jinja2,template,tmpl}',
    ],
  },
  {
    id: 'requirements',
    languageId: 'pip-requirements',
    contributed: true,
    patterns: ['**/*requirements*.txt', '**/requirements/*.txt', '**/*requirements*.in', '**/constraints*.txt'],
  },
  {
    id: 'dockerfile',
    // VS Code's built-in Docker support declares this language and its file names.
    languageId: 'dockerfile',
    contributed: false,
    patterns: [
      '**/{Dockerfile,dockerfile,Containerfile,containerfile}',
      '**/{Dockerfile,dockerfile,Containerfile,containerfile}.*',
      '**/*.{Dockerfile,dockerfile,Containerfile,containerfile}',
    ],
  },
  {
    id: 'django',
    // VS Code's built-in Python language. Settings modules can have any name (prod.py,
    // config/live.py…), so every Python file goes to the server and its Django kind decides.
    languageId: 'python',
    contributed: false,
    patterns: ['**/*.py'],
  },
];

/**
 * The project configuration file. Not synced as a document: the server reads it from disk, as the
 * CLI does, so an unsaved edit (or a deleted file whose buffer VS Code keeps for a while) never
 * makes the IDE disagree with CI. Its JSON schema validates it as you type; the server reports
 * what it cannot use (DG001) through workspace diagnostics once it is saved.
 */
export const CONFIG_FILE_PATTERN = '**/.deployguard.json';

/** Files whose change on disk changes findings elsewhere (the server re-reads them). */
export const WATCHED_PATTERNS: string[] = [
  CONFIG_FILE_PATTERN,
  '**/.dockerignore',
  ...CLIENT_KINDS.flatMap((k) => k.patterns),
];

export const LANGUAGE_IDS: string[] = CLIENT_KINDS.map((k) => k.languageId);

export interface DocumentFilterData {
  scheme: string;
  pattern?: string;
  language?: string;
}

export function documentSelector(): DocumentFilterData[] {
  return [
    ...CLIENT_KINDS.flatMap((k) => k.patterns.map((pattern) => ({ scheme: 'file', pattern }))),
    ...LANGUAGE_IDS.map((language) => ({ scheme: 'untitled', language })),
  ];
}
