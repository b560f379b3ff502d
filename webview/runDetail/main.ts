import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { CompareRunHeader, SeriesPayload } from '../../src/protocol/compareRuns';
import {
  isRunDetailHostMessage,
  type Fact,
  type RunDetailEvaluation,
  type RunDetailHostMessage,
  type RunDetailSnapshot,
  type RunDetailViewState,
  type RunDetailWebviewMessage,
} from '../../src/protocol/runDetail';
import { el, host, onHostMessage } from '../shared/host';
import { onThemeChange } from '../compare/chartTheme';
import { drawLineChart, type LineChart } from '../compare/lineCharts';
import { evaluationSection } from './evaluationSection';
import { markdownToDom } from './markdownToDom';

const vscode = host<RunDetailWebviewMessage, RunDetailViewState>();
let snapshot: RunDetailSnapshot | undefined;
let evaluation: RunDetailEvaluation | undefined;
const series = new Map<string, SeriesPayload>();
const charts = new Map<string, LineChart>();

function factList(facts: readonly Fact[], id: string): HTMLElement {
  const dl = el('dl', { className: 'facts', id });
  const hasCommit = facts.some((f) => f.label === 'Git commit');
  for (const f of facts) {
    const links = f.label === 'Source' && hasCommit ? codeLinks() : [];
    dl.append(el('dt', { text: f.label }), el('dd', {}, document.createTextNode(f.value), ...links));
  }
  return dl;
}

/** The source line's links: the entry point at the run's commit, and its diff with the workspace. */
function codeLinks(): Node[] {
  const link = (id: string, text: string, action: 'openAtCommit' | 'compareWithWorkspace'): HTMLElement => {
    const b = el('button', { className: 'link', id, text });
    b.addEventListener('click', () => {
      vscode.post({ type: 'runDetail/openCode', action });
    });
    return b;
  };
  return [
    document.createTextNode(' — '),
    link('open-at-commit', "Open at run's commit", 'openAtCommit'),
    document.createTextNode(' · '),
    link('compare-with-workspace', 'Compare with workspace', 'compareWithWorkspace'),
  ];
}

function tableOf(id: string, head: readonly string[], rows: ReadonlyArray<readonly string[]>): HTMLElement {
  if (rows.length === 0) {
    return el('p', { className: 'hint', text: 'None.' });
  }
  return el(
    'table',
    { className: 'compare detail', id },
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { text: h })))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', { text: c }))))),
  );
}

function runLink(runId: string, name: string): HTMLElement {
  const b = el('button', { className: 'link', text: name });
  b.title = `Open run ${runId}`;
  b.addEventListener('click', () => {
    vscode.post({ type: 'runDetail/openRun', runId });
  });
  return b;
}

/** Links to the run's parent and children, and a button to compare the children. */
function family(s: RunDetailSnapshot): HTMLElement[] {
  const links: HTMLElement[] = [];
  if (s.parent) {
    links.push(el('p', {}, document.createTextNode('Parent run: '), runLink(s.parent.runId, s.parent.name)));
  }
  if (s.children.length > 0) {
    const compare = el('vscode-button', {
      id: 'compare-children',
      text: `Compare ${String(s.children.length)} child runs`,
    });
    compare.addEventListener('click', () => {
      vscode.post({ type: 'runDetail/compareChildren' });
    });
    links.push(
      el(
        'p',
        {},
        document.createTextNode('Child runs: '),
        ...s.children.flatMap((c, i) => [
          i > 0 ? document.createTextNode(', ') : document.createTextNode(''),
          runLink(c.runId, c.name),
        ]),
      ),
      compare,
    );
  }
  return links;
}

/** The run's note (Markdown, built as DOM by markdownToDom), or how to add one. */
function noteOf(s: RunDetailSnapshot): HTMLElement {
  const note = el('div', { className: 'note', id: 'note' });
  if (s.note.trim() === '') {
    note.append(
      el('p', {
        className: 'hint',
        text: 'No note. Add one in MLflow\'s UI or with mlflow.set_tag("mlflow.note.content", …).',
      }),
    );
  } else {
    note.append(markdownToDom(s.note));
  }
  return note;
}

