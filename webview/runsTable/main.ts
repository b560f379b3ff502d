// The runs table page: a toolbar, a progress line and the virtualised grid. It routes the host's
// messages into the page state, and the user's sorting, grouping, folding and selection into it.
import {
  columnId,
  columnTitle,
  isNumeric,
  type Column,
  type MetricFigures,
} from '../../src/core/runsTable/columns';
import { fromWire, rowKeys, type WireRow } from '../../src/core/runsTable/tableRow';
import { fromWireFigures } from '../../src/core/runsTable/wireNumber';
import {
  isRunsTableHostMessage,
  type RunsTableActionName,
  type PageTiming,
  type RunsTableHostMessage,
} from '../../src/protocol/runsTable';
import { el, onHostMessage } from '../shared/host';
import { openChooser } from './chooser';
import { openBounds } from './boundsForm';
import { describeBound, type ColumnBound } from '../../src/core/runsTable/columnBounds';
import { drawn, Grid } from './grid';
import { onGridKey } from './keyboard';
import { recomputeLines, requestFigures, saveView, shownRunIds, table, vscode } from './tableState';
import { installStyles } from './styles';
import { ChartsView } from './charts/chartsView';
import { installChartStyles } from './charts/chartStyles';

/** When this script began (the bench splits the wait for the first rows with it). */
const scriptStartMs = performance.now();
let firstLinesMs: number | undefined;

installStyles();
installChartStyles();

const status = el('div', { className: 'rt-status' });
status.setAttribute('role', 'status');
const filterText = el('span', { className: 'rt-filter' });
const groupSelect = el('select', { className: 'rt-select' });
groupSelect.setAttribute('aria-label', 'Group by');
const button = (text: string, onClick: () => void): HTMLButtonElement => {
  const b = el('button', { className: 'rt-btn', text });
  b.addEventListener('click', onClick);
  return b;
};
const actions: Array<[HTMLButtonElement, boolean]> = [];
const action = (text: string, name: RunsTableActionName, single = false): HTMLButtonElement => {
  const b = button(text, () => {
    vscode.post({ type: 'runsTable/action', action: name, runIds: selectedInOrder() });
  });
  actions.push([b, single]);
  return b;
};

let refreshPending = false;
/** Recompute and redraw at the next frame (a burst of pages or figures draws once). */
function refresh(): void {
  if (!refreshPending) {
    refreshPending = true;
    requestAnimationFrame(() => {
      refreshPending = false;
      recomputeLines();
      grid.draw();
      charts.rowsChanged();
      if (sortStarted !== undefined) {
        sortMs = performance.now() - sortStarted;
        sortStarted = undefined;
      }
      renderChrome();
      report();
    });
  }
}

const grid = new Grid({
  onSort: (c) => {
    sortBy(c);
  },
  onLineClick: (i, e) => {
    clickLine(i, e.shiftKey, e.ctrlKey || e.metaKey);
  },
  onLineOpen: (i) => {
    const line = table.lines[i];
    if (line?.kind === 'run') {
      vscode.post({ type: 'runsTable/action', action: 'openRun', runIds: [line.row.runId] });
    }
  },
  onToggle: (i) => {
    toggle(i);
  },
});

let sortStarted: number | undefined;
let sortMs: number | undefined;

function sortBy(c: Column, given?: boolean): void {
  const same = table.sort !== undefined && columnId(table.sort.column) === columnId(c);
  // Numbers start highest first (the best accuracy, the latest start), text A→Z.
  const ascending = given ?? (same ? !(table.sort?.ascending ?? false) : !isNumeric(c));
  sortStarted = performance.now();
  table.sort = { column: c, ascending };
  saveView();
  vscode.post({ type: 'runsTable/sort', column: c, ascending });
  refresh();
}

export function toggle(i: number): void {
  const line = table.lines[i];
  const id =
    line === undefined
      ? undefined
      : line.kind === 'group'
        ? line.id
        : line.hasChildren
          ? line.row.runId
          : undefined;
  if (id !== undefined) {
    if (!table.toggled.delete(id)) {
      table.toggled.add(id);
    }
    refresh();
  }
}

export function clickLine(i: number, shift: boolean, ctrl: boolean): void {
  const line = table.lines[i];
  table.cursor = i;
  if (line?.kind !== 'run') {
    grid.schedule();
    return;
  }
  if (shift) {
    const [a, b] = [Math.min(table.anchor, i), Math.max(table.anchor, i)];
    if (!ctrl) {
      table.selected.clear();
    }
    table.lines.slice(a, b + 1).forEach((l) => l.kind === 'run' && table.selected.add(l.row.runId));
  } else if (ctrl) {
    if (!table.selected.delete(line.row.runId)) {
      table.selected.add(line.row.runId);
    }
    table.anchor = i;
  } else {
    table.selected.clear();
    table.selected.add(line.row.runId);
    table.anchor = i;
  }
  grid.schedule();
  renderChrome();
  charts.selectionChanged();
}

