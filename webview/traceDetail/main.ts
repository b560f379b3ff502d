import '@vscode-elements/elements/dist/vscode-button/index.js';
import {
  isTraceDetailHostMessage,
  type TraceDetailHostMessage,
  type TraceDetailSnapshot,
  type TraceDetailViewState,
  type TraceDetailWebviewMessage,
} from '../../src/protocol/traceDetail';
import { el, host, onHostMessage } from '../shared/host';
import { addButtons, assessmentList, factTable, spanDetails, type AssessmentActions } from './spanDetails';
import { SpanTree } from './spanTree';
import { traceLinkList } from './traceLinks';

const vscode = host<TraceDetailWebviewMessage, TraceDetailViewState>();

/** The host asks for the value and confirms; the webview only says what the user clicked. */
const actions: AssessmentActions = {
  add: (kind, spanId) => {
    vscode.post(
      spanId === undefined
        ? { type: 'traceDetail/addAssessment', kind }
        : { type: 'traceDetail/addAssessment', kind, spanId },
    );
  },
  override: (assessmentId) => {
    vscode.post({ type: 'traceDetail/overrideFeedback', assessmentId });
  },
};

function header(s: TraceDetailSnapshot): HTMLElement[] {
  const refresh = el('vscode-button', { id: 'refresh', text: 'Refresh' });
  refresh.addEventListener('click', () => {
    vscode.post({ type: 'traceDetail/refresh' });
  });
  const facts = el(
    'dl',
    { className: 'facts', id: 'overview' },
    el('dt', { text: 'Trace ID' }),
    el('dd', { text: s.traceId }),
    el('dt', { text: 'State' }),
    el('dd', { className: s.state === 'ERROR' ? 'problem' : '', id: 'trace-state', text: s.state }),
    el('dt', { text: 'Spans' }),
    el('dd', { text: String(s.spans.length) }),
  );
  for (const f of s.facts) {
    facts.append(el('dt', { text: f.label }), el('dd', { text: f.value }));
  }
  const links = traceLinkList(s.links, (link, index) => {
    vscode.post({ type: 'traceDetail/openLink', link, index });
  });
  const shown = [
    el('h1', { id: 'title', text: s.name }),
    el('div', { className: 'toolbar' }, refresh),
    facts,
  ];
  return links === undefined ? shown : [...shown, el('h2', { text: 'Links' }), links];
}

/** The whole trace: header, tree beside the details pane, then the trace's assessments, metadata, tags. */
function render(s: TraceDetailSnapshot): void {
  // On a read-only store the assessment controls are replaced by the reason (clicks could only refuse).
  const writes: AssessmentActions | string = s.readOnly ?? actions;
  const pane = el('div', { className: 'span-pane', id: 'span-pane' });
  const tree = new SpanTree(s.spans, (i) => {
    const row = s.spans[i];
    const detail = s.details[i];
    if (row && detail) {
      pane.replaceChildren(spanDetails(row, detail, writes));
      vscode.post({ type: 'traceDetail/select', spanId: row.spanId });
    }
  });
  document
    .getElementById('app')
    ?.replaceChildren(
      ...header(s),
      el('div', { className: 'trace-split' }, tree.element, pane),
      el('h2', { id: 'assessments-title', text: `Assessments (${String(s.assessments.length)})` }),
      assessmentList(s.assessments, 'trace-assessments', writes),
      addButtons(writes, undefined, ''),
      el('h2', { text: `Metadata (${String(s.metadata.length)})` }),
      factTable(s.metadata, 'metadata'),
      el('h2', { text: `Tags (${String(s.tags.length)})` }),
      factTable(s.tags, 'tags'),
    );
  tree.select(s.initialSpan);
}

/** Say when the rendered snapshot is on screen: the frame after it was built has been painted. */
function reportDrawn(arrived: number): void {
  requestAnimationFrame(() => {
    setTimeout(() => {
      const rows = document.querySelectorAll('#span-tree .span-row').length;
      vscode.post({ type: 'traceDetail/drawn', rows, ms: performance.now() - arrived });
    }, 0);
  });
}

function onMessage(m: TraceDetailHostMessage): void {
  switch (m.type) {
    case 'traceDetail/snapshot': {
      const arrived = performance.now();
      vscode.setState({ traceId: m.traceId });
      render(m);
      reportDrawn(arrived);
      return;
    }
    case 'traceDetail/error':
      document
        .getElementById('app')
        ?.replaceChildren(
          el('h1', { text: 'Trace' }),
          el('p', { className: 'problem', id: 'error', text: m.message }),
        );
      return;
  }
}

document.getElementById('app')?.replaceChildren(el('p', { className: 'status', text: 'Loading the trace…' }));
onHostMessage(isTraceDetailHostMessage, onMessage);
vscode.post({ type: 'ready' });
