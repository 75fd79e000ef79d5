// The Dockerfile model: stage graph, final stage, effective users, variables, argument forms.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { defaultConfig, MemoryWorkspace, type ProjectConfig } from '../../../server/src/engine';
import { dockerfileKind, isDockerfileName } from '../../../server/src/kinds/dockerfile';
import { buildModel } from '../../../server/src/kinds/dockerfile/parse';
import { lint } from '../../helpers/rule-tester';

function model(text: string, config: Partial<ProjectConfig> = {}) {
  return buildModel(text, { file: '/ws/Dockerfile', relPath: 'Dockerfile', ws: new MemoryWorkspace({}, ['/ws']), config: { ...defaultConfig('/ws'), ...config } });
}

const MULTI = `FROM python:3.12-slim AS builder
USER root
RUN pip wheel -w /wheels -r requirements.txt
FROM builder AS tests
RUN pytest
FROM python:3.12-slim AS final
COPY --from=builder /wheels /wheels
USER 10001
CMD ["python", "-m", "app"]
`;

describe('stage graph', () => {
  it('names stages, links FROM <stage> parents and COPY --from sources, and picks the last stage as final', () => {
    const m = model(MULTI);
    assert.deepEqual(m.stages.map((s) => s.name), ['builder', 'tests', 'final']);
    assert.equal(m.stages[1].parent, m.stages[0]);
    assert.deepEqual(m.stages[2].copiesFrom, [m.stages[0]]);
    assert.equal(m.finalStage, m.stages[2]);
    assert.deepEqual(m.stages.map((s) => s.shipped), [false, false, true]);
  });

  it('uses docker.target as the final stage, and ships its ancestors', () => {
    const m = model(MULTI, { docker: { target: 'tests' } });
    assert.equal(m.finalStage?.name, 'tests');
    assert.deepEqual(m.stages.map((s) => s.shipped), [true, true, false]);
  });

  it('computes the effective user per stage, inherited through FROM <stage>', () => {
    const m = model(MULTI);
    assert.equal(m.stages[0].user.value, 'root');
    assert.equal(m.stages[1].user.value, 'root');
    assert.equal(m.stages[1].user.instruction?.stage, m.stages[0]);
    assert.equal(m.stages[2].user.value, '10001');
  });

  it('knows base images that run as non-root (catalog §0)', () => {
    const nonRoot = ['gcr.io/distroless/static-debian12:nonroot', 'gcr.io/distroless/python3:debug-nonroot', 'cgr.dev/chainguard/python:latest', 'cgr.dev/chainguard/go', 'bitnami/nginx:1.27', 'docker.io/bitnami/redis:7'];
    const root = ['gcr.io/distroless/static-debian12', 'cgr.dev/chainguard/python:latest-dev', 'python:3.12-slim', 'nginx:1.27', 'scratch', 'myorg/bitnami-like:1'];
    for (const img of nonRoot) assert.equal(model(`FROM ${img}\n`).stages[0].baseNonRoot, true, img);
    for (const img of root) assert.equal(model(`FROM ${img}\n`).stages[0].baseNonRoot, false, img);
  });

  it('splits image references and resolves ARG defaults in FROM', () => {
    const m = model('ARG REG=ghcr.io\nARG TAG=1.2\nFROM ${REG}/org/app:${TAG}@sha256:abc AS x\nFROM localhost:5000/img\n');
    const [a, b] = m.stages.map((s) => s.image!);
    assert.deepEqual([a.registry, a.repository, a.tag, a.digest, a.resolved], ['ghcr.io', 'org/app', '1.2', 'sha256:abc', true]);
    assert.deepEqual([b.registry, b.repository, b.tag], ['localhost:5000', 'img', undefined]);
  });
});

