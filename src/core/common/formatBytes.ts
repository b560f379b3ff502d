/** `512 B`, `1.5 KB`, `120.0 MB`: a size as people read it (binary units, as file managers show). */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u] ?? 'B'}`;
}
