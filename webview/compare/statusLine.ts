import type { CompareStatus } from '../../src/protocol/compareRuns';
import { el } from '../shared/host';

/** The line under the title: loading progress, the host's problems, then how long the charts took. */
export const status = el('p', { className: 'status', id: 'status', text: 'Loading runs…' });

/**
 * Show the host's progress or problem. Once the drawn summary is up, an all-clear keeps it
 * rather than blanking the line.
 */
export function showHostStatus(m: CompareStatus, drawnReported: boolean): void {
  if (m.busy !== undefined || m.error !== undefined || !drawnReported) {
    status.textContent = m.error ?? m.busy ?? '';
  }
  status.className = m.error !== undefined ? 'status failed' : 'status';
}
