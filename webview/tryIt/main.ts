import '@vscode-elements/elements/dist/vscode-button/index.js';
import { checkRequestBody } from '../../src/core/serving/checkRequestBody';
import { jsonBodyToCsv } from '../../src/core/serving/csvBody';
import type { ServingSignature } from '../../src/core/serving/servingSignature';
import {
  isTryItHostMessage,
  TRY_IT_CONTENT_TYPES,
  TRY_IT_MAX_BODY,
  type TryItCompared,
  type TryItContentType,
  type TryItHostMessage,
  type TryItServerChoice,
  type TryItWebviewMessage,
} from '../../src/protocol/tryIt';
import { el, host, onHostMessage } from '../shared/host';
import { inertText } from '../shared/inertText';

interface HistoryEntry {
  readonly at: string;
  readonly status: number | 'error';
  readonly timeMs: number;
  readonly contentType: TryItContentType;
  /** Kept so the entry can be loaded again; bodies over the cap are not kept. */
  readonly body: string | undefined;
}

/** View state only (the body being edited and a short history); the host owns everything else. */
interface ViewState {
  body: string;
  contentType: TryItContentType;
  history: HistoryEntry[];
}

const HISTORY_SIZE = 10;
const HISTORY_BODY_CAP = 100_000;
/** Edits reach the host this long after typing pauses (for "Save Request" run from the palette). */
const EDIT_REPORT_MS = 300;

const vscode = host<TryItWebviewMessage, ViewState>();
let state: ViewState | undefined = vscode.getState();
let signature: ServingSignature | undefined;
let lastSent: { body: string; contentType: TryItContentType } | undefined;

const bodyInput = el('textarea', { id: 'body' });
bodyInput.spellcheck = false;
bodyInput.setAttribute('aria-label', 'Request body');
const typeSelect = el('select', { id: 'content-type' });
typeSelect.setAttribute('aria-label', 'Content type');
for (const t of TRY_IT_CONTENT_TYPES) {
  typeSelect.append(el('option', { text: t }));
}
const sendButton = el('vscode-button', { id: 'send', text: 'Send' });
const saveButton = el('vscode-button', { id: 'save', text: 'Save Request…' });
saveButton.setAttribute('secondary', '');
const compareSelect = el('select', { id: 'compare-with' });
compareSelect.setAttribute('aria-label', 'Server to compare with');
const compareButton = el('vscode-button', { id: 'compare', text: 'Send to Both' });
compareButton.setAttribute('secondary', '');
const compareBar = el(
  'div',
  { className: 'toolbar', id: 'compare-bar' },
  el('span', { text: 'Compare with' }),
  compareSelect,
  compareButton,
);
const hint = el('p', { className: 'hint', id: 'hint' });
const problemsList = el('ul', { className: 'problems', id: 'problems' });
const status = el('p', { className: 'status', id: 'status', text: 'No request sent yet.' });
const response = el('pre', { className: 'response', id: 'response' });
const diffSummary = el('p', { className: 'status', id: 'diff-summary' });
const diffTable = el('table', { className: 'diff', id: 'diff' });
const historyList = el('ol', { className: 'history', id: 'history' });

function contentType(): TryItContentType {
  return typeSelect.value === 'text/csv' ? 'text/csv' : 'application/json';
}

let editTimer: ReturnType<typeof setTimeout> | undefined;

/** Tell the host what is being edited, once typing pauses; a body over the cap stays local. */
function reportEdit(): void {
  clearTimeout(editTimer);
  editTimer = setTimeout(() => {
    if (bodyInput.value.length <= TRY_IT_MAX_BODY) {
      vscode.post({ type: 'tryIt/edited', body: bodyInput.value, contentType: contentType() });
    }
  }, EDIT_REPORT_MS);
}

function save(): void {
  if (state) {
    state.body = bodyInput.value;
    state.contentType = contentType();
    vscode.setState(state);
  }
  reportEdit();
}

