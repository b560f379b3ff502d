// TEST DOUBLE — a minimal stand-in for the browser's `document`, NOT a DOM: just the calls
// webview code that builds nodes makes (createElement, createTextNode, createDocumentFragment,
// append, textContent, attributes set as properties), so that code can be tested in plain Node.
// It records the tree; `depth()` and `html()` let tests read what was built. It parses nothing
// and renders nothing, which is the property under test: text stays text.

export class FakeNode {
  readonly children: FakeNode[] = [];
  className = '';
  href = '';
  title = '';
  private ownText = '';

  constructor(
    readonly tagName: string | undefined,
    text = '',
  ) {
    this.ownText = text;
  }

  append(...nodes: FakeNode[]): void {
    this.children.push(...nodes);
  }

  get textContent(): string {
    return this.tagName === undefined ? this.ownText : this.children.map((c) => c.textContent).join('');
  }

  set textContent(v: string) {
    this.children.length = 0;
    this.children.push(new FakeNode(undefined, v));
  }

  /** How deep the element tree goes below this node. */
  depth(): number {
    return this.children.reduce((d, c) => Math.max(d, c.tagName === undefined ? 0 : 1 + c.depth()), 0);
  }

  /** Tags and escaped text, for assertions about structure. */
  html(): string {
    if (this.tagName === undefined) {
      return this.ownText.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    }
    const inner = this.children.map((c) => c.html()).join('');
    return this.tagName === '#fragment' ? inner : `<${this.tagName}>${inner}</${this.tagName}>`;
  }
}

export const fakeDocument = {
  createElement: (tag: string): FakeNode => new FakeNode(tag),
  createTextNode: (text: string): FakeNode => new FakeNode(undefined, text),
  createDocumentFragment: (): FakeNode => new FakeNode('#fragment'),
};
