import '@vscode-elements/elements/dist/vscode-button/index.js';
import {
  isConnectionHostMessage,
  type ConnectionSnapshot,
  type ConnectionWebviewMessage,
} from '../../src/protocol/connectionPanel';
import { connectionSourceLabel } from '../../src/core/connection/connectionSourceLabel';
import { el, host, onHostMessage } from '../shared/host';

const vscode = host<ConnectionWebviewMessage>();

const KIND_TEXT: Record<string, string> = {
  rest: 'MLflow tracking server (REST)',
  databricks: 'Databricks',
  azureml: 'Azure Machine Learning',
  sqlite: 'Local SQLite store (mlflow.db)',
  file: 'Local file store (mlruns)',
};

function render(s: ConnectionSnapshot): void {
  const app = document.getElementById('app');
  if (!app) {
    return;
  }
  const rows: [string, string][] = [
    ['Status', s.connected ? 'Connected' : s.problem ? 'Cannot use the configured URI' : 'Not connected'],
  ];
  if (s.kind) {
    rows.push(['Kind', KIND_TEXT[s.kind] ?? s.kind]);
  }
  if (s.display) {
    rows.push(['Address', s.display]);
  }
  if (s.source) {
    rows.push(['From', connectionSourceLabel(s.source)]);
  }
  if (s.workspace) {
    rows.push(['Workspace', s.workspace]);
  }
  if (s.connected) {
    rows.push([
      'Mode',
      s.readOnly ? 'Read-only (start an MLflow server on this store to edit)' : 'Read and write',
    ]);
  }
  const list = el('dl', { className: 'facts', id: 'facts' });
  for (const [k, v] of rows) {
    list.append(el('dt', { text: k }), el('dd', { text: v }));
  }
  const children: Node[] = [el('h1', { text: 'MLflow Connection' }), list];
  if (s.problem) {
    children.push(el('p', { className: 'problem', id: 'problem', text: s.problem }));
  }
  const switchButton = el('vscode-button', { id: 'switch', text: 'Switch Connection…' });
  switchButton.addEventListener('click', () => {
    vscode.post({ type: 'connection/switch' });
  });
  const logsButton = el('vscode-button', { id: 'logs', text: 'Show Logs' });
  logsButton.setAttribute('secondary', '');
  logsButton.addEventListener('click', () => {
    vscode.post({ type: 'connection/showLogs' });
  });
  const buttons: Node[] = [switchButton];
  if (s.canSwitchWorkspace) {
    const workspaceButton = el('vscode-button', { id: 'switch-workspace', text: 'Switch Workspace…' });
    workspaceButton.setAttribute('secondary', '');
    workspaceButton.addEventListener('click', () => {
      vscode.post({ type: 'connection/switchWorkspace' });
    });
    buttons.push(workspaceButton);
  }
  buttons.push(logsButton);
  children.push(el('div', { className: 'actions' }, ...buttons));
  app.replaceChildren(...children);
}

onHostMessage(isConnectionHostMessage, (m) => {
  render(m.snapshot);
});
vscode.post({ type: 'ready' });
