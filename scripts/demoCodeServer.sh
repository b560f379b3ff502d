#!/usr/bin/env bash
# The code-server half of scripts/demo.sh: start code-server (VS Code 1.103.2 in the browser) on
# 127.0.0.1 for the demo folder WORK, with everything code-server writes kept under WORK — its
# config.yaml (--config), its data and logs (XDG_DATA_HOME), user data and extensions — and
# nothing in the user's home (~/.config/code-server, ~/.local/share/code-server).
#   scripts/demoCodeServer.sh WORK [VSIX]     opens WORK/workspace; installs VSIX first if given
#   PORT=8080                                 the port (default 8080)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(cd "$1" && pwd)"
VSIX="${2:-}"
CS="$ROOT/tools/code-server/code-server"
export XDG_CONFIG_HOME="$WORK/xdg-config" XDG_DATA_HOME="$WORK/xdg-data"
CONFIG="$WORK/code-server.yaml"
mkdir -p "$WORK/user-data/User" "$WORK/workspace"
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
if [ -n "$VSIX" ]; then
  "$CS" --config "$CONFIG" --user-data-dir "$WORK/user-data" --extensions-dir "$WORK/extensions" \
    --install-extension "$VSIX" --force >/dev/null
fi
PORT="${PORT:-8080}"
echo
echo "  MLflow for VS Code demo: open http://127.0.0.1:$PORT/?folder=$WORK/workspace"
echo "  (Ctrl+C stops code-server)"
echo
exec "$CS" --config "$CONFIG" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$WORK/user-data" --extensions-dir "$WORK/extensions" "$WORK/workspace"
