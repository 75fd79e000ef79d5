// Table-driven tests for every DKR rule: valid cases, invalid cases with exact positions and
// severities, and the text after the preferred quick fix.
import { ruleTester, type InvalidCase, type ValidCase } from '../../helpers/rule-tester';
import { dockerfileKind } from '../../../server/src/kinds/dockerfile';

const T = (id: string, valid: (ValidCase | string)[], invalid: InvalidCase[]) => ruleTester([dockerfileKind], id, 'Dockerfile', { valid, invalid });
const on = (...ids: string[]) => ({ rules: Object.fromEntries(ids.map((i) => [i, 'on'])) });

T('DKR000', ['FROM alpine:3.20\nRUN echo "ok"\n', 'ARG V=3\nFROM alpine:${V}\n', '# escape=`\nFROM a\n'], [
  { code: 'FROM alpine:3.20\nRUNN x\n', errors: [{ line: 2, column: 1, endColumn: 5, severity: 'error', message: /Unknown instruction: RUNN/ }] },
  { code: 'RUN x\n', errors: [{ line: 1, message: /before the first FROM/ }] },
  { code: 'ARG A\n', errors: [{ line: 1, column: 1, message: /No FROM/ }] },
  { code: 'FROM a\nCOPY one\n', errors: [{ line: 2, column: 6, message: /at least two arguments/ }] },
  { code: 'FROM a\nHEALTHCHECK --interval=10 CMD true\n', errors: [{ line: 2, message: /not a duration/ }] },
  { code: 'FROM a\nRUN echo "open\n', errors: [{ line: 2, column: 10, message: /unterminated double quote/ }] },
  { code: 'FROM a AS 1x\n', errors: [{ line: 1, column: 11, message: /Invalid stage name/ }] },
  { code: 'FROM a\nCOPY --chmod=644 --bad=1 a /b\n', errors: [{ line: 2, column: 18, message: /Unknown flag --bad/ }] },
]);

T('DKR001', [
  'FROM python:3.12-slim AS build\nRUN make\nFROM python:3.12-slim\nUSER 10001\n',
  'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n',
  'FROM bitnami/nginx:1.27\n',
  'FROM python:3.12-slim AS base\nUSER app\nFROM base\nCMD ["x"]\n',
  'ARG UID\nFROM debian:12\nUSER ${UID}\n',
  { code: 'FROM a:1 AS prod\nUSER 1\nFROM prod AS dbg\nUSER root\n', config: { docker: { target: 'prod' } } },
], [
  {
    name: 'no USER: insert one before CMD',
    code: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
    errors: [{ line: 1, column: 1, endColumn: 22, severity: 'error', message: /runs as root: no USER/ }],
    output: 'FROM python:3.12-slim\nCOPY . /app\nUSER 10001\nCMD ["python", "/app/main.py"]\n',
  },
  {
    name: 'uses the user the Dockerfile creates',
    code: 'FROM debian:12\nRUN useradd --uid 1500 web\n',
    errors: [{ line: 1 }],
    output: 'FROM debian:12\nRUN useradd --uid 1500 web\nUSER 1500\n',
  },
  { name: 'USER 0', code: 'FROM a:1\nUSER 0\n', errors: [{ line: 2, column: 6, message: /USER 0/ }], output: 'FROM a:1\nUSER 10001\n' },
  { name: 'USER root:root keeps the group', code: 'FROM a:1\nUSER root:root\n', errors: [{ line: 2 }], output: 'FROM a:1\nUSER 10001:root\n' },
  { name: 'inherited root user', code: 'FROM a:1 AS base\nUSER root\nFROM base\nRUN x\n', errors: [{ line: 2, message: /inherited from stage "base"/ }] },
  { name: 'scratch runs as uid 0', code: 'FROM scratch\nCOPY app /\n', errors: [{ line: 1, message: /scratch/ }] },
  { name: 'CRLF kept', code: 'FROM a:1\r\nCMD ["x"]\r\n', errors: [{ line: 1 }], output: 'FROM a:1\r\nUSER 10001\r\nCMD ["x"]\r\n' },
]);

