// Reads the fixture Dockerfiles (server/src/kinds/dockerfile/fixtures/*.dockerfile) with their
// expectations, written as comments at the end of each file:
//   # expect: DKR001 error 12        (rule, severity, 1-based line; one line per finding)
//   # config: {"docker": {"target": "prod"}}
// A sibling NAME.dockerignore is placed next to the Dockerfile as its .dockerignore.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeEngine } from '../../helpers/rule-tester';
import { dockerfileKind } from '../../../server/src/kinds/dockerfile';
import type { Finding } from '../../../server/src/engine';

export const FIXTURES_DIR = path.join(__dirname, '../../../server/src/kinds/dockerfile/fixtures');

export interface Fixture {
  name: string;
  text: string;
  expected: string[];
  config?: object;
  dockerignore?: string;
}

export function loadFixtures(): Fixture[] {
  return fs
    .readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.dockerfile'))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(FIXTURES_DIR, f), 'utf8');
      const expected: string[] = [];
      let config: object | undefined;
      for (const line of text.split(/\r?\n/)) {
        const e = /^# expect: (DKR\d{3}) (error|warning|info) (\d+)\s*$/.exec(line);
        if (e) expected.push(`${e[1]} ${e[2]} ${e[3]}`);
        const c = /^# config: (.*)$/.exec(line);
        if (c) config = JSON.parse(c[1]);
      }
      const ignore = path.join(FIXTURES_DIR, f.replace(/\.dockerfile$/, '.dockerignore'));
      return { name: f, text, expected: expected.sort(), config, dockerignore: fs.existsSync(ignore) ? fs.readFileSync(ignore, 'utf8') : undefined };
    });
}

export function lintFixture(fx: Fixture): { findings: Finding[]; logs: string[] } {
  const files: Record<string, string> = { Dockerfile: fx.text };
  if (fx.dockerignore !== undefined) files['.dockerignore'] = fx.dockerignore;
  const { engine, logs } = makeEngine([dockerfileKind], files, fx.config);
  return { findings: engine.lintFile('/ws/Dockerfile').findings, logs };
}

export function summary(f: Finding): string {
  return `${f.ruleId} ${f.severity} ${f.range.start.line + 1}`;
}
