/** 30 for 30,000 ms, 1.5 for 1,500: a deadline as people write it. */
export function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}
