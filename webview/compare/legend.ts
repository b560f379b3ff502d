import { el } from '../shared/host';
import { checkbox } from './controls';
import { page, update, vscode } from './pageState';

/** The runs compared: each a colour swatch, a checkbox that shows or hides it, and a remove button. */
export const legend = el('div', { className: 'legend', id: 'legend' });

/** Rebuild the legend from the snapshot's runs; `onVisibilityChange` redraws what shows runs. */
export function renderLegend(onVisibilityChange: () => void): void {
  const { runs } = page;
  legend.replaceChildren(
    ...runs.map((r) => {
      const box = checkbox(r.name, !page.view.hidden.includes(r.runId), (on) => {
        const { hidden } = page.view;
        update({ hidden: on ? hidden.filter((id) => id !== r.runId) : [...hidden, r.runId] });
        onVisibilityChange();
      });
      box.style.setProperty('--run-color', r.color);
      box.classList.add('run-toggle');
      box.dataset.runId = r.runId;
      const remove = el('button', { className: 'icon-button codicon codicon-close' });
      remove.title = `Remove ${r.name} from the comparison`;
      remove.setAttribute('aria-label', remove.title);
      remove.addEventListener('click', () => {
        vscode.post({ type: 'compare/removeRun', runId: r.runId });
      });
      return el('span', { className: 'legend-item' }, el('span', { className: 'swatch' }), box, remove);
    }),
  );
  for (const item of legend.querySelectorAll<HTMLElement>('.legend-item')) {
    const run = runs.find((r) => r.runId === item.querySelector<HTMLElement>('.run-toggle')?.dataset.runId);
    const swatch = item.querySelector<HTMLElement>('.swatch');
    if (swatch && run) {
      swatch.style.background = run.color;
    }
  }
}
