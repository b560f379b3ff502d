// How a trace reads in the Experiments view (label, one-line description, tooltip lines, icon),
// kept pure so that the text a server's trace turns into is tested without VS Code. Every server
// string goes through `displayText`; the tooltip builder escapes Markdown on top.
import type { TraceInfo, TraceState } from '../traces/entities/traceInfo';
import { displayText } from './displayText';
import { experimentKindOf, isGenAiKind } from './experimentKind';
import { formatDuration, formatTimestamp } from './runSummary';

/** A codicon id, a theme colour id and a word for screen readers. */
export interface TraceLook {
  readonly icon: string;
  readonly color: string | undefined;
  readonly label: string;
}

export function traceStateLook(state: TraceState): TraceLook {
  switch (state) {
    case 'OK':
      return { icon: 'pass', color: 'testing.iconPassed', label: 'ok' };
    case 'ERROR':
      return { icon: 'error', color: 'testing.iconFailed', label: 'error' };
    case 'IN_PROGRESS':
      return { icon: 'sync~spin', color: 'charts.blue', label: 'in progress' };
    default:
      return { icon: 'circle-outline', color: undefined, label: 'unknown state' };
  }
}

/** The root span's name, else the trace id. */
export function traceLabel(info: TraceInfo): string {
  return displayText(info.name !== undefined && info.name !== '' ? info.name : info.traceId, 120);
}

/** A preview on one line: runs of whitespace (newlines in JSON) become one space, then cut. */
export function oneLine(text: string, maxLength: number): string {
  return displayText(text.replace(/\s+/g, ' ').trim(), maxLength);
}

/** `1,234 tokens`, or undefined when the trace recorded no usage. */
export function traceTokens(info: TraceInfo): string | undefined {
  const total = info.tokenUsage?.totalTokens;
  return total === undefined ? undefined : `${total.toLocaleString('en-US')} tokens`;
}

/** Duration · total tokens · request preview, each only when known. */
export function traceDescription(info: TraceInfo): string {
  return [
    info.executionDurationMs === undefined ? undefined : formatDuration(info.executionDurationMs),
    traceTokens(info),
    info.requestPreview === undefined || info.requestPreview === ''
      ? undefined
      : oneLine(info.requestPreview, 80),
  ]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' · ');
}

/** The tooltip as plain-text lines (the caller escapes them as Markdown text). */
export function traceTooltipLines(info: TraceInfo): string[] {
  const optional = (title: string, value: string | undefined, max = 200): string[] =>
    value === undefined || value === '' ? [] : [`${title}: ${oneLine(value, max)}`];
  const usage = info.tokenUsage;
  const tokens =
    usage === undefined
      ? []
      : [
          `Tokens: ${[
            usage.totalTokens === undefined ? undefined : `${usage.totalTokens} total`,
            usage.inputTokens === undefined ? undefined : `${usage.inputTokens} in`,
            usage.outputTokens === undefined ? undefined : `${usage.outputTokens} out`,
          ]
            .filter((x) => x !== undefined)
            .join(', ')}`,
        ];
  return [
    traceLabel(info),
    `Trace ID: ${displayText(info.traceId, 100)}`,
    `State: ${traceStateLook(info.state).label}`,
    `Time: ${formatTimestamp(info.requestTimeMs) || 'unknown'}`,
    `Duration: ${info.executionDurationMs === undefined ? 'unknown' : formatDuration(info.executionDurationMs)}`,
    ...tokens,
    ...optional('Session', info.sessionId),
    ...optional('User', info.userId),
    ...optional('Source run', info.sourceRunId),
    ...optional('Request', info.requestPreview, 300),
    ...optional('Response', info.responsePreview, 300),
  ];
}

/**
 * A GenAI experiment (`mlflow.experimentKind` = `genai_development`, or its inferred form) shows its
 * traces before its runs.
 */
export function isGenAiExperiment(tags: ReadonlyArray<{ key: string; value: string }>): boolean {
  return isGenAiKind(experimentKindOf(tags));
}