/** Check the body against the signature and list what the server would refuse (as text). */
function validate(): boolean {
  const problems = checkRequestBody(bodyInput.value, contentType(), signature);
  problemsList.replaceChildren(
    ...problems.map((p) =>
      el('li', {
        className: p.severity === 'error' ? 'problem-error' : 'problem-warning',
        text: `${p.severity === 'error' ? 'Error' : 'Warning'}: ${p.message}`,
      }),
    ),
  );
  const errors = problems.filter((p) => p.severity === 'error').length;
  problemsList.setAttribute(
    'aria-label',
    errors === 0 ? 'The request matches the signature' : `${String(errors)} problems`,
  );
  return errors === 0;
}

/** Sending is allowed with signature errors (the user may be probing the server's answer). */
function post(kind: 'send' | 'compare'): void {
  validate();
  save();
  if (contentType() === 'application/json') {
    try {
      JSON.parse(bodyInput.value);
    } catch {
      hint.textContent = 'The body is not valid JSON: fix it before sending.';
      hint.className = 'hint invalid';
      return;
    }
  }
  hint.className = 'hint';
  lastSent = { body: bodyInput.value, contentType: contentType() };
  if (kind === 'compare') {
    const otherId = compareSelect.value;
    if (otherId === '') {
      return;
    }
    status.textContent = 'Sending to both servers…';
    vscode.post({ type: 'tryIt/compare', body: bodyInput.value, contentType: contentType(), otherId });
  } else {
    status.textContent = 'Sending…';
    vscode.post({ type: 'tryIt/send', body: bodyInput.value, contentType: contentType() });
  }
}

function load(entry: HistoryEntry): void {
  if (entry.body === undefined) {
    return;
  }
  bodyInput.value = entry.body;
  typeSelect.value = entry.contentType;
  save();
  validate();
  hint.textContent = `Loaded the request sent at ${entry.at}.`;
}

function renderHistory(): void {
  historyList.replaceChildren(
    ...(state?.history ?? []).map((h, i) => {
      const item = el('li', {
        text: `${h.at} · ${String(h.status)} · ${String(h.timeMs)} ms · ${h.contentType} `,
      });
      if (h.body !== undefined) {
        const button = el('button', { className: 'link', id: `history-load-${String(i)}`, text: 'Load' });
        button.addEventListener('click', () => {
          load(h);
        });
        item.append(button);
      }
      return item;
    }),
  );
}

function remember(statusCode: number | 'error', timeMs: number): void {
  if (state && lastSent) {
    const body = lastSent.body.length <= HISTORY_BODY_CAP ? lastSent.body : undefined;
    state.history = [
      {
        at: new Date().toLocaleTimeString(),
        status: statusCode,
        timeMs,
        contentType: lastSent.contentType,
        body,
      },
      ...state.history,
    ].slice(0, HISTORY_SIZE);
    vscode.setState(state);
    renderHistory();
  }
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text; // not JSON (CSV or an HTML error page): shown as received, as text
  }
}

function setOthers(others: readonly TryItServerChoice[]): void {
  const keep = compareSelect.value;
  compareSelect.replaceChildren(
    ...others.map((o) => {
      const option = el('option', { text: o.label });
      option.value = o.id;
      return option;
    }),
  );
  if (others.some((o) => o.id === keep)) {
    compareSelect.value = keep;
  }
  compareBar.hidden = others.length === 0;
}

function showComparison(m: TryItCompared): void {
  status.textContent = `${m.left.label}: ${String(m.left.status)} · ${String(m.left.timeMs)} ms — ${m.right.label}: ${String(m.right.status)} · ${String(m.right.timeMs)} ms`;
  status.className = m.left.status < 400 && m.right.status < 400 ? 'status ok' : 'status failed';
  diffSummary.textContent =
    m.problem ??
    (m.differing === 0
      ? `All ${String(m.rows.length)} predictions agree.`
      : `${String(m.differing)} of ${String(m.rows.length)} predictions differ.`);
  diffSummary.className = m.differing === 0 ? 'status ok' : 'status failed';
  const head = el(
    'tr',
    {},
    el('th', { text: 'Row' }),
    el('th', { text: m.left.label }),
    el('th', { text: m.right.label }),
  );
  diffTable.replaceChildren(
    head,
    ...m.rows.map((r) =>
      el(
        'tr',
        { className: r.same ? 'same' : 'differs' },
        el('td', { text: String(r.index + 1) }),
        el('td', { text: r.left }),
        el('td', { text: r.right }),
      ),
    ),
  );
  response.textContent = m.problem
    ? `${m.left.label}:\n${pretty(m.left.body)}\n\n${m.right.label}:\n${pretty(m.right.body)}`
    : '';
  remember(m.left.status, m.left.timeMs);
}

