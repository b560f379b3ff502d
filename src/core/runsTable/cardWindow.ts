import { rowWindow } from './virtualWindow';

/** How a grid of chart cards is laid out: as many columns of at least `minWidth` as fit. */
export interface CardLayout {
  readonly minWidth: number;
  readonly height: number;
  readonly gap: number;
}

/** The cards a virtualised card grid draws, and where they go. */
export interface CardWindow {
  /** Cards per grid row, and each card's width. */
  readonly columns: number;
  readonly cardWidth: number;
  /** Height of the whole grid (every card, drawn or not), so the scrollbar is the grid's. */
  readonly totalHeight: number;
  /** Indices of the cards to draw: `first` (inclusive) to `last` (exclusive). */
  readonly first: number;
  readonly last: number;
}

/**
 * The cards of a grid of `count` that intersect the viewport, with `overscanRows` grid rows on
 * each side: the grid rows are a virtual list of fixed height (the table's row math), each holding
 * `columns` cards. Only these cards are in the DOM and have a chart; the rest cost nothing.
 */
export function cardWindow(
  scrollTop: number,
  viewport: { readonly width: number; readonly height: number },
  count: number,
  layout: CardLayout,
  overscanRows = 1,
): CardWindow {
  const width = Math.max(0, viewport.width);
  const columns = Math.max(1, Math.floor((width + layout.gap) / (layout.minWidth + layout.gap)));
  const cardWidth = Math.max(layout.minWidth, (width - layout.gap * (columns - 1)) / columns);
  const pitch = layout.height + layout.gap;
  const gridRows = Math.ceil(Math.max(0, count) / columns);
  const rows = rowWindow(scrollTop, viewport.height, pitch, gridRows, overscanRows);
  return {
    columns,
    cardWidth,
    totalHeight: Math.max(0, gridRows * pitch - layout.gap),
    first: Math.min(count, rows.first * columns),
    last: Math.min(count, rows.last * columns),
  };
}

/** Top-left corner of card `index` in the grid. */
export function cardPosition(index: number, w: CardWindow, layout: CardLayout): { x: number; y: number } {
  const row = Math.floor(index / w.columns);
  const col = index % w.columns;
  return { x: col * (w.cardWidth + layout.gap), y: row * (layout.height + layout.gap) };
}
