import { inertText } from './inertText';

/**
 * The one wrapper around `acquireVsCodeApi()` (it may be called only once per page). Panels post
 * typed messages through it and persist only their view state; the host owns all data.
 */
interface VsCodeApi<S> {
  postMessage(message: unknown): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

export interface Host<Out, S> {
  post(message: Out): void;
  getState(): S | undefined;
  setState(state: S): void;
}

let api: VsCodeApi<unknown> | undefined;

export function host<Out, S = unknown>(): Host<Out, S> {
  api ??= acquireVsCodeApi<unknown>();
  const a = api;
  return {
    post: (m) => {
      a.postMessage(m);
    },
    getState: () => a.getState() as S | undefined,
    setState: (s) => {
      a.setState(s);
    },
  };
}

/** Listen for messages from the host, keeping only those the guard accepts. */
export function onHostMessage<T>(guard: (v: unknown) => v is T, handler: (m: T) => void): void {
  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (guard(e.data)) {
      handler(e.data);
    }
  });
}

/** Create an element with text content only: data never becomes markup, nor reorders (inertText). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { readonly className?: string; readonly text?: string; readonly id?: string } = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) {
    node.className = props.className;
  }
  if (props.id) {
    node.id = props.id;
  }
  if (props.text !== undefined) {
    node.textContent = inertText(props.text);
  }
  node.append(...children);
  return node;
}