function onMessage(m: TryItHostMessage): void {
  switch (m.type) {
    case 'tryIt/init': {
      document.getElementById('title')?.replaceChildren(`Try ${m.server}`);
      document.getElementById('url')?.replaceChildren(`POST ${m.url}`);
      signature = m.signature;
      state ??= { body: m.body, contentType: m.contentType, history: [] };
      bodyInput.value = state.body;
      typeSelect.value = state.contentType;
      hint.textContent =
        m.source === 'template'
          ? 'No input example or signature was logged with this model: fill in the template.'
          : m.source === 'signature'
            ? 'Generated from the model signature: replace the placeholder values.'
            : `Pre-filled from ${m.source}.`;
      setOthers(m.others);
      renderHistory();
      validate();
      // a body restored from view state may differ from the pre-filled one the host knows
      reportEdit();
      return;
    }
    case 'tryIt/serverState':
      document.getElementById('title')?.replaceChildren(`Try ${m.server}`);
      document.getElementById('url')?.replaceChildren(`POST ${m.url}`);
      status.textContent = m.message;
      status.className =
        m.state === 'running' ? 'status ok' : m.state === 'stopped' ? 'status failed' : 'status';
      return;
    case 'tryIt/servers':
      setOthers(m.others);
      return;
    case 'tryIt/response': {
      status.textContent = `${String(m.status)} ${m.statusText} · ${String(m.timeMs)} ms${m.truncated ? ' · response truncated' : ''}`;
      status.className = m.status < 400 ? 'status ok' : 'status failed';
      response.textContent = inertText(pretty(m.body));
      diffSummary.textContent = '';
      diffTable.replaceChildren();
      remember(m.status, m.timeMs);
      return;
    }
    case 'tryIt/compared':
      showComparison(m);
      return;
    case 'tryIt/error':
      status.textContent = m.message;
      status.className = 'status failed';
      return;
  }
}

sendButton.addEventListener('click', () => {
  post('send');
});
compareButton.addEventListener('click', () => {
  post('compare');
});
saveButton.addEventListener('click', () => {
  vscode.post({ type: 'tryIt/save', body: bodyInput.value, contentType: contentType() });
});
bodyInput.addEventListener('input', () => {
  save();
  validate();
});
typeSelect.addEventListener('change', () => {
  // Switching to CSV converts a data-frame JSON body; anything else is left for the user to edit.
  if (contentType() === 'text/csv') {
    const csv = jsonBodyToCsv(bodyInput.value);
    if (csv !== undefined) {
      bodyInput.value = csv;
      hint.textContent = 'Converted the data frame to CSV (text/csv).';
    } else {
      hint.textContent = 'This body has no CSV form (only data frames do): edit it as CSV.';
    }
  }
  save();
  validate();
});
bodyInput.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    post('send');
  }
});

compareBar.hidden = true;
document
  .getElementById('app')
  ?.replaceChildren(
    el('h1', { id: 'title', text: 'Try the model' }),
    el('p', { className: 'url', id: 'url' }),
    el(
      'div',
      { className: 'toolbar' },
      typeSelect,
      sendButton,
      saveButton,
      el('span', { className: 'keys', text: 'Ctrl+Enter sends' }),
    ),
    bodyInput,
    hint,
    problemsList,
    compareBar,
    el('h2', { text: 'Response' }),
    status,
    response,
    diffSummary,
    diffTable,
    el('h2', { text: 'History' }),
    historyList,
  );
onHostMessage(isTryItHostMessage, onMessage);
vscode.post({ type: 'ready' });
