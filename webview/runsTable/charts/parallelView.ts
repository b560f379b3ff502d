// Parallel coordinates over every loaded run on one canvas (10,000 runs are one path, not 10,000
// DOM nodes): the other runs muted underneath in a single stroke, the table's selection in colour
// on top. A click selects the run whose line passes nearest.
import { formatTick } from '../../../src/core/compare/chartDefaults';
import { runColor } from '../../../src/core/compare/runColors';
import { axisTitle, type AxisColumn } from '../../../src/core/runsTable/chartData';
import { nearestRun, parallelData, type ParallelData } from '../../../src/core/runsTable/parallelData';
import { themeColors } from '../../compare/chartTheme';
import { el } from '../../shared/host';
import { figuresOf, table } from '../tableState';

const MUTED = 'rgba(128, 128, 128, 0.35)';
const PAD = { left: 12, right: 12, top: 36, bottom: 22 };

export class ParallelView {
  readonly root = el('div', { className: 'rc-canvas' });
  private readonly canvas = el('canvas');
  private data: ParallelData | undefined;
  axes: AxisColumn[] = [];

  constructor(
    private readonly onSelect: (runId: string, add: boolean) => void,
    private readonly onDrawn: () => void,
  ) {
    this.canvas.setAttribute('role', 'img');
    this.canvas.style.width = '100%';
    this.canvas.style.height = '100%';
    this.root.append(this.canvas);
    this.canvas.addEventListener('click', (e) => {
      this.click(e);
    });
  }

  /** Runs drawn (with a value on at least one axis), and axes. */
  get lines(): number {
    return this.data?.runIds.length ?? 0;
  }
  get axisCount(): number {
    return this.data?.axes.length ?? 0;
  }
  /** The titles of the axes drawn. */
  get titles(): string[] {
    return (this.data?.axes ?? []).map((a) => axisTitle(a.column, 60));
  }

  draw(): void {
    const d = parallelData(table.rows, this.axes, figuresOf);
    this.data = d;
    const names = d.axes.map((a) => axisTitle(a.column, 60));
    this.canvas.setAttribute(
      'aria-label',
      `Parallel coordinates of ${String(d.runIds.length)} runs over ${names.join(', ')}`,
    );
    const ratio = window.devicePixelRatio || 1;
    const w = Math.max(100, this.root.clientWidth);
    const h = Math.max(100, this.root.clientHeight);
    this.canvas.width = Math.round(w * ratio);
    this.canvas.height = Math.round(h * ratio);
    const g = this.canvas.getContext('2d');
    if (g === null) {
      this.onDrawn();
      return;
    }
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, w, h);
    const n = d.axes.length;
    const pw = w - PAD.left - PAD.right;
    const ph = h - PAD.top - PAD.bottom;
    const ax = (a: number): number => PAD.left + (n < 2 ? pw / 2 : (a * pw) / (n - 1));
    const ay = (v: number): number => PAD.top + (1 - v) * ph;
    const selected = new Set(table.selected);
    const any = d.runIds.some((id) => selected.has(id));
    const stroke = (r: number): void => {
      let pen = false;
      for (let a = 0; a < n; a++) {
        const v = d.ys[r * n + a] ?? NaN;
        if (Number.isNaN(v)) {
          pen = false;
        } else if (pen) {
          g.lineTo(ax(a), ay(v));
        } else {
          g.moveTo(ax(a), ay(v));
          pen = true;
        }
      }
    };
    // Unselected runs: one path, one stroke (muted when a selection is drawn on top).
    g.beginPath();
    d.runIds.forEach((id, r) => {
      if (!selected.has(id)) {
        stroke(r);
      }
    });
    g.lineWidth = 1;
    g.strokeStyle = any ? MUTED : runColor(0);
    g.stroke();
    d.runIds.forEach((id, r) => {
      if (selected.has(id)) {
        g.beginPath();
        stroke(r);
        g.lineWidth = 2.5;
        g.strokeStyle = runColor(r);
        g.stroke();
      }
    });
    this.drawAxes(g, d, names, { ax, ay, h });
    this.onDrawn();
  }

  private drawAxes(
    g: CanvasRenderingContext2D,
    d: ParallelData,
    names: readonly string[],
    at: { ax: (a: number) => number; ay: (v: number) => number; h: number },
  ): void {
    const theme = themeColors();
    g.font = '11px sans-serif';
    const last = d.axes.length - 1;
    d.axes.forEach((axis, a) => {
      const x = at.ax(a);
      // The edge axes' labels grow inwards, so none is cut at the canvas's edge.
      g.textAlign = a === 0 && last > 0 ? 'left' : a === last && last > 0 ? 'right' : 'center';
      g.beginPath();
      g.moveTo(x, at.ay(1));
      g.lineTo(x, at.ay(0));
      g.strokeStyle = theme.foreground;
      g.lineWidth = 1;
      g.stroke();
      g.fillStyle = theme.foreground;
      // Canvas text is drawn, never parsed: a hostile key stays text.
      g.fillText(names[a] ?? '', x, 14, 200);
      g.fillStyle = theme.muted;
      // The data's extremes, not the padded ends: a max of 0.01 reads 0.01, not 0.01036.
      g.fillText(axis.hi === undefined ? '' : formatTick(axis.hi), x, at.ay(1) - 3);
      g.fillText(axis.lo === undefined ? '' : formatTick(axis.lo), x, at.h - 6);
    });
  }

  private click(e: MouseEvent): void {
    const d = this.data;
    if (d === undefined) {
      return;
    }
    const box = this.canvas.getBoundingClientRect();
    const pw = box.width - PAD.left - PAD.right;
    const ph = box.height - PAD.top - PAD.bottom;
    const x = (e.clientX - box.left - PAD.left) / pw;
    const y = 1 - (e.clientY - box.top - PAD.top) / ph;
    const id = nearestRun(d, x, y, 8 / Math.max(1, ph));
    if (id !== undefined) {
      this.onSelect(id, e.ctrlKey || e.metaKey || e.shiftKey);
    }
  }

  destroy(): void {
    this.data = undefined;
    this.canvas.width = 0;
    this.canvas.height = 0;
  }
}
