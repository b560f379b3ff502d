// The chart views' styles, in VS Code's theme variables (light, dark and high-contrast apply).
const CSS = `
.rc-tabs { display: flex; gap: 0; align-items: stretch; margin-bottom: 4px; border-bottom: 1px solid var(--vscode-panel-border); }
.rc-tab { font: inherit; color: var(--vscode-foreground); background: transparent; border: none; border-bottom: 2px solid transparent;
  padding: 3px 12px; cursor: pointer; opacity: 0.8; }
.rc-tab:hover { opacity: 1; background: var(--vscode-list-hoverBackground); }
.rc-tab.rc-active { opacity: 1; border-bottom-color: var(--vscode-focusBorder); font-weight: 600; }
.rc-tab:focus-visible, .rc-search:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.rc-charts { flex: 0 0 58%; display: flex; flex-direction: column; min-height: 0; margin-bottom: 6px; }
.rc-charts[hidden] { display: none; }
.rc-controls { display: flex; gap: 6px; align-items: center; padding-bottom: 4px; color: var(--vscode-descriptionForeground); }
.rc-controls:empty { display: none; }
.rc-caption { margin-left: 8px; }
.rc-body { flex: 1; min-height: 0; display: flex; flex-direction: column; }
.rc-line { flex: 1; min-height: 0; display: flex; }
.rc-canvas { position: relative; flex: 1; min-height: 0; }
.rc-canvas canvas { cursor: pointer; }
.rc-cards { flex: 1; min-height: 0; display: flex; flex-direction: column; gap: 4px; }
.rc-search { font: inherit; color: var(--vscode-input-foreground); background: var(--vscode-input-background);
  border: 1px solid var(--vscode-input-border, transparent); padding: 2px 4px; max-width: 320px; }
.rc-scroller { flex: 1; min-height: 0; overflow: auto; position: relative; }
.rc-sizer { position: relative; }
.rc-card { position: absolute; left: 0; top: 0; box-sizing: border-box; display: flex; flex-direction: column; padding: 4px 6px;
  border: 1px solid var(--vscode-panel-border); background: var(--vscode-editorWidget-background, transparent); }
.rc-card-title { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.rc-card-plot { position: relative; flex: 1; min-height: 0; }
`;

export function installChartStyles(): void {
  const style = document.createElement('style');
  style.textContent = CSS;
  document.head.append(style);
}
