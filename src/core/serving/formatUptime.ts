function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Elapsed time as the Serving view shows it: "<1m", "5m", "2h 05m", "3d 04h". Minutes are the
 * finest unit on purpose: each change redraws the row, and a redraw can swallow a click on it.
 */
export function formatUptime(ms: number): string {
  const m = Math.floor(Math.max(0, ms) / 60_000);
  if (m < 1) {
    return '<1m';
  }
  if (m < 60) {
    return `${String(m)}m`;
  }
  const h = Math.floor(m / 60);
  if (h < 24) {
    return `${String(h)}h ${pad(m % 60)}m`;
  }
  return `${String(Math.floor(h / 24))}d ${pad(h % 24)}h`;
}