T('DKR002', ['FROM a\nRUN apt-get install -y x\n', 'FROM a\nRUN echo sudo\n'], [
  { code: 'FROM a\nRUN sudo apt-get install -y x\n', errors: [{ line: 2, column: 5, endColumn: 9, severity: 'warning' }], output: 'FROM a\nRUN apt-get install -y x\n' },
  { code: 'FROM a\nRUN curl x | sudo -E bash -\n', errors: [{ line: 2, column: 14 }], output: 'FROM a\nRUN curl x | bash -\n' },
  { code: 'FROM a\nRUN sudo -u app make\n', errors: [{ line: 2, message: /use USER/ }], output: null },
]);

T('DKR003', ['FROM a\nRUN useradd -m app && passwd -l app\n'], [
  { code: "FROM a\nRUN echo 'root:pw' | chpasswd\n", errors: [{ line: 2, column: 22, severity: 'error' }] },
  { code: 'FROM a\nRUN passwd -d root\n', errors: [{ line: 2, message: /without a password/ }] },
  { code: 'FROM a\nRUN usermod -p HASH app && useradd --password=x b\n', errors: [{ line: 2, column: 5 }, { line: 2, column: 28 }] },
]);

T('DKR004', ['FROM a\nUSER 1000\n', 'FROM a\nUSER 1000:app\n', 'FROM a AS b\nUSER app\nFROM a\nUSER 1\n'], [
  { code: 'FROM a\nUSER app\n', errors: [{ line: 2, column: 6, endColumn: 9, severity: 'info' }], output: null },
  { code: 'FROM a\nRUN useradd -u 10001 app\nUSER app:app\n', errors: [{ line: 3 }], output: 'FROM a\nRUN useradd -u 10001 app\nUSER 10001:app\n' },
]);

T('DKR005', ['FROM a\nRUN chmod 755 /app && chmod 1777 /tmp/x\nCOPY --chown=root:root . /app\nUSER 1\n', 'FROM a\nCOPY --chown=app . /app\nUSER other\n'], [
  { code: 'FROM a\nRUN chmod -R 777 /app\n', errors: [{ line: 2, column: 14, endColumn: 17, severity: 'info', message: /world-writable/ }] },
  { code: 'FROM a\nRUN chmod u+s /bin/x && chmod 2755 /bin/y\n', errors: [{ line: 2, message: /setuid/ }, { line: 2, message: /setgid/ }] },
  { code: 'FROM a\nCOPY --chmod=0777 x /x\n', errors: [{ line: 2, column: 6 }] },
  { code: 'FROM a\nCOPY --chown=app:app . /app\nUSER app\n', errors: [{ line: 2, message: /runtime user app write access/ }] },
]);

T('DKR006', [
  'FROM a\nENV TOKENIZERS_PARALLELISM=false GIT_AUTHOR_NAME=x OAUTH_CALLBACK_URL=https://x\n',
  'FROM a\nENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json PASSWORD_FILE=/run/x AWS_ACCESS_KEY_ID=AKID\n',
  'FROM a\nENV PUBLIC_KEY=x CACHE_KEY_PREFIX=y SECRET_ENABLED=1 TOKEN_URL=https://x\n',
  'FROM a\nENV DB_PASSWORD=""\n',
], [
  { code: 'FROM a\nENV DJANGO_SECRET_KEY=abc\n', errors: [{ line: 2, column: 5, endColumn: 22, severity: 'error', message: /SECRET/ }], output: null },
  { code: 'FROM a AS b\nENV DB_PASS=x\nFROM a\n', errors: [{ line: 2, severity: 'warning', message: /builder stage "b"/ }] },
  { code: 'FROM a\nENV apiKey=x signingKey=y\n', errors: [{ line: 2, column: 5 }, { line: 2, column: 14 }] },
  {
    name: 'ARG used by RUN: moved to a secret mount',
    code: 'FROM node:20\nARG NPM_TOKEN\nRUN echo "//r/:_authToken=$NPM_TOKEN" > .npmrc && npm ci\n',
    errors: [{ line: 2, column: 5, endColumn: 14 }],
    output: 'FROM node:20\nRUN --mount=type=secret,id=npm-token,env=NPM_TOKEN echo "//r/:_authToken=$NPM_TOKEN" > .npmrc && npm ci\n',
  },
  { name: 'ARG used by ENV: no fix', code: 'FROM a\nARG API_TOKEN\nENV T=$API_TOKEN\n', errors: [{ line: 2 }], output: null },
  { name: 'global ARG', code: 'ARG GITHUB_TOKEN\nFROM a\n', errors: [{ line: 1, severity: 'warning', message: /global build argument/ }] },
]);

