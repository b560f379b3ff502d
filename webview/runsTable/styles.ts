// The runs table's styles, in VS Code's theme variables so light, dark and high-contrast themes
// apply. Injected as one constant stylesheet (the CSP allows inline styles, never inline script).
const CSS = `
body { padding: 0; overflow: hidden; }
#app { display: flex; flex-direction: column; height: 100vh; box-sizing: border-box; padding: 6px 10px 0; }
.rt-toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding-bottom: 6px; }
.rt-toolbar .rt-sep { width: 1px; align-self: stretch; background: var(--vscode-panel-border); margin: 0 4px; }
.rt-btn { font: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground);
  border: 1px solid var(--vscode-button-border, transparent); padding: 2px 8px; border-radius: 2px; cursor: pointer; }
.rt-btn:hover:not(:disabled) { background: var(--vscode-button-secondaryHoverBackground); }
.rt-btn:disabled { opacity: 0.5; cursor: default; }
.rt-btn:focus-visible, .rt-grid:focus-visible, .rt-th:focus-visible, .rt-chooser input:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.rt-select { font: inherit; color: var(--vscode-dropdown-foreground); background: var(--vscode-dropdown-background);
  border: 1px solid var(--vscode-dropdown-border); padding: 1px 4px; max-width: 220px; }
.rt-filter { color: var(--vscode-descriptionForeground); font-family: var(--vscode-editor-font-family); max-width: 40ch;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.rt-status { color: var(--vscode-descriptionForeground); padding: 2px 0 4px; min-height: 1.4em; }
.rt-status.rt-error { color: var(--vscode-errorForeground); }
.rt-grid { flex: 1; overflow: auto; position: relative; border-top: 1px solid var(--vscode-panel-border);
  font-variant-numeric: tabular-nums; contain: strict; }
.rt-canvas { position: relative; }
.rt-head { position: sticky; top: 0; z-index: 2; background: var(--vscode-editor-background);
  border-bottom: 1px solid var(--vscode-panel-border); }
.rt-th { position: absolute; top: 0; box-sizing: border-box; padding: 0 6px; font: inherit; font-weight: 600; text-align: left;
  color: var(--vscode-foreground); background: transparent; border: none; border-right: 1px solid var(--vscode-panel-border);
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; cursor: pointer; }
.rt-th:hover { background: var(--vscode-list-hoverBackground); }
/* Rows and cells have their size set: each is laid out and painted alone, so a new window of rows
   costs no layout or paint of the rest. */
.rt-row { position: absolute; left: 0; box-sizing: border-box; border-bottom: 1px solid var(--vscode-editorGroup-border, transparent);
  contain: strict; }
.rt-row:hover { background: var(--vscode-list-hoverBackground); }
.rt-row.rt-selected { background: var(--vscode-list-inactiveSelectionBackground); color: var(--vscode-list-inactiveSelectionForeground, inherit); }
.rt-grid:focus .rt-row.rt-selected { background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); }
.rt-row.rt-cursor { outline: 1px solid var(--vscode-list-focusOutline, var(--vscode-focusBorder)); outline-offset: -1px; }
.rt-row.rt-group { background: var(--vscode-sideBarSectionHeader-background, var(--vscode-editorWidget-background)); font-weight: 600; }
.rt-td { position: absolute; top: 0; box-sizing: border-box; padding: 0 6px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
  contain: strict; }
.rt-num { text-align: right; }
.rt-pinned { z-index: 1; background: var(--vscode-editor-background); box-shadow: 2px 0 3px -1px var(--vscode-widget-shadow); }
.rt-head .rt-pinned { background: var(--vscode-editor-background); }
.rt-row.rt-selected .rt-pinned { background: var(--vscode-list-inactiveSelectionBackground); }
.rt-grid:focus .rt-row.rt-selected .rt-pinned { background: var(--vscode-list-activeSelectionBackground); }
.rt-row.rt-group .rt-pinned { background: var(--vscode-sideBarSectionHeader-background, var(--vscode-editorWidget-background)); }
.rt-row.rt-group .rt-num { font-weight: normal; }
.rt-twisty { display: inline-block; width: 14px; cursor: pointer; color: var(--vscode-icon-foreground); }
.rt-status-FAILED, .rt-status-KILLED { color: var(--vscode-errorForeground); }
.rt-status-RUNNING { color: var(--vscode-charts-blue, var(--vscode-foreground)); }
.rt-muted { color: var(--vscode-descriptionForeground); font-weight: normal; }
.rt-chooser { position: absolute; z-index: 5; top: 40px; left: 10px; width: min(640px, 92vw); max-height: 70vh; display: flex;
  flex-direction: column; gap: 6px; padding: 8px; background: var(--vscode-editorWidget-background);
  color: var(--vscode-editorWidget-foreground); border: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border));
  box-shadow: 0 2px 8px var(--vscode-widget-shadow); }
.rt-chooser input[type=search], .rt-chooser input[type=number] { font: inherit; color: var(--vscode-input-foreground);
  background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); padding: 2px 4px; }
.rt-keys { overflow: auto; flex: 1; }
.rt-key { display: flex; gap: 8px; align-items: center; padding: 1px 0; white-space: nowrap; }
.rt-key .rt-keyname { overflow: hidden; text-overflow: ellipsis; max-width: 30ch; }
.rt-kind { color: var(--vscode-descriptionForeground); width: 4em; }
`;

export function installStyles(): void {
  const style = document.createElement('style');
  style.textContent = CSS;
  document.head.append(style);
}
