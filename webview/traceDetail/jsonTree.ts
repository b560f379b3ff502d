import type { JsonValue } from '../../src/core/traces/parse/losslessJson';
import { el } from '../shared/host';
import { stringShown } from './stringShown';
import { inertText } from '../shared/inertText';

/** Strings longer than this are folded behind "show more". */
const FOLD_AT = 400;
/** Objects and arrays deeper than this start collapsed. */
const OPEN_DEPTH = 2;

/** A string as text, folded with a "show more" toggle when long. */
export function foldedText(text: string, className = 'json-string'): HTMLElement {
  const span = el('span', { className, text: text.length > FOLD_AT ? `${text.slice(0, FOLD_AT)}…` : text });
  if (text.length <= FOLD_AT) {
    return span;
  }
  const toggle = el('button', { className: 'link show-more', text: 'show more' });
  let open = false;
  toggle.addEventListener('click', () => {
    open = !open;
    span.textContent = inertText(open ? text : `${text.slice(0, FOLD_AT)}…`);
    toggle.textContent = open ? 'show less' : 'show more';
  });
  return el('span', {}, span, document.createTextNode(' '), toggle);
}

function scalar(v: string | number | boolean | null): HTMLElement {
  if (typeof v === 'string') {
    // The text itself (pre-wrapped by the stylesheet), so a multi-line string reads as lines;
    // quoted where it would read as a number, a boolean or null.
    return foldedText(stringShown(v));
  }
  return el('span', { className: `json-${v === null ? 'null' : typeof v}`, text: String(v) });
}

/**
 * JSON as an indented tree of text nodes: objects and arrays are `<details>` (collapsible,
 * keyboard-operable by the browser), the first levels open; long strings folded.
 */
export function jsonTree(v: JsonValue, depth = 0, key?: string): HTMLElement {
  const label = key === undefined ? [] : [el('span', { className: 'json-key', text: `${key}: ` })];
  if (v === null || typeof v !== 'object') {
    return el('div', { className: 'json-row' }, ...label, scalar(v));
  }
  const entries: Array<[string, JsonValue]> = Array.isArray(v)
    ? v.map((item: JsonValue, i) => [String(i), item])
    : Object.entries(v);
  const summary = Array.isArray(v) ? `[${String(entries.length)}]` : `{${String(entries.length)}}`;
  const details = el(
    'details',
    { className: 'json-node' },
    el('summary', {}, ...label, el('span', { className: 'json-count', text: summary })),
    ...entries.map(([k, item]) => jsonTree(item, depth + 1, k)),
  );
  details.open = depth < OPEN_DEPTH;
  return details;
}