T('DKR007', ['FROM a\nENV SHA=6f1ed002ab5595859014ebf0951522d9e5e3c0cf3d8b3f2d0e69f6f1a1b2c3d4\nENV A=hello\n', 'FROM a\nRUN git clone https://${USER}:${TOKEN}@github.com/x/y\n'], [
  { code: 'FROM a\nENV KEY_ID=AKIAABCDEFGHIJKLMNOP\n', errors: [{ line: 2, column: 12, endColumn: 32, severity: 'error', message: /AWS access key id/ }] },
  { code: 'FROM a\nRUN git clone https://bot:s3cr3tpass@github.com/x/y\n', errors: [{ line: 2, column: 27, endColumn: 37, message: /password in a URL/ }] },
  { code: 'FROM a\nRUN <<EOF\necho "-----BEGIN RSA PRIVATE KEY-----" > /k\nEOF\n', errors: [{ line: 3, message: /private key/ }] },
  { code: 'FROM a\nLABEL x=Zx9mQ2vL7pR4tW8yB3nK6hJ1\n', errors: [{ line: 2, message: /random-looking/ }] },
  { code: 'FROM a\nRUN curl -u admin:Passw0rd123 https://x && export API_KEY=abcdef123456\n', errors: [{ line: 2, column: 13 }, { line: 2, message: /API_KEY assignment/ }] },
]);

T('DKR008', ['FROM a\nCOPY .env.example /app/\nCOPY certs/fullchain.pem /etc/ssl/\nCOPY id_rsa.pub /k/\n'], [
  { code: 'FROM a\nCOPY .env id_ed25519 /app/\n', errors: [{ line: 2, column: 6, severity: 'error' }, { line: 2, column: 11 }] },
  { code: 'FROM a AS b\nCOPY .npmrc /root/\nFROM a\n', errors: [{ line: 2, severity: 'warning' }] },
  { code: 'FROM a\nCOPY sa.json /app/keys/\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/keys/sa.json\n', errors: [{ line: 2, column: 6, message: /GOOGLE_APPLICATION_CREDENTIALS/ }] },
]);

T('DKR009', [
  { code: 'FROM a\nCOPY . /app\n', files: { '.dockerignore': '.git\n.env*\n' } },
  { code: 'FROM a\nCOPY . /app\n', files: { 'Dockerfile.dockerignore': '**/.git\n**/.env*\n' }, path: 'Dockerfile' },
  'FROM a\nCOPY src/ /app/\nCOPY --from=b . /app\n',
], [
  {
    code: 'FROM a\nCOPY . /app\n',
    errors: [{ line: 2, column: 6, endColumn: 7, severity: 'warning', message: /no \.dockerignore/ }],
    output: 'FROM a\nCOPY . /app\n',
  },
  {
    code: 'FROM a\nADD . /app\n',
    files: { '.dockerignore': 'node_modules\n.git\n!.git' },
    errors: [{ line: 2, message: /does not exclude \.git and \.env\*/ }],
  },
  { code: 'FROM a\nCOPY ./ /app\n', files: { '.dockerignore': '.git\n' }, errors: [{ line: 2, message: /does not exclude \.env\*/ }] },
]);

T('DKR010', ['FROM a AS b\nFROM a\nCOPY --from=b /app /app\n'], [{ code: 'FROM a AS b\nFROM a\nCOPY --from=b / /\n', errors: [{ line: 3, column: 15, endColumn: 16, severity: 'warning' }] }]);

T('DKR011', ['FROM alpine:3.20\n', 'FROM alpine@sha256:abc\n', 'FROM scratch\n', 'FROM a:1 AS b\nFROM b\n', 'ARG I\nFROM $I\n'], [
  { code: 'FROM ubuntu\n', errors: [{ line: 1, column: 6, endColumn: 12, severity: 'warning' }] },
  { code: 'ARG BASE=python\nFROM ${BASE} AS x\n', errors: [{ line: 2, message: /\$\{BASE\} = python/ }] },
]);

T('DKR012', ['FROM node:20\n', 'FROM node:latest@sha256:abc\n'], [{ code: 'FROM node:latest AS web\n', errors: [{ line: 1, column: 11, endColumn: 17, severity: 'warning' }] }]);

