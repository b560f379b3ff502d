#!/usr/bin/env bash
# Install, build and open the extension on a fresh copy of the bundled demo workspace (demo/):
# desktop VS Code when `code` is on PATH, otherwise code-server on 127.0.0.1 (URL printed).
#   PORT=8080 bash scripts/demo.sh      choose code-server's port (default: 8080)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
npm run -s build

# A fresh copy each time, so connecting or editing in the demo never changes the repository.
WORK="$ROOT/.demo"
rm -rf "$WORK/workspace"
mkdir -p "$WORK"
cp -r demo "$WORK/workspace"

if command -v code >/dev/null 2>&1; then
  echo "Opening desktop VS Code with the extension in development mode on $WORK/workspace"
  exec code --new-window --extensionDevelopmentPath="$ROOT" "$WORK/workspace"
fi

# No desktop VS Code: code-server (VS Code 1.103.2 in the browser), installed under tools/.
# Whatever it writes (config.yaml, logs, user data) stays under .demo/, not in your home.
tools/code-server/install.sh
npx vsce package --no-dependencies --no-rewrite-relative-links --out "$WORK/mlflow-vscode.vsix" >/dev/null
exec scripts/demoCodeServer.sh "$WORK" "$WORK/mlflow-vscode.vsix"