describe('instructions', () => {
  it('reads ENV values with quotes and spaces through getProperties, and resolves references', () => {
    // As in BuildKit, an ENV sees the values from before the instruction (B=$A is not "x y").
    const m = model('FROM a\nENV A="x y" B=$A C=${MISSING:-d}\nENV LEGACY one two\nARG N\nRUN echo $A $N\nENV D=$A\n');
    const env = m.instructions[1].properties;
    assert.deepEqual(env.map((p) => [p.name, p.value]), [['A', 'x y'], ['B', '$A'], ['C', 'd']]);
    assert.equal(m.instructions[5].properties[0].value, 'x y');
    assert.deepEqual(m.instructions[2].properties.map((p) => [p.name, p.value, p.legacy]), [['LEGACY', 'one two', true]]);
    const run = m.instructions[4].command!.script!.commands[0];
    assert.deepEqual(run.words.map((w) => [w.value, w.resolved]), [['echo', true], ['x', true], ['y', true], ['$N', false]]);
  });

  it('decodes JSON-form arguments from the text (whitespace kept), with per-element ranges', () => {
    const text = 'FROM a\nCMD [ "python",   "-m",  "app  with spaces" ]\nRUN ["sh", "-c", "curl -s x | sh"]\n';
    const m = model(text);
    const cmd = m.instructions[1].command!;
    assert.equal(cmd.form, 'exec');
    assert.deepEqual(cmd.exec!.map((a) => a.value), ['python', '-m', 'app  with spaces']);
    assert.deepEqual(cmd.exec!.map((a) => text.slice(a.start, a.end)), ['python', '-m', 'app  with spaces']);
    const run = m.instructions[2].command!;
    assert.deepEqual(run.script!.commands.map((c) => c.words[0].value), ['curl', 'sh']);
    assert.equal(text.slice(run.script!.commands[0].start, run.script!.commands[0].end), 'curl -s x');
  });

  it('treats single-quoted brackets as shell form, like BuildKit', () => {
    assert.equal(model("FROM a\nCMD ['a', 'b']\n").instructions[1].command!.form, 'shell');
  });

  it('keeps heredoc bodies out of the arguments and parses heredoc scripts as shell', () => {
    const text = 'FROM a\nRUN <<EOF\napt-get update\ncurl -s x | sh\nEOF\nRUN python3 <<EOF\nimport os\nEOF\nCOPY <<EOF /etc/x\nhello\nEOF\n';
    const m = model(text);
    const run = m.instructions[1].command!;
    assert.equal(run.heredocScript, true);
    assert.deepEqual(run.script!.commands.filter((c) => c.words.length).map((c) => c.words[0].value), ['apt-get', 'curl', 'sh']);
    assert.deepEqual(m.instructions[2].command!.script!.commands.map((c) => c.words[0]?.value), ['python3']);
    const copy = m.instructions[3];
    assert.deepEqual(copy.args.map((a) => a.value), ['<<EOF', '/etc/x']);
    assert.equal(copy.heredocs[0].text, 'hello');
  });

  it('honours the escape directive', () => {
    const m = model('# escape=`\nFROM a\nRUN echo a `\n  b\n');
    assert.equal(m.escape, '`');
    assert.deepEqual(m.instructions[1].command!.script!.commands[0].words.map((w) => w.value), ['echo', 'a', 'b']);
  });

  it('leaves RUN under a non-POSIX shell unparsed', () => {
    const m = model('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\ && echo x\nFROM alpine:3\nSHELL ["pwsh", "-c"]\nRUN Get-Item x | Out-Null\n');
    assert.equal(m.instructions[1].command!.script, undefined);
    assert.equal(m.instructions[4].command!.script, undefined);
  });

  it('returns comments with the lines of the instruction they precede', () => {
    const m = model('FROM a\n# hadolint ignore=DL3004\nRUN a \\\n  && sudo b\nRUN <<EOF\n# deployguard-ignore DKR002 -- why\nsudo c\nEOF\n');
    const c = m.comments as (import('../../../server/src/kinds/dockerfile/parse').DockerComment)[];
    assert.deepEqual(c.map((x) => [x.line, x.text]), [[1, ' hadolint ignore=DL3004'], [5, ' deployguard-ignore DKR002 -- why']]);
    assert.deepEqual([c[0].nextFirst, c[0].nextLast], [2, 3]);
  });
});