/** An empty chart card per metric; each is drawn when its series arrives. */
function chartCards(s: RunDetailSnapshot): HTMLElement {
  const chartGrid = el('div', { className: 'chart-grid', id: 'charts' });
  for (const m of s.metrics) {
    const canvas = el('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `History of ${m.key}`);
    const card = el(
      'section',
      { className: 'chart-card' },
      el('header', {}, el('h3', { text: m.key })),
      el('div', { className: 'chart-box' }, canvas),
    );
    card.dataset.metric = m.key;
    chartGrid.append(card);
  }
  return chartGrid;
}

/** Show the whole run, then draw the series already held on the new canvases. */
function render(s: RunDetailSnapshot): void {
  const refresh = el('vscode-button', { id: 'refresh', text: 'Refresh' });
  refresh.addEventListener('click', () => {
    vscode.post({ type: 'runDetail/refresh' });
  });
  document.getElementById('app')?.replaceChildren(
    el('h1', { id: 'title', text: s.name }),
    el('div', { className: 'toolbar' }, refresh),
    factList(s.facts, 'overview'),
    ...family(s),
    el('div', { id: 'evaluation-slot' }),
    el('h2', { text: 'Note' }),
    noteOf(s),
    el('h2', { text: `Parameters (${String(s.params.length)})` }),
    tableOf(
      'params',
      ['Name', 'Value'],
      s.params.map((p) => [p.label, p.value]),
    ),
    el('h2', { text: `Metrics (${String(s.metrics.length)})` }),
    tableOf(
      'metrics',
      ['Name', 'Latest value', 'Step'],
      s.metrics.map((m) => [m.key, String(m.value), String(m.step)]),
    ),
    chartCards(s),
    el('h2', { text: 'Datasets' }),
    tableOf(
      'datasets',
      ['Name', 'Digest', 'Context', 'Source'],
      s.datasets.map((d) => [d.name, d.digest, d.context, d.source]),
    ),
    el('h2', { text: 'Logged models' }),
    tableOf(
      'models',
      ['Model', 'Flavors / ID', 'Model URI'],
      s.models.map((m) => [m.label, m.detail, m.uri]),
    ),
    el('h2', { text: `Tags (${String(s.tags.length)})` }),
    tableOf(
      'tags',
      ['Name', 'Value'],
      s.tags.map((t) => [t.label, t.value]),
    ),
  );
  // The old canvases are gone with the re-render; their charts go too.
  for (const c of charts.values()) {
    c.chart.destroy();
  }
  charts.clear();
  for (const key of series.keys()) {
    draw(key);
  }
  showEvaluation();
}

/** The evaluation section, once its message came (only evaluation runs get one). */
function showEvaluation(): void {
  if (evaluation !== undefined) {
    document.getElementById('evaluation-slot')?.replaceChildren(
      evaluationSection(evaluation, () => {
        vscode.post({ type: 'runDetail/showEvaluation' });
      }),
    );
  }
}

function draw(key: string): void {
  const s = series.get(key);
  const canvas = document
    .querySelector<HTMLElement>(`[data-metric="${CSS.escape(key)}"]`)
    ?.querySelector('canvas');
  if (!s || !canvas || !snapshot) {
    return;
  }
  // One run, so the theme's own chart blue rather than a palette colour.
  const color = getComputedStyle(document.body).getPropertyValue('--vscode-charts-blue').trim() || '#3794ff';
  const run: CompareRunHeader = {
    runId: snapshot.runId,
    name: snapshot.name,
    experimentId: '',
    status: snapshot.status,
    color,
    startTime: undefined,
  };
  charts.set(
    key,
    drawLineChart(canvas, charts.get(key), key, new Map([[s.runId, s]]), [run], {
      xAxis: 'step',
      logY: false,
      smoothing: 0,
      hidden: new Set(),
    }),
  );
}

function onMessage(m: RunDetailHostMessage): void {
  switch (m.type) {
    case 'runDetail/evaluation':
      evaluation = m;
      showEvaluation();
      return;
    case 'runDetail/snapshot':
      if (m.runId !== snapshot?.runId) {
        evaluation = undefined;
      }
      snapshot = m;
      vscode.setState({ runId: m.runId });
      render(m);
      return;
    case 'runDetail/series':
      series.set(m.metricKey, m.series);
      draw(m.metricKey);
      return;
    case 'runDetail/error':
      document
        .getElementById('app')
        ?.replaceChildren(
          el('h1', { text: 'Run' }),
          el('p', { className: 'problem', id: 'error', text: m.message }),
        );
      return;
  }
}

document.getElementById('app')?.replaceChildren(el('p', { className: 'status', text: 'Loading the run…' }));
onThemeChange(() => {
  for (const key of series.keys()) {
    draw(key);
  }
});
onHostMessage(isRunDetailHostMessage, onMessage);
vscode.post({ type: 'ready' });