/** A click in a chart: select its run in the table (added to the selection with a modifier). */
const charts = new ChartsView((runId, add) => {
  if (add) {
    if (!table.selected.delete(runId)) {
      table.selected.add(runId);
    }
  } else {
    table.selected.clear();
    table.selected.add(runId);
  }
  const at = table.lines.findIndex((l) => l.kind === 'run' && l.row.runId === runId);
  if (at >= 0) {
    table.cursor = at;
    table.anchor = at;
    grid.reveal(at);
  }
  grid.schedule();
  renderChrome();
  charts.selectionChanged();
});

function selectedInOrder(): string[] {
  return shownRunIds().filter((id) => table.selected.has(id));
}

const chooseColumns = button('Columns…', () => {
  openChooser(chooseColumns, (columns) => {
    table.columns = columns;
    vscode.post({ type: 'runsTable/columns', columns });
    requestFigures();
    refresh();
  });
});

function setBounds(bounds: ColumnBound[]): void {
  table.bounds = bounds;
  // A bound on an aggregate needs its figures; the host computes only what it has not cached.
  requestFigures();
  refresh();
}
const chooseBounds = button('Bounds…', () => {
  openBounds(chooseBounds, setBounds);
});

/** The server filter and the local bounds, as the filter line shows them. */
const filterLine = (): string[] => [
  ...(table.filter === '' ? [] : [table.filter.slice(0, 500)]),
  ...table.bounds.map(describeBound),
];

function renderChrome(): void {
  const n = table.selected.size;
  for (const [b, single] of actions) {
    b.disabled = single ? n !== 1 : n === 0;
  }
  const shown = filterLine();
  filterText.textContent = shown.length === 0 ? 'no filter' : shown.join(' and ');
  const runs = table.rows.length.toLocaleString('en-US');
  const parts = [
    table.done ? `${runs} runs` : `Loading runs… ${runs} so far (the table is usable meanwhile)`,
    n > 0 ? `${String(n)} selected` : '',
    table.figuresLoading.size > 0
      ? `computing ${[...table.figuresLoading].map((k) => k.slice(0, 40)).join(', ')}…`
      : '',
  ];
  status.textContent = table.error ?? table.figuresError ?? parts.filter((p) => p !== '').join(' · ');
  status.classList.toggle('rt-error', table.error !== undefined || table.figuresError !== undefined);
}

function renderGroupOptions(): void {
  const keys = rowKeys(table.rows);
  const current = table.groupBy === undefined ? '' : `${table.groupBy.kind}\u0000${table.groupBy.key}`;
  const options = [
    el('option', { text: 'No grouping' }),
    ...keys.params
      .map((k) => ({ kind: 'param', k }))
      .concat(keys.tags.map((k) => ({ kind: 'tag', k })))
      .filter(({ k }) => k.length <= 500)
      .slice(0, 500)
      .map(({ kind, k }) => {
        const o = el('option', { text: `Group by ${kind} ${k.slice(0, 80)}` });
        o.value = `${kind}\u0000${k}`;
        return o;
      }),
  ];
  options[0]?.setAttribute('value', '');
  groupSelect.replaceChildren(...options);
  groupSelect.value = current;
}
groupSelect.addEventListener('change', () => {
  const [kind, ...rest] = groupSelect.value.split('\u0000');
  table.groupBy = kind === 'param' || kind === 'tag' ? { kind, key: rest.join('\u0000') } : undefined;
  saveView();
  refresh();
});

/** The page's clock (see PageTiming): its script's fetch from the resource timing entry. */
function pageTiming(): PageTiming {
  if (firstLinesMs === undefined && table.lines.length > 0) {
    firstLinesMs = Math.round(performance.now());
  }
  const script = performance
    .getEntriesByType('resource')
    .filter((e) => e instanceof PerformanceResourceTiming)
    .find((e) => e.name.includes('runsTable.js'));
  return {
    origin: Math.round(performance.timeOrigin),
    scriptFetchedMs: script === undefined ? undefined : Math.round(script.responseEnd),
    scriptStartMs: Math.round(scriptStartMs),
    firstLinesMs,
  };
}

