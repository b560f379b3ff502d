import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-form-helper/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { ENV_MANAGERS, type EnvManager } from '../../src/core/cli/serveCommand';
import type { EntryPointParameter } from '../../src/core/mlproject/entryPoints';
import { checkRunForm } from '../../src/core/mlproject/runForm';
import {
  isProjectRunHostMessage,
  type ProjectRunHostMessage,
  type ProjectRunInit,
  type ProjectRunWebviewMessage,
} from '../../src/protocol/projectRun';
import { el, host, onHostMessage } from '../shared/host';

/** View state only: what the user typed, so hiding and showing the panel keeps it. */
interface ViewState {
  readonly key: string;
  readonly values: Record<string, string>;
  readonly experimentName: string;
  readonly envManager: EnvManager;
}

const ENV_TEXT: Record<EnvManager, string> = {
  local: 'local — the current Python environment, nothing installed',
  virtualenv: 'virtualenv — a fresh environment from python_env.yaml (pyenv + virtualenv)',
  uv: 'uv — a fresh environment from python_env.yaml, built with uv',
  conda: 'conda — a fresh environment from conda.yaml',
};

const vscode = host<ProjectRunWebviewMessage, ViewState>();
let parameters: readonly EntryPointParameter[] = [];
const fields = new Map<string, { input: VscodeTextfield; helper: HTMLElement }>();
let experimentInput: VscodeTextfield | undefined;
let experimentHelper: HTMLElement | undefined;
let envSelect: VscodeSingleSelect | undefined;
let runButton: HTMLElement | undefined;
const status = el('p', { className: 'status', id: 'status' });
status.setAttribute('role', 'status');

function textfield(id: string, value: string, placeholder: string): VscodeTextfield {
  const input = document.createElement('vscode-textfield');
  input.id = id;
  input.value = value;
  input.placeholder = placeholder;
  return input;
}

function helper(id: string): HTMLElement {
  const h = el('vscode-form-helper', { id, className: 'field-problem' });
  h.setAttribute('aria-live', 'polite');
  return h;
}

function formValues(): { values: Record<string, string>; experimentName: string; envManager: EnvManager } {
  const values: Record<string, string> = {};
  for (const [name, f] of fields) {
    Object.defineProperty(values, name, { value: f.input.value, enumerable: true });
  }
  const chosen = envSelect?.value ?? 'local';
  const envManager = (ENV_MANAGERS as readonly string[]).includes(chosen) ? (chosen as EnvManager) : 'local';
  return { values, experimentName: experimentInput?.value ?? '', envManager };
}

/** Check every field as the user types; the Run button is enabled only for a form that would run. */
function validate(key: string): boolean {
  const form = formValues();
  const check = checkRunForm({ parameters }, form);
  for (const [name, f] of fields) {
    const problem = Object.hasOwn(check.parameters, name) ? check.parameters[name] : undefined;
    f.input.invalid = problem !== undefined;
    f.helper.textContent = problem ?? '';
  }
  if (experimentInput && experimentHelper) {
    experimentInput.invalid = check.experimentName !== undefined;
    experimentHelper.textContent = check.experimentName ?? '';
  }
  runButton?.toggleAttribute('disabled', !check.ok);
  vscode.setState({ key, ...form });
  return check.ok;
}

function run(key: string): void {
  if (!validate(key)) {
    status.textContent = 'Fix the values marked above first.';
    status.className = 'status failed';
    return;
  }
  status.textContent = 'Starting mlflow run…';
  status.className = 'status';
  vscode.post({ type: 'projectRun/run', ...formValues() });
}

