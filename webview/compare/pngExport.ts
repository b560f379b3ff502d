import { el } from '../shared/host';
import { canvasPng, themeColors } from './chartTheme';
import { vscode } from './pageState';

/** A camera button that hands the canvas to the host as a PNG (on the theme's background) to save. */
export function exportButton(name: string, canvas: HTMLCanvasElement): HTMLElement {
  const b = el('button', { className: 'icon-button codicon codicon-device-camera' });
  b.title = `Export ${name} as PNG`;
  b.setAttribute('aria-label', b.title);
  b.addEventListener('click', () => {
    vscode.post({ type: 'compare/exportPng', name, dataUrl: canvasPng(canvas, themeColors().background) });
  });
  return b;
}
