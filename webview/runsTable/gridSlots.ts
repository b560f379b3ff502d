// The grid's elements kept from frame to frame. Each remembers what it was last given, so a frame
// writes to the DOM only what changed (reading the DOM back to compare would cost a style lookup).

type StyleProp = 'left' | 'top' | 'width' | 'height' | 'lineHeight' | 'paddingLeft';

/** An element and the values last written to it. */
export class CellSlot {
  private readonly styles = new Map<StyleProp, string>();
  private readonly classes = new Map<string, boolean>();
  private readonly attributes = new Map<string, string | undefined>();
  private text: string | undefined;
  private title: string | undefined;
  private content: string | undefined;
  private status = '';

  constructor(readonly node: HTMLElement) {}

  setStyle(prop: StyleProp, value: string): void {
    if (this.styles.get(prop) !== value) {
      this.styles.set(prop, value);
      this.node.style[prop] = value;
    }
  }

  setClass(name: string, on: boolean): void {
    if ((this.classes.get(name) ?? false) !== on) {
      this.classes.set(name, on);
      this.node.classList.toggle(name, on);
    }
  }

  /** An attribute, or none when `value` is undefined. */
  setAttribute(name: string, value: string | undefined): void {
    if (this.attributes.get(name) !== value || !this.attributes.has(name)) {
      this.attributes.set(name, value);
      if (value === undefined) {
        this.node.removeAttribute(name);
      } else {
        this.node.setAttribute(name, value);
      }
    }
  }

  /** The element's whole text (no children of its own). Already inert. */
  setText(text: string): void {
    if (this.text !== text) {
      const only = this.node.firstChild;
      if (this.text !== undefined && only instanceof Text && only === this.node.lastChild && text !== '') {
        // The cell's one Text node takes the new text: `textContent` would make a node per cell per
        // frame of a scroll, garbage that the heap's major collections (shared with the workbench
        // in a browser) must trace.
        only.data = text;
      } else {
        this.node.textContent = text;
      }
      this.text = text;
      this.content = undefined;
    }
  }

  /** The tooltip; already inert. */
  setTitle(title: string): void {
    if (this.title !== title) {
      this.title = title;
      this.node.title = title;
    }
  }

  /** True when `signature` differs from the content last drawn (the caller then draws it). */
  changeContent(signature: string): boolean {
    if (this.content === signature) {
      return false;
    }
    this.content = signature;
    this.text = undefined;
    return true;
  }

  /** The run-status class (`rt-status-FAILED`…), or none. */
  setStatus(status: string): void {
    if (this.status !== status) {
      if (this.status !== '') {
        this.node.classList.remove(`rt-status-${this.status}`);
      }
      if (status !== '') {
        this.node.classList.add(`rt-status-${status}`);
      }
      this.status = status;
    }
  }
}

/** A row element, the line it shows (−1: none) and its cells, by their place in the row. */
export class RowSlot extends CellSlot {
  line = -1;
  private readonly cells: CellSlot[] = [];
  private used = 0;

  /** The row's `k`-th cell, made by `make` the first time. */
  cell(k: number, make: () => HTMLElement): CellSlot {
    let slot = this.cells[k];
    if (slot === undefined) {
      slot = new CellSlot(make());
      this.cells.push(slot);
    }
    if (slot.node.parentNode !== this.node) {
      this.node.append(slot.node);
    }
    return slot;
  }

  /** Cells past the first `count` leave the row (kept for a wider window later). */
  keepCells(count: number): void {
    for (let k = count; k < this.used; k++) {
      this.cells[k]?.node.remove();
    }
    this.used = count;
  }

  get cellCount(): number {
    return this.used;
  }
}
