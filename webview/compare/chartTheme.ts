import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';

// Only what the panels draw: tree-shaking keeps the bundle small.
Chart.register(
  LineController,
  ScatterController,
  LineElement,
  PointElement,
  LinearScale,
  LogarithmicScale,
  Tooltip,
  Legend,
);

/** VS Code's current theme colours, read from the CSS variables it sets on the page. */
export interface ThemeColors {
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  readonly background: string;
}

export function themeColors(): ThemeColors {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    foreground: v('--vscode-foreground', '#cccccc'),
    muted: v('--vscode-descriptionForeground', '#999999'),
    grid: v('--vscode-editorWidget-border', v('--vscode-panel-border', 'rgba(128,128,128,0.3)')),
    background: v('--vscode-editor-background', '#1e1e1e'),
  };
}

/** Call `onChange` when VS Code switches theme (it rewrites the body's class and style). */
export function onThemeChange(onChange: () => void): void {
  new MutationObserver(onChange).observe(document.body, {
    attributes: true,
    attributeFilter: ['class', 'data-vscode-theme-kind'],
  });
}

/** Export a chart canvas as PNG on the theme's background (a transparent PNG is unreadable elsewhere). */
export function canvasPng(canvas: HTMLCanvasElement, background: string): string {
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const ctx = copy.getContext('2d');
  if (ctx === null) {
    return canvas.toDataURL('image/png');
  }
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, copy.width, copy.height);
  ctx.drawImage(canvas, 0, 0);
  return copy.toDataURL('image/png');
}

export { Chart };