/** One labelled field per entry-point parameter, each checked as the user types. */
function parameterGrid(key: string, state: ViewState): HTMLElement {
  fields.clear();
  const grid = el('div', { className: 'run-form', id: 'parameters' });
  parameters.forEach((p, i) => {
    const id = `param-${String(i)}`;
    const label = el('vscode-label', { text: p.name });
    label.setAttribute('for', id);
    const type = el('span', { className: 'param-type', text: p.type });
    const value = Object.hasOwn(state.values, p.name) ? (state.values[p.name] ?? '') : (p.default ?? '');
    const input = textfield(
      id,
      value,
      p.default === undefined ? `required (${p.type})` : `default: ${p.default}`,
    );
    input.dataset.param = p.name;
    const problem = helper(`${id}-problem`);
    input.setAttribute('aria-describedby', `${id}-problem`);
    input.addEventListener('input', () => {
      validate(key);
    });
    fields.set(p.name, { input, helper: problem });
    grid.append(
      el('div', { className: 'run-label' }, label, type),
      el('div', { className: 'run-field' }, input, problem),
    );
  });
  if (parameters.length === 0) {
    grid.append(el('p', { className: 'hint', text: 'This entry point takes no parameters.' }));
  }
  return grid;
}

/** How the run is made: the experiment it logs to and the environment manager. */
function runSettings(key: string, state: ViewState): HTMLElement {
  experimentInput = textfield('experiment', state.experimentName, 'blank: the default experiment');
  experimentHelper = helper('experiment-problem');
  experimentInput.addEventListener('input', () => {
    validate(key);
  });
  const experimentLabel = el('vscode-label', { text: 'Experiment' });
  experimentLabel.setAttribute('for', 'experiment');

  envSelect = document.createElement('vscode-single-select');
  envSelect.id = 'env-manager';
  for (const manager of ENV_MANAGERS) {
    const option = el('vscode-option', { text: ENV_TEXT[manager] });
    option.setAttribute('value', manager);
    if (manager === state.envManager) {
      option.setAttribute('selected', '');
    }
    envSelect.append(option);
  }
  envSelect.addEventListener('change', () => {
    validate(key);
  });
  const envLabel = el('vscode-label', { text: 'Environment' });
  envLabel.setAttribute('for', 'env-manager');

  return el(
    'div',
    { className: 'run-form', id: 'settings' },
    el('div', { className: 'run-label' }, experimentLabel),
    el('div', { className: 'run-field' }, experimentInput, experimentHelper),
    el('div', { className: 'run-label' }, envLabel),
    el('div', { className: 'run-field' }, envSelect),
  );
}

/** The form around both sections, with the Run button; the Run button and Enter run it. */
function runForm(key: string, grid: HTMLElement, settings: HTMLElement): HTMLElement {
  const button = el('vscode-button', { id: 'run', text: 'Run' });
  button.setAttribute('icon', 'play');
  button.addEventListener('click', () => {
    run(key);
  });
  runButton = button;
  const form = el(
    'form',
    { id: 'form' },
    el('h2', { text: 'Parameters' }),
    grid,
    el('h2', { text: 'Run' }),
    settings,
    el('div', { className: 'actions' }, button),
  );
  // Enter in any field runs, as in a native form; the browser's own submit never happens.
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run(key);
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target instanceof HTMLElement && e.target.tagName === 'VSCODE-TEXTFIELD') {
      e.preventDefault();
      run(key);
    }
  });
  return form;
}

/** Show the form for one entry point, filled from the saved view state if it was this one's. */
function render(m: ProjectRunInit): void {
  const key = `${m.file}#${m.entryPoint}`;
  const saved = vscode.getState();
  const state: ViewState =
    saved?.key === key
      ? saved
      : { key, values: { ...m.values }, experimentName: m.experimentName, envManager: m.envManager };
  parameters = m.parameters;
  const form = runForm(key, parameterGrid(key, state), runSettings(key, state));
  document.getElementById('app')?.replaceChildren(
    el('h1', { text: `Run ${m.project} · ${m.entryPoint}` }),
    el('p', {
      className: 'hint',
      id: 'file',
      text: `${m.file} — runs "mlflow run -e ${m.entryPoint}" with the active connection’s tracking URI.`,
    }),
    form,
    status,
  );
  validate(key);
}

function onMessage(m: ProjectRunHostMessage): void {
  if (m.type === 'projectRun/init') {
    render(m);
    return;
  }
  status.textContent = m.message;
  status.className =
    m.state === 'succeeded' ? 'status ok' : m.state === 'started' ? 'status' : 'status failed';
}

onHostMessage(isProjectRunHostMessage, onMessage);
vscode.post({ type: 'ready' });
