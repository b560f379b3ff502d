import type { RunDetailEvaluation } from '../../src/protocol/runDetail';
import { el } from '../shared/host';

/**
 * The "Evaluation" section of an evaluation run: per scorer its aggregates (`mean`…) and how its
 * feedback on the run's traces came out, and the button that opens the results panel.
 */
export function evaluationSection(m: RunDetailEvaluation, show: () => void): HTMLElement {
  const button = el('vscode-button', { id: 'show-evaluation', text: 'Show Evaluation Results' });
  button.addEventListener('click', show);
  const head = ['Scorer', 'Aggregates', 'Pass', 'Fail', 'Errors'];
  const rows = m.scorers.map((s) => {
    const tr = el(
      'tr',
      {},
      el('th', { className: 'row-head', text: s.scorer }),
      el('td', {
        text: s.metrics
          .map(
            (x) =>
              `${x.aggregation === '' ? s.scorer : x.aggregation} ${String(Number(x.value.toPrecision(4)))}`,
          )
          .join(', '),
      }),
      ...[s.pass, s.fail, s.errors].map((n) => el('td', { className: 'count', text: String(n) })),
    );
    tr.dataset.scorer = s.scorer;
    return tr;
  });
  return el(
    'section',
    { id: 'evaluation' },
    el('h2', { text: `Evaluation (${String(m.scorers.length)} scorers, ${String(m.traces)} traces)` }),
    ...(m.problem === undefined
      ? []
      : [el('p', { className: 'problem', id: 'evaluation-problem', text: m.problem })]),
    el(
      'table',
      { className: 'compare detail', id: 'evaluation-scorers' },
      el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { text: h })))),
      el('tbody', {}, ...rows),
    ),
    el('div', { className: 'toolbar' }, button),
  );
}
