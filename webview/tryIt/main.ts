import '@vscode-elements/elements/dist/vscode-button/index.js';
import {
  isTryItHostMessage,
  type TryItContentType,
  type TryItHostMessage,
  type TryItWebviewMessage,
} from '../../src/protocol/tryIt';
import { el, host, onHostMessage } from '../shared/host';

interface HistoryEntry {
  readonly at: string;
  readonly status: number | 'error';
  readonly timeMs: number;
}

/** View state only (the body being edited and a short history); the host owns everything else. */
interface ViewState {
  body: string;
  contentType: TryItContentType;
  history: HistoryEntry[];
}

const vscode = host<TryItWebviewMessage, ViewState>();
let state: ViewState | undefined = vscode.getState();

const bodyInput = el('textarea', { id: 'body' });
bodyInput.spellcheck = false;
bodyInput.setAttribute('aria-label', 'Request body');
const typeSelect = el('select', { id: 'content-type' });
typeSelect.setAttribute('aria-label', 'Content type');
for (const t of ['application/json', 'text/csv']) {
  typeSelect.append(el('option', { text: t }));
}
const sendButton = el('vscode-button', { id: 'send', text: 'Send' });
const hint = el('p', { className: 'hint', id: 'hint' });
const status = el('p', { className: 'status', id: 'status', text: 'No request sent yet.' });
const response = el('pre', { className: 'response', id: 'response' });
const historyList = el('ol', { className: 'history', id: 'history' });

function save(): void {
  if (state) {
    state.body = bodyInput.value;
    state.contentType = typeSelect.value as TryItContentType;
    vscode.setState(state);
  }
}

/** JSON bodies are checked before sending; CSV goes as typed. */
function problem(): string | undefined {
  if (typeSelect.value !== 'application/json') {
    return undefined;
  }
  try {
    JSON.parse(bodyInput.value);
    return undefined;
  } catch (e) {
    return `The body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
}

function send(): void {
  const p = problem();
  hint.textContent = p ?? '';
  hint.className = p ? 'hint invalid' : 'hint';
  if (p) {
    return;
  }
  save();
  status.textContent = 'Sending…';
  vscode.post({ type: 'tryIt/send', body: bodyInput.value, contentType: typeSelect.value as TryItContentType });
}

function renderHistory(): void {
  historyList.replaceChildren(
    ...(state?.history ?? []).map((h) => el('li', { text: `${h.at} · ${String(h.status)} · ${String(h.timeMs)} ms` })),
  );
}

function remember(entry: HistoryEntry): void {
  if (state) {
    state.history = [entry, ...state.history].slice(0, 10);
    vscode.setState(state);
    renderHistory();
  }
}

function onMessage(m: TryItHostMessage): void {
  switch (m.type) {
    case 'tryIt/init': {
      document.getElementById('title')?.replaceChildren(`Try ${m.server}`);
      document.getElementById('url')?.replaceChildren(`POST ${m.url}`);
      state ??= { body: m.body, contentType: m.contentType, history: [] };
      bodyInput.value = state.body;
      typeSelect.value = state.contentType;
      hint.textContent = m.source === 'template' ? 'No input example was logged with this model: fill in the template.' : `Pre-filled from ${m.source}.`;
      renderHistory();
      return;
    }
    case 'tryIt/response': {
      status.textContent = `${String(m.status)} ${m.statusText} · ${String(m.timeMs)} ms${m.truncated ? ' · response truncated' : ''}`;
      status.className = m.status < 400 ? 'status ok' : 'status failed';
      let text = m.body;
      try {
        text = JSON.stringify(JSON.parse(m.body), null, 2);
      } catch {
        // not JSON (CSV or an HTML error page): show as received
      }
      response.textContent = text;
      remember({ at: new Date().toLocaleTimeString(), status: m.status, timeMs: m.timeMs });
      return;
    }
    case 'tryIt/error':
      status.textContent = m.message;
      status.className = 'status failed';
      return;
  }
}

sendButton.addEventListener('click', send);
bodyInput.addEventListener('input', save);
typeSelect.addEventListener('change', save);
bodyInput.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    send();
  }
});

document.getElementById('app')?.replaceChildren(
  el('h1', { id: 'title', text: 'Try the model' }),
  el('p', { className: 'url', id: 'url' }),
  el('div', { className: 'toolbar' }, typeSelect, sendButton, el('span', { className: 'keys', text: 'Ctrl+Enter sends' })),
  bodyInput,
  hint,
  el('h2', { text: 'Response' }),
  status,
  response,
  el('h2', { text: 'History' }),
  historyList,
);
onHostMessage(isTryItHostMessage, onMessage);
vscode.post({ type: 'ready' });
