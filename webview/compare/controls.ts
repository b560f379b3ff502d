import { el } from '../shared/host';

/** A `vscode-checkbox` (keyboard and screen-reader ready) whose label is set as text. */
export function checkbox(
  label: string,
  checked: boolean,
  onChange: (checked: boolean) => void,
  id?: string,
): HTMLElement & { checked: boolean } {
  const box = el('vscode-checkbox', { id, text: label }) as HTMLElement & { checked: boolean };
  box.checked = checked;
  box.addEventListener('change', () => {
    onChange(box.checked);
  });
  return box;
}

/** A labelled native select (styled from the theme in webview.css); option texts are text. */
export function selectOf(
  id: string,
  label: string,
  values: readonly string[],
  selected: string | undefined,
  onChange: (value: string) => void,
  names: Readonly<Record<string, string>> = {},
): HTMLElement {
  const select = el('select', { id });
  select.setAttribute('aria-label', label);
  for (const v of values) {
    const option = el('option', { text: names[v] ?? v });
    option.value = v;
    option.selected = v === selected;
    select.append(option);
  }
  select.addEventListener('change', () => {
    onChange(select.value);
  });
  return el('label', { className: 'inline', text: `${label} ` }, select);
}