T('DKR013', [{ code: 'FROM a@sha256:abc\n', config: on('DKR013') }, 'FROM a:1\n'], [
  { code: 'FROM a:1 AS base\nFROM base\n', config: on('DKR013'), errors: [{ line: 1, column: 6, severity: 'info' }] },
]);

T('DKR014', ['FROM ghcr.io/org/x:1\n', { code: 'FROM docker.io/library/a:1\nFROM b:2\nFROM ghcr.io/x:1\n', config: { docker: { trustedRegistries: ['docker.io', 'ghcr.io'] } } }], [
  { code: 'FROM quay.io/x/y:1\nFROM r.example.com/y:2\n', config: { docker: { trustedRegistries: ['docker.io', '*.example.com'] } }, errors: [{ line: 1, column: 6, severity: 'warning', message: /quay\.io/ }] },
]);

T('DKR015', ['FROM a\nRUN curl -fsSLo /tmp/i.sh https://x && sha256sum -c s && sh /tmp/i.sh\n', 'FROM a\nRUN curl -s https://x | tar -xz\n'], [
  { code: 'FROM a\nRUN curl -fsSL https://x.sh | sh\n', errors: [{ line: 2, column: 5, endColumn: 33, severity: 'error' }] },
  { code: 'FROM a\nRUN wget -O - https://x | sudo python3\n', errors: [{ line: 2 }] },
  { code: 'FROM a\nRUN bash -c "$(curl -fsSL https://x)"\n', errors: [{ line: 2, column: 5 }] },
  { code: 'FROM a\nRUN <<EOF\nset -e\ncurl https://x | bash\nEOF\n', errors: [{ line: 4, column: 1 }] },
  { code: 'FROM a\nADD https://x/install.sh /tmp/\nRUN chmod +x /tmp/install.sh && /tmp/install.sh\n', errors: [{ line: 3, column: 33 }] },
]);

T('DKR016', ['FROM a\nADD --checksum=sha256:00 https://x/a.tgz /a\nRUN curl -o /x https://x/a.tgz && echo "h  /x" | sha256sum -c -\nRUN curl -fsS https://api/x -X POST\n'], [
  { code: 'FROM a\nADD https://x/a.tgz /a\n', errors: [{ line: 2, column: 5, endColumn: 20, severity: 'warning' }] },
  { code: 'FROM a\nADD git@github.com:a/b.git#main /src\n', errors: [{ line: 2, message: /git ref/ }] },
  { code: 'FROM a\nRUN wget https://x/b.tar.gz && tar xf b.tar.gz\n', errors: [{ line: 2, column: 5 }] },
  { code: 'FROM a\nRUN curl -fsSL https://x/b.tar.gz | tar -xz\n', errors: [{ line: 2, message: /into tar/ }] },
]);

T('DKR017', ['FROM a\nRUN curl -fsSL https://x -o y && sha256sum -c s\n'], [
  { code: 'FROM a\nRUN curl -k https://x\n', errors: [{ line: 2, column: 10, endColumn: 12, severity: 'error' }], output: 'FROM a\nRUN curl https://x\n' },
  { code: 'FROM a\nRUN curl -fsSLk https://x\n', errors: [{ line: 2 }], output: 'FROM a\nRUN curl -fsSL https://x\n' },
  { code: 'FROM a\nRUN curl --insecure \\\n  https://x\n', errors: [{ line: 2 }], output: 'FROM a\nRUN curl \\\n  https://x\n' },
  { code: 'FROM a\nRUN wget --no-check-certificate https://x\n', errors: [{ line: 2 }], output: 'FROM a\nRUN wget https://x\n' },
  { code: 'FROM a\nRUN git -c http.sslVerify=false clone https://x\n', errors: [{ line: 2 }], output: 'FROM a\nRUN git clone https://x\n' },
  { code: 'FROM a\nRUN git config --global http.sslverify false\n', errors: [{ line: 2 }], output: 'FROM a\nRUN git config --global http.sslverify true\n' },
]);