let lastReport = '';
/** Tell the host what is drawn (the in-host tests and the bench read it). */
function report(): void {
  const firstLines = table.lines
    .slice(0, 10)
    .map((l) =>
      (l.kind === 'group'
        ? `group ${l.value ?? ''} (${String(l.count)})`
        : l.row.name || l.row.runId.slice(0, 8)
      ).slice(0, 200),
    );
  const m = {
    type: 'runsTable/rendered' as const,
    lines: table.lines.length,
    domRows: drawn.rows,
    domCells: drawn.cells,
    firstLines,
    sortedBy:
      table.sort === undefined
        ? undefined
        : `${columnTitle(table.sort.column).slice(0, 1000)} ${table.sort.ascending ? 'asc' : 'desc'}`,
    groupedBy:
      table.groupBy === undefined ? undefined : `${table.groupBy.kind} ${table.groupBy.key.slice(0, 1000)}`,
    sortMs: sortMs === undefined ? undefined : Math.round(sortMs * 10) / 10,
    filterLine: filterLine().slice(0, 21),
    page: pageTiming(),
  };
  const text = JSON.stringify(m);
  if (text !== lastReport) {
    lastReport = text;
    vscode.post(m);
  }
}

function onMessage(m: RunsTableHostMessage): void {
  switch (m.type) {
    case 'runsTable/init':
      table.experimentName = m.experimentName;
      table.filter = m.filter;
      table.storeKind = m.storeKind;
      table.columns = m.columns;
      document.getElementById('rt-title')?.replaceChildren(`Runs of ${m.experimentName.slice(0, 200)}`);
      break;
    case 'runsTable/rows':
      if (m.reset) {
        // A reload (Refresh, a new filter) starts without local bounds, as the filter line shows.
        table.bounds = [];
        table.rows = [];
        table.byId.clear();
        table.figures.clear();
      }
      for (const w of m.rows) {
        const row = fromWire(w);
        table.byId.set(row.runId, row);
        table.rows.push(row);
      }
      table.done = m.done;
      table.error = m.error;
      if (m.reset) {
        requestFigures();
      }
      renderGroupOptions();
      break;
    case 'runsTable/updateRows':
      replaceRows(m.rows);
      renderGroupOptions();
      break;
    case 'runsTable/applySort':
      sortBy(m.column, m.ascending);
      return;
    case 'runsTable/applyBounds':
      setBounds([...m.bounds]);
      return;
    case 'runsTable/series':
      charts.onSeries(m);
      return;
    case 'runsTable/showView':
      charts.show(m.view, m.key, m.axes, m.xAxis);
      return;
    case 'runsTable/figures': {
      const byRun = table.figures.get(m.key) ?? new Map<string, MetricFigures | null>();
      m.figures.forEach(([id, f]) => byRun.set(id, f === null ? null : fromWireFigures(f)));
      table.figures.set(m.key, byRun);
      if (m.done) {
        table.figuresLoading.delete(m.key);
      }
      table.figuresError = m.error;
      break;
    }
  }
  refresh();
}

/**
 * Running runs that moved: each replaces its row where it is (the order the host loaded stays; the
 * sort, grouping and bounds apply again at the refresh), and its figures go until the new ones come.
 * A run not held (a reload started meanwhile) is left to that load.
 */
function replaceRows(rows: readonly WireRow[]): void {
  const at = new Map(table.rows.map((r, i) => [r.runId, i]));
  for (const w of rows) {
    const i = at.get(w.runId);
    if (i === undefined) {
      continue;
    }
    const row = fromWire(w);
    table.rows[i] = row;
    table.byId.set(row.runId, row);
    // Its figures stay shown until the host's new ones replace them (it sends them for every
    // changed run): dropping them would blank its aggregate cells and hide it from a bound meanwhile.
  }
}

const title = el('h2', { id: 'rt-title', text: 'Runs' });
title.style.margin = '0 0 4px';
document.getElementById('app')?.append(
  title,
  charts.tabs,
  el(
    'div',
    { className: 'rt-toolbar' },
    chooseColumns,
    groupSelect,
    button('Filter…', () => {
      vscode.post({ type: 'runsTable/askFilter' });
    }),
    filterText,
    chooseBounds,
    button('Refresh', () => {
      vscode.post({ type: 'runsTable/refresh' });
    }),
    el('span', { className: 'rt-sep' }),
    action('Compare', 'compare'),
    action('Open Run Details', 'openRun', true),
    action('Add to Comparison', 'addToComparison'),
    action('Copy IDs', 'copyIds'),
    button('Export CSV', () => {
      vscode.post({
        type: 'runsTable/exportCsv',
        runIds: shownRunIds().slice(0, 50_000),
        columns: [...table.columns],
      });
    }),
  ),
  status,
  charts.root,
  grid.scroller,
);
grid.scroller.addEventListener('keydown', (e) => {
  onGridKey(e, { grid, clickLine, toggle, refresh, renderChrome });
});
renderChrome();
onHostMessage(isRunsTableHostMessage, onMessage);
vscode.post({ type: 'ready' });
