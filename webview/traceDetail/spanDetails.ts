import type {
  AssessmentView,
  SpanDetail,
  SpanPayload,
  SpanRow,
  TraceFact,
} from '../../src/protocol/traceDetail';
import { el } from '../shared/host';
import { foldedText, jsonTree } from './jsonTree';

export function factTable(facts: readonly TraceFact[], id?: string): HTMLElement {
  if (facts.length === 0) {
    return el('p', { className: 'hint', text: 'None.' });
  }
  return el(
    'table',
    { className: 'compare detail', id },
    el(
      'tbody',
      {},
      ...facts.map((f) =>
        el('tr', {}, el('th', { text: f.label }), el('td', {}, foldedText(f.value, 'fact'))),
      ),
    ),
  );
}

/** Inputs or outputs: a chat as role-labelled turns (plus the rest as JSON), else a JSON tree. */
function payload(title: string, p: SpanPayload | undefined, id: string): HTMLElement[] {
  const head = el('h3', { text: title });
  if (p === undefined) {
    return [head, el('p', { className: 'hint', text: 'None.' })];
  }
  if (p.kind === 'json') {
    return [head, el('div', { className: 'json', id }, jsonTree(p.value))];
  }
  const chat = el(
    'div',
    { className: 'chat', id },
    ...p.turns.map((t) =>
      el(
        'div',
        { className: `turn role-${t.role.replace(/[^a-z]/g, '')}` },
        el('div', { className: 'role', text: t.role }),
        el('div', { className: 'turn-text' }, foldedText(t.text, 'turn-body')),
      ),
    ),
  );
  return [head, chat, ...(p.rest === undefined ? [] : [el('div', { className: 'json' }, jsonTree(p.rest))])];
}

/** What the assessment controls ask the host for: a new one here, or an override of one. */
export interface AssessmentActions {
  add(kind: 'feedback' | 'expectation', spanId: string | undefined): void;
  override(assessmentId: string): void;
}

/**
 * "Add feedback" and "Add expectation" for the trace (no span) or one span; without actions (a
 * read-only store) the reason they are absent.
 */
export function addButtons(
  actions: AssessmentActions | string,
  spanId: string | undefined,
  idPrefix: string,
): HTMLElement {
  if (typeof actions === 'string') {
    return el('p', { className: 'hint read-only', id: `${idPrefix}assessments-read-only`, text: actions });
  }
  const bar = el('div', { className: 'toolbar assessment-actions' });
  for (const kind of ['feedback', 'expectation'] as const) {
    const button = el('vscode-button', {
      id: `${idPrefix}add-${kind}`,
      text: kind === 'feedback' ? 'Add feedback…' : 'Add expectation…',
    });
    button.setAttribute('secondary', '');
    button.addEventListener('click', () => {
      actions.add(kind, spanId);
    });
    bar.append(button);
  }
  return bar;
}

/** ` = value` (the host quotes a string that would read as a number, boolean or null). */
function shownValue(a: AssessmentView): string {
  return a.value === '' ? '' : ` = ${a.value}`;
}

/**
 * Assessments with their value, source (type and id), rationale and error; overridden (invalid)
 * ones struck through and marked, overriding ones marked; valid feedback has "Override…".
 */
export function assessmentList(
  list: readonly AssessmentView[],
  id: string,
  actions: AssessmentActions | string,
): HTMLElement {
  if (list.length === 0) {
    return el('p', { className: 'hint', id, text: 'None.' });
  }
  return el(
    'ul',
    { className: 'assessments', id },
    ...list.map((a) => {
      const marks = [
        a.kind === 'expectation' ? 'expectation' : '',
        a.valid ? '' : 'overridden',
        a.overrides ? 'overrides another' : '',
      ].filter((m) => m !== '');
      const source = [a.sourceType, a.sourceId].filter((x) => x !== undefined).join(' ');
      const item = el(
        'li',
        { className: a.valid ? 'assessment' : 'assessment invalid' },
        el('strong', { className: 'assessment-name', text: a.name }),
        el('span', { className: 'assessment-value', text: shownValue(a) }),
        el('span', { className: 'source', text: ` (${source})` }),
        ...marks.map((m) => el('span', { className: 'badge', text: m })),
      );
      item.dataset.assessmentId = a.assessmentId;
      if (a.kind === 'feedback' && a.valid && typeof actions !== 'string') {
        const override = el('vscode-button', { className: 'override', text: 'Override…' });
        override.setAttribute('secondary', '');
        override.setAttribute('aria-label', `Override ${a.name}`);
        override.addEventListener('click', () => {
          actions.override(a.assessmentId);
        });
        item.append(override);
      }
      if (a.rationale !== undefined) {
        item.append(el('div', { className: 'rationale' }, foldedText(a.rationale, 'rationale-text')));
      }
      if (a.error !== undefined) {
        item.append(el('div', { className: 'problem', text: a.error }));
      }
      return item;
    }),
  );
}

function events(d: SpanDetail): HTMLElement[] {
  if (d.events.length === 0) {
    return [];
  }
  return [
    el('h3', { text: `Events (${String(d.events.length)})` }),
    ...d.events.map((e) => {
      const box = el(
        'div',
        { className: e.exception ? 'event exception' : 'event' },
        el('div', { className: 'event-head', text: `${e.name} at +${e.atMs.toFixed(3)} ms` }),
      );
      if (e.exception) {
        box.append(
          el('div', {
            className: 'problem',
            // An exception recorded without a type shows its message alone, not ": message".
            text: [e.exception.type, e.exception.message].filter((t) => t !== '').join(': '),
          }),
          el('pre', { className: 'stack', text: e.exception.stackTrace ?? '' }),
        );
      } else {
        box.append(factTable(e.attributes));
      }
      return box;
    }),
  ];
}

/** The details pane of one span. */
export function spanDetails(row: SpanRow, d: SpanDetail, actions: AssessmentActions | string): HTMLElement {
  const status =
    row.statusCode === 'ERROR'
      ? [
          el('p', {
            className: 'problem',
            id: 'span-status',
            text: `ERROR${d.statusMessage ? `: ${d.statusMessage}` : ''}`,
          }),
        ]
      : d.statusMessage
        ? [el('p', { id: 'span-status', text: d.statusMessage })]
        : [];
  return el(
    'div',
    { className: 'span-details' },
    el('h2', { id: 'span-title', text: `${row.name} (${row.type})` }),
    el('p', {
      className: 'hint',
      text: `Span ${row.spanId}${row.durationMs === undefined ? ', still open' : `, ${row.durationMs.toFixed(3)} ms`}`,
    }),
    ...status,
    ...payload('Inputs', d.inputs, 'span-inputs'),
    ...payload('Outputs', d.outputs, 'span-outputs'),
    ...events(d),
    el('h3', { text: `Assessments of this span (${String(d.assessments.length)})` }),
    assessmentList(d.assessments, 'span-assessments', actions),
    addButtons(actions, row.spanId, 'span-'),
    el('h3', { text: `Attributes (${String(d.attributes.length)})` }),
    factTable(d.attributes, 'span-attributes'),
  );
}
