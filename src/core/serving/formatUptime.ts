function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Elapsed time as the Serving view shows it: "42s", "5m 03s", "2h 05m", "3d 04h". */
export function formatUptime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) {
    return `${String(s)}s`;
  }
  const m = Math.floor(s / 60);
  if (m < 60) {
    return `${String(m)}m ${pad(s % 60)}s`;
  }
  const h = Math.floor(m / 60);
  if (h < 24) {
    return `${String(h)}h ${pad(m % 60)}m`;
  }
  return `${String(Math.floor(h / 24))}d ${pad(h % 24)}h`;
}
