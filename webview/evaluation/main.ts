import '@vscode-elements/elements/dist/vscode-button/index.js';
import {
  isEvaluationHostMessage,
  type EvaluationCompared,
  type EvaluationHostMessage,
  type EvaluationResults,
  type EvaluationViewState,
  type EvaluationWebviewMessage,
  type ScorerSummary,
} from '../../src/protocol/evaluation';
import { el, host, onHostMessage } from '../shared/host';
import { changeLabel, previewCell, verdictCell } from './cells';

const vscode = host<EvaluationWebviewMessage, EvaluationViewState>();

/** Rows and cells carry the trace they show; a click or Enter there opens it in the trace panel. */
function openTraceFrom(target: EventTarget | null): void {
  const traceId =
    target instanceof HTMLElement
      ? target.closest<HTMLElement>('[data-trace-id]')?.dataset.traceId
      : undefined;
  if (traceId !== undefined) {
    vscode.post({ type: 'evaluation/openTrace', traceId });
  }
}

function clickableBody(): HTMLTableSectionElement {
  const tbody = el('tbody');
  tbody.addEventListener('click', (e) => {
    openTraceFrom(e.target);
  });
  tbody.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openTraceFrom(e.target);
    }
  });
  return tbody;
}

function toolbar(): HTMLElement {
  const refresh = el('vscode-button', { id: 'refresh', text: 'Refresh' });
  refresh.addEventListener('click', () => {
    vscode.post({ type: 'evaluation/refresh' });
  });
  return el('div', { className: 'toolbar' }, refresh);
}

function scorerTable(scorers: readonly ScorerSummary[]): HTMLElement {
  const head = ['Scorer', 'Aggregates', 'Pass', 'Fail', 'Errors', 'Values', 'No feedback'];
  const rows = scorers.map((s) => {
    const tr = el(
      'tr',
      {},
      el('th', { className: 'row-head', text: s.scorer }),
      el('td', {
        text: s.metrics
          .map(
            (m) =>
              `${m.aggregation === '' ? s.scorer : m.aggregation} ${String(Number(m.value.toPrecision(4)))}`,
          )
          .join(', '),
      }),
      ...[s.pass, s.fail, s.errors, s.values, s.missing].map((n) =>
        el('td', { className: 'count', text: String(n) }),
      ),
    );
    tr.dataset.scorer = s.scorer;
    return tr;
  });
  return el(
    'table',
    { className: 'compare detail', id: 'scorers' },
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { text: h })))),
    el('tbody', {}, ...rows),
  );
}

function renderResults(m: EvaluationResults): void {
  const { table } = m;
  const tbody = clickableBody();
  for (const row of table.rows) {
    const tr = el(
      'tr',
      { className: `result-row state-${row.state.toLowerCase()}` },
      previewCell(row.request, undefined, 'request-preview'),
      previewCell(row.response, undefined, 'response-preview'),
      ...row.cells.map((c) => verdictCell(c, undefined)),
    );
    tr.dataset.traceId = row.traceId;
    tr.tabIndex = 0;
    tr.title = `Open trace ${row.traceId}`;
    tbody.append(tr);
  }
  document.getElementById('app')?.replaceChildren(
    el('h1', { id: 'title', text: `Evaluation results: ${m.run.name}` }),
    toolbar(),
    el('h2', { text: `Scorers (${String(m.scorers.length)})` }),
    scorerTable(m.scorers),
    el('h2', { text: `Results (${String(table.rows.length)} traces)` }),
    table.rows.length === 0
      ? el('p', {
          className: 'hint',
          id: 'no-results',
          text: 'This run produced no traces this store can read.',
        })
      : el(
          'div',
          { className: 'table-host' },
          el(
            'table',
            { className: 'compare evaluation', id: 'results' },
            el(
              'thead',
              {},
              el('tr', {}, ...['Request', 'Response', ...table.scorers].map((h) => el('th', { text: h }))),
            ),
            tbody,
          ),
        ),
  );
}

/** A run's name over its column, cut to fit; the whole name in the tooltip. */
function runHead(name: string): HTMLTableCellElement {
  const th = el('th', { className: 'run-name', text: name });
  th.title = name;
  return th;
}

function comparisonHead(m: EvaluationCompared): HTMLTableSectionElement {
  const { scorers } = m.comparison;
  const top = el(
    'tr',
    {},
    el('th', { text: 'Change' }),
    el('th', { text: 'Request' }),
    ...scorers.map((s) => {
      const th = el('th', { className: 'section', text: s });
      th.colSpan = 2;
      return th;
    }),
  );
  const runs = el(
    'tr',
    {},
    el('th'),
    el('th'),
    ...scorers.flatMap(() => [runHead(m.first.name), runHead(m.second.name)]),
  );
  return el('thead', {}, top, runs);
}

function renderComparison(m: EvaluationCompared): void {
  const c = m.comparison;
  const tbody = clickableBody();
  for (const row of c.rows) {
    const firstId = row.first?.traceId;
    const secondId = row.second?.traceId;
    const tr = el(
      'tr',
      { className: `compared-row change-${row.change}` },
      el('td', { className: 'change', text: changeLabel(row.change, m.first.name, m.second.name) }),
      previewCell(row.request, undefined, 'request-preview'),
      ...row.cells.flatMap((cell) => {
        const a = verdictCell(cell.first, firstId);
        const b = verdictCell(cell.second, secondId);
        b.classList.add(`cell-${cell.change}`);
        return [a, b];
      }),
    );
    // The row opens the second run's trace; a first-run cell opens the first run's.
    const rowTrace = secondId ?? firstId;
    if (rowTrace !== undefined) {
      tr.dataset.traceId = rowTrace;
      tr.tabIndex = 0;
    }
    tr.dataset.change = row.change;
    tbody.append(tr);
  }
  const n = c.counts;
  const summary = `${String(n.regressed)} regressed (pass → fail), ${String(n.improved)} improved (fail → pass), ${String(n.changed)} changed, ${String(n.same)} the same, ${String(n.onlyFirst)} only in ${m.first.name}, ${String(n.onlySecond)} only in ${m.second.name}`;
  document.getElementById('app')?.replaceChildren(
    el('h1', { id: 'title', text: `Evaluation comparison: ${m.first.name} → ${m.second.name}` }),
    toolbar(),
    el('p', { id: 'summary', text: summary }),
    el('p', {
      className: 'hint',
      text: 'Rows are joined by their request. Click a row to open its trace.',
    }),
    el(
      'div',
      { className: 'table-host' },
      el('table', { className: 'compare evaluation', id: 'comparison' }, comparisonHead(m), tbody),
    ),
  );
}

function onMessage(m: EvaluationHostMessage): void {
  switch (m.type) {
    case 'evaluation/results':
      vscode.setState({ runIds: [m.run.runId] });
      renderResults(m);
      return;
    case 'evaluation/comparison':
      vscode.setState({ runIds: [m.first.runId, m.second.runId] });
      renderComparison(m);
      return;
    case 'evaluation/error':
      document
        .getElementById('app')
        ?.replaceChildren(
          el('h1', { text: 'Evaluation' }),
          toolbar(),
          el('p', { className: 'problem', id: 'error', text: m.message }),
        );
      return;
  }
}

document
  .getElementById('app')
  ?.replaceChildren(el('p', { className: 'status', text: 'Loading the evaluation…' }));
onHostMessage(isEvaluationHostMessage, onMessage);
vscode.post({ type: 'ready' });
