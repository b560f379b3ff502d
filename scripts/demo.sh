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

# No desktop VS Code: code-server (VS Code 1.100.3 in the browser), installed under tools/.
tools/code-server/install.sh
npx vsce package --no-dependencies --no-rewrite-relative-links --out "$WORK/mlflow-vscode.vsix" >/dev/null
CS="$ROOT/tools/code-server/node_modules/.bin/code-server"
export XDG_CONFIG_HOME="$WORK/xdg-config"
mkdir -p "$WORK/user-data/User"
[ -f "$WORK/user-data/User/settings.json" ] || cat > "$WORK/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "remote.autoForwardPorts": false,
  "git.openRepositoryInParentFolders": "never",
  "workbench.colorTheme": "Default Dark Modern"
}
JSON
"$CS" --user-data-dir "$WORK/user-data" --extensions-dir "$WORK/extensions" \
  --install-extension "$WORK/mlflow-vscode.vsix" --force >/dev/null
PORT="${PORT:-8080}"
echo
echo "  MLflow for VS Code demo: open http://127.0.0.1:$PORT/?folder=$WORK/workspace"
echo "  (Ctrl+C stops code-server)"
echo
exec "$CS" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$WORK/user-data" --extensions-dir "$WORK/extensions" "$WORK/workspace"
