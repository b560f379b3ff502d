import type { Diagnosis } from './diagnoseConnection';

/** How Test Connection shows a diagnosis: a notification of one kind, and more on request. */
export interface ConnectionNotice {
  readonly kind: 'information' | 'error';
  /** The notification's text: what was tested, then the short summary (and, for a fault, the advice). */
  readonly text: string;
  /** Shown behind a "Details" button (a notification cuts long text off), when there is more. */
  readonly details: string | undefined;
}

/** The notification for `diagnosis` of the connection shown as `display`. */
export function connectionNotice(display: string, diagnosis: Diagnosis): ConnectionNotice {
  const advice = diagnosis.advice === '' ? '' : ` ${diagnosis.advice}`;
  return {
    kind: diagnosis.severity === 'ok' ? 'information' : 'error',
    text: `${display}: ${diagnosis.summary}${advice}`,
    details: diagnosis.details,
  };
}
