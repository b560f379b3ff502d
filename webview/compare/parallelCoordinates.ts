import type { CompareTable } from '../../src/core/compare/compareTable';
import type { CompareRunHeader } from '../../src/protocol/compareRuns';
import { formatTick } from '../../src/core/compare/chartDefaults';
import { axisValues, type AxisId } from './axisValues';
import { themeColors } from './chartTheme';

const PAD = { top: 28, bottom: 22, side: 60 };

/**
 * Parallel coordinates drawn straight on a canvas (chart.js has no such chart): one vertical axis
 * per chosen param or metric, scaled to its own min..max, and one polyline per visible run.
 * Categorical params are spread evenly along their axis.
 */
export function drawParallel(
  canvas: HTMLCanvasElement,
  table: CompareTable,
  runs: readonly CompareRunHeader[],
  axes: readonly AxisId[],
  hidden: ReadonlySet<string>,
): void {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (ctx === null) {
    return;
  }
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const theme = themeColors();
  const cols = axes.map((id) => axisValues(table, id)).filter((a) => a !== undefined);
  if (cols.length < 2) {
    ctx.fillStyle = theme.muted;
    ctx.font = '13px sans-serif';
    ctx.fillText('Choose at least two params or metrics.', PAD.side, height / 2);
    return;
  }
  const span = (width - 2 * PAD.side) / (cols.length - 1);
  const xAt = (i: number): number => PAD.side + i * span;
  const scales = cols.map((c) => {
    const nums = c.values.filter((v): v is number => v !== undefined);
    const lo = c.numeric ? Math.min(...nums) : 0;
    const hi = c.numeric ? Math.max(...nums) : Math.max(1, c.categories.length - 1);
    return {
      lo,
      hi,
      y: (v: number): number =>
        height - PAD.bottom - (hi === lo ? 0.5 : (v - lo) / (hi - lo)) * (height - PAD.top - PAD.bottom),
    };
  });
  const byId = new Map(runs.map((r) => [r.runId, r]));
  ctx.lineWidth = 1.5;
  table.runIds.forEach((id, runIndex) => {
    const run = byId.get(id);
    if (run === undefined || hidden.has(id)) {
      return;
    }
    ctx.strokeStyle = run.color;
    ctx.beginPath();
    let drawing = false;
    cols.forEach((c, i) => {
      const v = c.values[runIndex];
      const scale = scales[i];
      if (v === undefined || scale === undefined) {
        drawing = false;
        return;
      }
      const [x, y] = [xAt(i), scale.y(v)];
      if (drawing) {
        ctx.lineTo(x, y);
      } else {
        ctx.moveTo(x, y);
      }
      drawing = true;
    });
    ctx.stroke();
  });
  ctx.strokeStyle = theme.foreground;
  ctx.fillStyle = theme.foreground;
  ctx.lineWidth = 1;
  ctx.font = '12px sans-serif';
  ctx.textAlign = 'center';
  cols.forEach((c, i) => {
    const x = xAt(i);
    const s = scales[i];
    ctx.beginPath();
    ctx.moveTo(x, PAD.top);
    ctx.lineTo(x, height - PAD.bottom);
    ctx.stroke();
    ctx.fillText(c.id.length > 28 ? `${c.id.slice(0, 27)}…` : c.id, x, PAD.top - 10);
    if (s !== undefined) {
      const fmt = (v: number): string => (c.numeric ? formatTick(v) : (c.categories[v] ?? '').slice(0, 16));
      ctx.fillStyle = theme.muted;
      ctx.fillText(fmt(s.hi), x, PAD.top + 14);
      ctx.fillText(fmt(s.lo), x, height - PAD.bottom + 14);
      ctx.fillStyle = theme.foreground;
    }
  });
}