T('DKR018', ['FROM a\nENV PYTHONHTTPSVERIFY=1 NODE_TLS_REJECT_UNAUTHORIZED=1\n'], [
  { code: 'FROM a\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nUSER 1\n', errors: [{ line: 2, column: 5, severity: 'error' }], output: 'FROM a\nUSER 1\n' },
  { code: 'FROM a\nENV A=1 GIT_SSL_NO_VERIFY=true B=2\n', errors: [{ line: 2, column: 9 }], output: 'FROM a\nENV A=1 B=2\n' },
  { code: 'FROM a\nRUN pip install --trusted-host p.int -r r.txt\n', errors: [{ line: 2 }], output: 'FROM a\nRUN pip install -r r.txt\n' },
  { code: 'FROM a\nRUN npm config set strict-ssl false\n', errors: [{ line: 2 }], output: 'FROM a\nRUN npm config set strict-ssl true\n' },
  { code: 'FROM a\nRUN dnf --setopt=sslverify=0 install -y x\n', errors: [{ line: 2 }], output: 'FROM a\nRUN dnf install -y x\n' },
  { code: 'FROM a\nENV REQUESTS_CA_BUNDLE=""\nRUN export GOINSECURE=*.corp\n', errors: [{ line: 2 }, { line: 3 }] },
]);

T('DKR019', ['FROM a\nRUN apt-get install -y --no-install-recommends x\n'], [
  { code: 'FROM a\nRUN apt-get install -y --allow-unauthenticated x\n', errors: [{ line: 2, column: 24, severity: 'error' }], output: 'FROM a\nRUN apt-get install -y x\n' },
  { code: 'FROM a\nRUN apk add --allow-untrusted x\n', errors: [{ line: 2 }], output: 'FROM a\nRUN apk add x\n' },
  { code: 'FROM a\nRUN yum install --nogpgcheck -y x\n', errors: [{ line: 2 }], output: 'FROM a\nRUN yum install -y x\n' },
  { code: 'FROM a\nRUN apt-get -o APT::Get::AllowUnauthenticated=true install x\n', errors: [{ line: 2 }], output: 'FROM a\nRUN apt-get install x\n' },
  { code: 'FROM a\nRUN echo "deb [trusted=yes] https://r/ ./" > /etc/apt/sources.list\n', errors: [{ line: 2 }], output: null },
  { code: 'FROM a\nCOPY <<EOF /etc/yum.repos.d/x.repo\n[x]\ngpgcheck=0\nEOF\n', errors: [{ line: 4 }] },
]);

T('DKR020', ['FROM a\nRUN pip install -i https://p/simple x==1\nRUN pip install -i http://localhost:8080/simple x==1\n'], [
  { code: 'FROM a\nRUN pip install --index-url http://p.int/simple x==1\n', errors: [{ line: 2, column: 29, severity: 'error' }], output: 'FROM a\nRUN pip install --index-url https://p.int/simple x==1\n' },
  { code: 'FROM a\nRUN echo "deb http://deb.debian.org/debian bookworm main" > /etc/apt/sources.list\n', errors: [{ line: 2, severity: 'warning' }], output: 'FROM a\nRUN echo "deb https://deb.debian.org/debian bookworm main" > /etc/apt/sources.list\n' },
  { code: 'FROM a\nENV PIP_EXTRA_INDEX_URL=http://p.int/simple\n', errors: [{ line: 2, severity: 'error' }], output: 'FROM a\nENV PIP_EXTRA_INDEX_URL=https://p.int/simple\n' },
  { code: 'FROM a\nRUN cat <<EOF > /etc/apk/repositories\nhttp://dl-cdn.alpinelinux.org/alpine/v3.20/main\nEOF\n', errors: [{ line: 3, column: 1 }], output: 'FROM a\nRUN cat <<EOF > /etc/apk/repositories\nhttps://dl-cdn.alpinelinux.org/alpine/v3.20/main\nEOF\n' },
]);

T('DKR021', ['FROM a\nRUN pip install x==1 ./lib -r r.txt && pip install --upgrade pip\nRUN npm ci && npm install left-pad@1.3.0 && gem install r -v 1 && go install a/b@v1\n'], [
  { code: 'FROM a\nRUN pip install flask "django==5.0"\n', errors: [{ line: 2, column: 17, endColumn: 22, severity: 'warning' }] },
  { code: 'FROM a\nARG PKGS="a b==1"\nRUN pip3 install $PKGS\n', errors: [{ line: 3, message: /pip3 install a / }] },
  { code: 'FROM a\nRUN npm install -g @scope/tool && go install x/y@latest && gem install rails\n', errors: [{ line: 2, column: 20 }, { line: 2, column: 46 }, { line: 2, column: 72 }] },
]);

