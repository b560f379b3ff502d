#!/usr/bin/env bash
# Everything the tests need on a fresh Debian machine that reaches only the npm registry and
# Debian's archive: Chromium (UI tier), the npm packages, and code-server (in-host and UI tiers).
# Idempotent; needs root (or sudo) only for apt-get when a Debian package is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

# Chromium for the UI tier; ripgrep, Kerberos headers and a compiler for code-server's native
# modules (tools/code-server/install.sh explains each).
need=()
for p in chromium ripgrep libkrb5-dev build-essential python3; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "apt-get install ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
tools/code-server/install.sh
echo "setup took $(( $(date +%s) - started )) s"
