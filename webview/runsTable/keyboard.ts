// Keyboard access to the grid: arrows move the cursor (Shift extends the selection), Space
// selects, Enter opens the run, Left/Right fold, Home/End, Page Up/Down, Ctrl+A selects all.
import type { Grid } from './grid';
import { ROW_H } from './grid';
import { table, vscode } from './tableState';

export interface KeyActions {
  readonly grid: Grid;
  readonly clickLine: (i: number, shift: boolean, ctrl: boolean) => void;
  readonly toggle: (i: number) => void;
  readonly refresh: () => void;
  readonly renderChrome: () => void;
}

function moveTo(i: number, e: KeyboardEvent, a: KeyActions): void {
  const to = Math.max(0, Math.min(table.lines.length - 1, i));
  if (e.shiftKey) {
    a.clickLine(to, true, false);
  } else {
    table.cursor = to;
  }
  a.grid.reveal(to);
}

export function onGridKey(e: KeyboardEvent, a: KeyActions): void {
  const page = Math.max(1, Math.floor(a.grid.scroller.clientHeight / ROW_H) - 1);
  const line = table.lines[table.cursor];
  const keys: Record<string, () => void> = {
    ArrowDown: () => {
      moveTo(table.cursor + 1, e, a);
    },
    ArrowUp: () => {
      moveTo(table.cursor - 1, e, a);
    },
    PageDown: () => {
      moveTo(table.cursor + page, e, a);
    },
    PageUp: () => {
      moveTo(table.cursor - page, e, a);
    },
    Home: () => {
      moveTo(0, e, a);
    },
    End: () => {
      moveTo(table.lines.length - 1, e, a);
    },
    ' ': () => {
      a.clickLine(table.cursor, false, true);
    },
    Enter: () => {
      if (line?.kind === 'run') {
        vscode.post({ type: 'runsTable/action', action: 'openRun', runIds: [line.row.runId] });
      } else {
        a.toggle(table.cursor);
      }
    },
    ArrowRight: () => {
      const open =
        line?.kind === 'group' ? line.expanded : line?.kind === 'run' && line.hasChildren && line.expanded;
      if (line !== undefined && !open && (line.kind === 'group' || line.hasChildren)) {
        a.toggle(table.cursor);
      }
    },
    ArrowLeft: () => {
      const open = line?.kind === 'group' ? line.expanded : line?.kind === 'run' && line.expanded;
      if (open) {
        a.toggle(table.cursor);
      }
    },
  };
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
    table.lines.forEach((l) => l.kind === 'run' && table.selected.add(l.row.runId));
    e.preventDefault();
    a.grid.schedule();
    a.renderChrome();
    return;
  }
  const act = keys[e.key];
  if (act !== undefined) {
    e.preventDefault();
    act();
    a.grid.schedule();
  }
}