T('DKR022', ['FROM a AS test\nRUN pip install -r requirements/dev.txt\nFROM a\nRUN pip install -r requirements/prod.txt\n'], [
  { code: 'FROM a\nWORKDIR /app\nRUN pip install -r /app/requirements/dev.txt\n', errors: [{ line: 3, column: 20, severity: 'warning', message: /development requirements/ }] },
  { code: 'FROM a\nRUN pip install --extra-index-url https://p.int/simple x==1\n', errors: [{ line: 2, message: /dependency confusion/ }] },
  { code: 'FROM a\nRUN pip install "git+https://g/x.git@v1" https://x/y.whl\n', errors: [{ line: 2, column: 17 }, { line: 2, column: 42 }] },
  {
    name: 'follows -r includes in the workspace',
    code: 'FROM a\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
    files: { 'requirements.txt': '-r requirements-test.txt\nflask==3.0\n', 'requirements-test.txt': 'pytest==8\n' },
    errors: [{ line: 3, message: /requirements-test\.txt, through -r/ }],
  },
]);

T('DKR023', ['FROM a\nRUN apt-get install -y curl\n', { code: 'FROM a\nRUN apt-get install -y curl=8.5.0-2 ./x.deb && apk add b=1',config: on('DKR023') }], [
  { code: 'FROM a\nRUN apt-get install -y curl && yum install -y httpd\n', config: on('DKR023'), errors: [{ line: 2, column: 24, severity: 'info' }, { line: 2, column: 47 }] },
]);

T('DKR024', ['FROM a\nRUN apt-get update && apt-get install -y x\n'], [
  {
    code: 'FROM a\nRUN apt-get update\nRUN apt-get install -y x\n',
    errors: [{ line: 2, column: 5, endColumn: 19, severity: 'warning' }],
    output: 'FROM a\nRUN apt-get update && apt-get install -y x\n',
  },
  { code: 'FROM a\nRUN apk update && echo hi\nRUN apk add x\n', errors: [{ line: 2 }], output: null },
  { code: 'FROM a\nRUN yum makecache\n', errors: [{ line: 2 }], output: null },
]);

T('DKR025', ['FROM a\nRUN curl -O https://www.openssl.org/source/openssl-3.0.7.tar.gz\n'], [
  { code: 'FROM a\nRUN curl -O https://www.openssl.org/source/openssl-1.0.1f.tar.gz\n', errors: [{ line: 2, severity: 'info', message: /Heartbleed/ }] },
  { code: 'FROM a\nADD https://x/xz-5.6.1.tar.gz /x\n', errors: [{ line: 2, message: /CVE-2024-3094/ }] },
]);

T('DKR026', ['FROM a AS tools\nEXPOSE 22\nFROM a\nEXPOSE 8080\nRUN apt-get install -y openssh-client\n'], [
  { code: 'FROM a\nEXPOSE 2200-2300 21-23/tcp\n', errors: [{ line: 2, column: 18, severity: 'warning' }] },
  { code: 'FROM a\nRUN apk add --no-cache openssh\nCMD /usr/sbin/sshd -D\n', errors: [{ line: 2, column: 24 }, { line: 3 }] },
]);

T('DKR027', ['FROM a\nRUN echo ps && which top\n'], [{ code: 'FROM a\nRUN service nginx start && sudo kill 1\n', errors: [{ line: 2, column: 5, severity: 'info' }, { line: 2, column: 33 }] }]);

T('DKR028', ['FROM a\nRUN apt-get install -y --no-install-recommends x\nRUN apt-get -o APT::Install-Recommends=false install y\n', "FROM a\nRUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/norec\nRUN apt-get install -y z\n"], [
  { code: 'FROM a\nRUN apt-get install -y x\n', errors: [{ line: 2, column: 5, endColumn: 20, severity: 'info' }], output: 'FROM a\nRUN apt-get install --no-install-recommends -y x\n' },
  { code: 'FROM a\nRUN apt-get update \\\n && apt-get -y install \\\n    x\n', errors: [{ line: 3 }], output: 'FROM a\nRUN apt-get update \\\n && apt-get -y install --no-install-recommends \\\n    x\n' },
]);