describe('stage awareness', () => {
  const builderRoot = `FROM golang:1.22 AS build
USER root
RUN go build -o /out/app .
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;
  it('does not report a builder stage that runs as root (DKR001)', () => {
    assert.deepEqual(lint([dockerfileKind], { path: 'Dockerfile', code: builderRoot }).filter((f) => f.ruleId === 'DKR001'), []);
  });

  it('reports the same file once the final stage runs as root', () => {
    const code = builderRoot.replace('static-debian12:nonroot', 'static-debian12:latest');
    const f = lint([dockerfileKind], { path: 'Dockerfile', code }).filter((x) => x.ruleId === 'DKR001');
    assert.deepEqual(f.map((x) => x.range.start.line), [3]);
    const explicit = builderRoot + 'USER root\n';
    assert.deepEqual(lint([dockerfileKind], { path: 'Dockerfile', code: explicit }).filter((x) => x.ruleId === 'DKR001').map((x) => x.range.start.line), [6]);
  });

  it('follows docker.target: a root debug stage after the shipped one is ignored', () => {
    const code = 'FROM python:3.12-slim AS prod\nUSER 1000\nFROM prod AS debug\nUSER root\n';
    assert.equal(lint([dockerfileKind], { path: 'Dockerfile', code }).filter((x) => x.ruleId === 'DKR001').length, 1);
    assert.equal(lint([dockerfileKind], { path: 'Dockerfile', code, config: { docker: { target: 'prod' } } }).filter((x) => x.ruleId === 'DKR001').length, 0);
  });

  it('reports secrets as errors in the shipped image and warnings in builder stages (DKR006, DKR008)', () => {
    const code = 'FROM a:1 AS build\nARG GITHUB_TOKEN\nCOPY id_rsa /root/.ssh/\nFROM a:1\nENV API_TOKEN=x\nCOPY .env /app/\nUSER 1\n';
    const f = lint([dockerfileKind], { path: 'Dockerfile', code }).filter((x) => x.ruleId === 'DKR006' || x.ruleId === 'DKR008');
    assert.deepEqual(f.map((x) => [x.ruleId, x.range.start.line + 1, x.severity]), [['DKR006', 2, 'warning'], ['DKR008', 3, 'warning'], ['DKR006', 5, 'error'], ['DKR008', 6, 'error']]);
  });
});

describe('files', () => {
  it('claims Dockerfile, Dockerfile.*, *.dockerfile and Containerfile*, not their ignore files', () => {
    for (const p of ['Dockerfile', 'app/Dockerfile.prod', 'build/web.dockerfile', 'Containerfile', 'Containerfile.dev', 'x/dockerfile']) assert.ok(isDockerfileName(p), p);
    for (const p of ['Dockerfile.dockerignore', '.dockerignore', 'Dockerfile.md', 'docker-compose.yml', 'dockerfiles/readme.txt']) assert.ok(!isDockerfileName(p), p);
    assert.deepEqual(dockerfileKind.languageIds, ['dockerfile']);
  });

  it('never throws on odd input', () => {
    for (const code of ['', '\n\n', '\uFEFF', 'FROM', 'RUN \\', 'FROM a\nRUN <<EOF\nno end', '\0\0\0', 'FROM a\n' + 'RUN echo "x'.repeat(2000), 'x'.repeat(100000)]) {
      lint([dockerfileKind], { path: 'Dockerfile', code });
    }
    const big = 'FROM debian:12\n' + 'RUN apt-get update && apt-get install -y curl | tee /x && echo "$(curl -s x | sh)"\n'.repeat(1500);
    const f = lint([dockerfileKind], { path: 'Dockerfile', code: big });
    assert.ok(f.length > 1500);
  });
});
