import type { Chart, ChartEvent, Plugin } from 'chart.js';
import { formatTick } from '../../src/core/compare/chartDefaults';
import { nearestIndex } from '../../src/core/compare/lineGeometry';

/** One run's line, ready to draw: x and y of its finite points, in x order. */
export interface LayerLine {
  readonly runId: string;
  readonly name: string;
  readonly color: string;
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  hidden: boolean;
}

/** The lines a chart's plot area shows, and the point under the mouse. */
export interface SeriesLayer {
  lines: LayerLine[];
  /** Text of an x value as the x axis writes it (for the hover readout). */
  readonly xText: (x: number) => string;
  /**
   * 'bars': every run logged the metric once, and each line's one point is a bar at x = its slot
   * (0, 1, …) from zero to the value, labelled with the value.
   */
  mode: 'lines' | 'bars';
  hover: { line: LayerLine; index: number } | undefined;
}

/** One run's single value as a bar in its slot, from zero (the plot's bottom on a log scale) to the value. */
function bar(chart: Chart, line: LayerLine): void {
  const { ctx, chartArea: area } = chart;
  const xScale = chart.scales.x;
  const yScale = chart.scales.y;
  if (xScale === undefined || yScale === undefined || line.xs.length === 0) {
    return;
  }
  const slot = line.xs[0] ?? 0;
  const value = line.ys[0] ?? 0;
  const left = xScale.getPixelForValue(slot - 0.3);
  const right = xScale.getPixelForValue(slot + 0.3);
  const zero = yScale.type === 'logarithmic' ? area.bottom : yScale.getPixelForValue(0);
  const base = Math.min(area.bottom, Math.max(area.top, zero));
  const top = yScale.getPixelForValue(value);
  ctx.fillStyle = line.color;
  ctx.fillRect(left, Math.min(base, top), right - left, Math.abs(base - top));
  ctx.font = '12px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = value >= 0 ? 'bottom' : 'top';
  ctx.fillText(formatTick(value), (left + right) / 2, value >= 0 ? top - 2 : top + 2, right - left + 20);
}

function stroke(chart: Chart, line: LayerLine): void {
  const { ctx } = chart;
  const xScale = chart.scales.x;
  const yScale = chart.scales.y;
  if (xScale === undefined || yScale === undefined) {
    return;
  }
  const n = line.xs.length;
  if (n === 1) {
    // A metric logged once is a single point: a dot, or it would not show at all.
    ctx.beginPath();
    ctx.arc(
      xScale.getPixelForValue(line.xs[0] ?? 0),
      yScale.getPixelForValue(line.ys[0] ?? 0),
      3,
      0,
      2 * Math.PI,
    );
    ctx.fillStyle = line.color;
    ctx.fill();
    return;
  }
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const px = xScale.getPixelForValue(line.xs[i] ?? 0);
    const py = yScale.getPixelForValue(line.ys[i] ?? 0);
    if (i === 0) {
      ctx.moveTo(px, py);
    } else {
      ctx.lineTo(px, py);
    }
  }
  ctx.strokeStyle = line.color;
  ctx.stroke();
}

/** The visible point nearest to the mouse (in pixels), looked up by binary search in each line (the runs table's chart selects with it). */
export function pointAt(chart: Chart, layer: SeriesLayer, event: ChartEvent): SeriesLayer['hover'] {
  const xScale = chart.scales.x;
  const yScale = chart.scales.y;
  const { x, y } = event;
  if (xScale === undefined || yScale === undefined || x === null || y === null) {
    return undefined;
  }
  const area = chart.chartArea;
  if (x < area.left || x > area.right || y < area.top || y > area.bottom) {
    return undefined;
  }
  const xv = xScale.getValueForPixel(x) ?? 0;
  let best: SeriesLayer['hover'];
  let bestDist = Infinity;
  for (const line of layer.lines) {
    if (line.hidden || line.xs.length === 0) {
      continue;
    }
    const i = nearestIndex(line.xs, xv);
    const d = Math.hypot(
      xScale.getPixelForValue(line.xs[i] ?? 0) - x,
      yScale.getPixelForValue(line.ys[i] ?? 0) - y,
    );
    if (d < bestDist) {
      bestDist = d;
      best = { line, index: i };
    }
  }
  return best;
}

function drawHover(chart: Chart, layer: SeriesLayer, foreground: string, background: string): void {
  const hover = layer.hover;
  const xScale = chart.scales.x;
  const yScale = chart.scales.y;
  if (hover === undefined || xScale === undefined || yScale === undefined) {
    return;
  }
  const { ctx, chartArea: area } = chart;
  const xv = hover.line.xs[hover.index] ?? 0;
  const yv = hover.line.ys[hover.index] ?? 0;
  const px = xScale.getPixelForValue(xv);
  const py = yScale.getPixelForValue(yv);
  ctx.save();
  ctx.beginPath();
  ctx.arc(px, py, 3.5, 0, 2 * Math.PI);
  ctx.fillStyle = hover.line.color;
  ctx.fill();
  // Drawn as canvas text, never as markup: run names come from the server.
  const text =
    layer.mode === 'bars'
      ? `${hover.line.name}: ${formatTick(yv)}`
      : `${hover.line.name}: ${formatTick(yv)} at ${layer.xText(xv)}`;
  ctx.font = '12px sans-serif';
  const w = Math.min(ctx.measureText(text).width + 12, area.right - area.left);
  const left = Math.min(Math.max(area.left, px + 8), area.right - w);
  const top = py - 28 < area.top ? py + 8 : py - 28;
  ctx.fillStyle = background;
  ctx.strokeStyle = hover.line.color;
  ctx.lineWidth = 1;
  ctx.fillRect(left, top, w, 20);
  ctx.strokeRect(left, top, w, 20);
  ctx.fillStyle = foreground;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, left + 6, top + 10, w - 12);
  ctx.restore();
}

/**
 * A chart.js plugin that draws every run's line itself, clipped to the plot area, on the scales
 * chart.js laid out. chart.js keeps axes, ticks and grid, but is handed no per-point data: its
 * line controller makes and updates an element per point, which at 100 runs × 5 charts took
 * seconds per update, where stroking the same paths takes milliseconds. The mouse shows the
 * nearest point's run, value and x.
 */
export function seriesLayerPlugin(
  layer: SeriesLayer,
  colors: () => { foreground: string; background: string },
): Plugin<'line'> {
  return {
    id: 'mlflowSeriesLayer',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: area } = chart;
      ctx.save();
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      // Many runs: thin lines with plain joins, which the canvas rasterises far faster and which
      // keep crossing lines apart; a few runs keep chart.js's usual 1.5 px.
      ctx.lineWidth = layer.lines.length > 20 ? 1 : 1.5;
      for (const line of layer.lines) {
        if (!line.hidden) {
          if (layer.mode === 'bars') {
            bar(chart, line);
          } else {
            stroke(chart, line);
          }
        }
      }
      ctx.restore();
    },
    afterDraw(chart) {
      const c = colors();
      drawHover(chart, layer, c.foreground, c.background);
    },
    afterEvent(chart, args) {
      const next = args.event.type === 'mouseout' ? undefined : pointAt(chart, layer, args.event);
      if (next?.line !== layer.hover?.line || next?.index !== layer.hover?.index) {
        layer.hover = next;
        args.changed = true;
      }
    },
  };
}