T('DKR029', ['FROM a\nRUN apk add x\n', { code: 'FROM a\nRUN apk add --no-cache x && pip install --no-cache-dir y==1\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y z\n', config: on('DKR029') }], [
  { code: 'FROM a\nRUN apk add x\n', config: on('DKR029'), errors: [{ line: 2, severity: 'info' }], output: 'FROM a\nRUN apk add --no-cache x\n' },
  { code: 'FROM a\nRUN apt-get install -y x\n', config: on('DKR029'), errors: [{ line: 2 }], output: 'FROM a\nRUN apt-get install -y x && rm -rf /var/lib/apt/lists/*\n' },
  { code: 'FROM a\nRUN pip install y==1\n', config: on('DKR029'), errors: [{ line: 2 }], output: 'FROM a\nRUN pip install --no-cache-dir y==1\n' },
  { code: 'FROM a\nRUN dnf install -y y\n', config: on('DKR029'), errors: [{ line: 2 }], output: 'FROM a\nRUN dnf install -y y && dnf clean all\n' },
]);

T('DKR030', ['FROM a\nRUN apt-get dist-upgrade -y\n'], [{ code: 'FROM a\nRUN apt-get dist-upgrade -y && apk upgrade\n', config: on('DKR030'), errors: [{ line: 2, column: 5, severity: 'info' }, { line: 2, column: 32 }] }]);

T('DKR031', ['FROM a\n', { code: 'FROM a AS b\nHEALTHCHECK NONE\nFROM b\n', config: on('DKR031') }], [
  { code: 'FROM a\nCMD ["x"]\n', config: on('DKR031'), errors: [{ line: 1, severity: 'info' }], output: 'FROM a\nHEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD ["/bin/sh", "-c", "wget -qO- http://127.0.0.1:8000/ || exit 1"]\nCMD ["x"]\n' },
]);

T('DKR032', ['FROM a\nCMD ["a"]\nFROM b\nCMD ["b"]\n'], [
  { code: 'FROM a\nCMD ["a"]\nENTRYPOINT ["e"]\nCMD ["b"]\n', errors: [{ line: 2, column: 1, severity: 'warning', message: /line 4/ }], output: 'FROM a\nENTRYPOINT ["e"]\nCMD ["b"]\n' },
]);

T('DKR033', ['FROM a\nCMD ["gunicorn", "app"]\n', 'FROM a AS b\nCMD echo hi\nFROM a\n', 'FROM a\nENTRYPOINT exec gunicorn --bind 0.0.0.0:$PORT app\n'], [
  { code: 'FROM a\nCMD gunicorn app.wsgi --bind "0.0.0.0:8000"\n', errors: [{ line: 2, column: 5, severity: 'info' }], output: 'FROM a\nCMD ["gunicorn", "app.wsgi", "--bind", "0.0.0.0:8000"]\n' },
  { code: "FROM a\nENTRYPOINT ['/bin/sh', '-c']\n", errors: [{ line: 2, message: /double quotes/ }], output: 'FROM a\nENTRYPOINT ["/bin/sh", "-c"]\n' },
  { code: 'FROM a\nCMD python -m app --port $PORT\n', errors: [{ line: 2, message: /exec/ }], output: null },
]);

T('DKR034', ['FROM a\nRUN set -o pipefail && curl x | tar x\n', 'FROM a\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN curl x | tar x\n', 'FROM a\nRUN echo x | sha256sum -c -\n'], [
  { code: 'FROM debian:12\nRUN curl -s x | tar -x\n', errors: [{ line: 2, column: 5, severity: 'warning' }], output: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -s x | tar -x\n' },
  { code: 'FROM alpine:3.20\nRUN wget -qO- x | tar -x\n', errors: [{ line: 2 }], output: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN wget -qO- x | tar -x\n' },
]);

T('DKR035', ['FROM a\nWORKDIR /app\nWORKDIR src\nRUN make && cd /x\n', 'FROM a AS b\nWORKDIR /app\nFROM b\nWORKDIR sub\n'], [
  { code: 'FROM a\nWORKDIR app\n', errors: [{ line: 2, column: 9, severity: 'info' }], output: 'FROM a\nWORKDIR /app\n' },
  { code: 'FROM a\nWORKDIR /proc/x\nRUN cd /src && make\n', errors: [{ line: 2 }, { line: 3, column: 5 }] },
]);

T('DKR036', ['FROM a\nADD https://x/y /z\nADD v.tar.gz /opt/\nCOPY a /b\n'], [
  { code: 'FROM a\nADD --chown=1 app.py /app/\n', errors: [{ line: 2, column: 1, endColumn: 4, severity: 'warning' }], output: 'FROM a\nCOPY --chown=1 app.py /app/\n' },
  { code: 'from a\nadd x /y\n', errors: [{ line: 2 }], output: 'from a\ncopy x /y\n' },
  { code: 'FROM a\nADD --keep-git-dir=true x /y\n', errors: [{ line: 2 }], output: null },
]);

T('DKR037', ['FROM a AS b\nFROM a\nCOPY --from=b /x /y\nCOPY --from=0 /x /y\nCOPY --from=nginx:1 /x /y\nEXPOSE 80 443/tcp 8000-8010\n'], [
  { code: 'FROM a AS x\nFROM a AS X\n', errors: [{ line: 2, column: 11, severity: 'error', message: /Duplicate stage name/ }] },
  { code: 'FROM a AS b\nCOPY --from=builder /x /y\n', errors: [{ line: 2, column: 13, endColumn: 20, message: /docker\.io\/library\/builder/ }] },
  { code: 'FROM a AS b\nCOPY --from=b /x /y\nRUN --mount=type=bind,from=c,target=/c ls\nFROM a AS c\n', errors: [{ line: 2, message: /own stage/ }, { line: 3, message: /later/ }] },
  { code: 'FROM a\nEXPOSE 0.0.0.0:80:80\n', errors: [{ line: 2 }], output: 'FROM a\nEXPOSE 80\n' },
  { code: 'FROM a\nEXPOSE 80/UDP\n', errors: [{ line: 2, severity: 'warning' }], output: 'FROM a\nEXPOSE 80/udp\n' },
]);

T('DKR038', ['FROM a\nARG V=1\nRUN echo "$V" && rm -rf "${D:?}/" && cd /x && make\nARG LIST="a b"\nRUN apk add $LIST\n'], [
  { code: 'FROM a\nARG VERSION\nRUN tar -xf $VERSION\nRUN curl -o /x https://h/$VERSION\n', errors: [{ line: 3, column: 13, endColumn: 21, severity: 'info' }, { line: 4, column: 26 }], output: 'FROM a\nARG VERSION\nRUN tar -xf "$VERSION"\nRUN curl -o /x https://h/$VERSION\n' },
  { code: 'FROM a\nRUN rm -rf "$BUILD/"\n', errors: [{ line: 2, message: /SC2115/ }] },
  { code: 'FROM a\nRUN cd /src; make\n', errors: [{ line: 2, message: /SC2164/ }] },
  { code: 'FROM a\nRUN export X=$(id -u) && [ -f a ] && b || c\n', errors: [{ line: 2, message: /SC2015/ }, { line: 2, message: /SC2155/ }] },
]);

T('DKR039', ['FROM a\nMAINTAINER x\n'], [
  { code: 'FROM a\nMAINTAINER Jane <j@x>\n', config: on('DKR039'), errors: [{ line: 2, severity: 'info' }], output: 'FROM a\nLABEL org.opencontainers.image.authors="Jane <j@x>"\n' },
  { code: 'FROM --platform=$TARGETPLATFORM a\n', config: on('DKR039'), errors: [{ line: 1 }], output: 'FROM a\n' },
  { code: 'FROM a AS Build\n', config: on('DKR039'), errors: [{ line: 1, column: 11 }], output: 'FROM a AS build\n' },
  { code: 'FROM a\nENV A b c\n', config: on('DKR039'), errors: [{ line: 2 }], output: 'FROM a\nENV A="b c"\n' },
  { code: 'FROM a\nRUN apt install -y x\n', config: on('DKR039'), errors: [{ line: 2 }], output: 'FROM a\nRUN apt-get install -y x\n' },
  { code: 'FROM a\nWORKDIR /app/$NOPE\n', config: on('DKR039'), errors: [{ line: 2, message: /UndefinedVar: NOPE/ }] },
]);
