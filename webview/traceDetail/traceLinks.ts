import type { TraceLinkKind, TraceLinksView } from '../../src/protocol/traceDetail';
import { el } from '../shared/host';

/** Posts the click; the host knows what each link opens. */
export type OpenLink = (link: TraceLinkKind, index: number) => void;

/** A button styled as a link (never an `<a href>`: nothing here navigates by itself). */
function linkButton(
  text: string,
  id: string,
  open: OpenLink,
  link: TraceLinkKind,
  index: number,
): HTMLButtonElement {
  const b = el('button', { className: 'link', id, text });
  b.type = 'button';
  b.addEventListener('click', () => {
    open(link, index);
  });
  return b;
}

/**
 * The trace's links as a definition list, or undefined when it has none: source run, logged model
 * (with Copy), linked prompt versions, workspace files at their line. Names are shown as text only.
 */
export function traceLinkList(links: TraceLinksView, open: OpenLink): HTMLElement | undefined {
  const list = el('dl', { className: 'facts', id: 'trace-links' });
  if (links.sourceRun !== undefined) {
    list.append(
      el('dt', { text: 'Source run' }),
      el('dd', {}, linkButton(links.sourceRun, 'link-source-run', open, 'sourceRun', 0)),
    );
  }
  if (links.loggedModel !== undefined) {
    const copy = el('vscode-button', { id: 'link-copy-model', text: 'Copy' });
    copy.setAttribute('secondary', '');
    copy.addEventListener('click', () => {
      open('loggedModel', 0);
    });
    list.append(
      el('dt', { text: 'Logged model' }),
      el(
        'dd',
        {},
        el('code', { id: 'link-logged-model', text: links.loggedModel }),
        document.createTextNode(' '),
        copy,
      ),
    );
  }
  links.prompts.forEach((p, i) => {
    list.append(
      el('dt', { text: i === 0 ? 'Prompts' : '' }),
      el('dd', {}, linkButton(`${p.name} v${p.version}`, `link-prompt-${String(i)}`, open, 'prompt', i)),
    );
  });
  links.files.forEach((f, i) => {
    list.append(
      el('dt', { text: i === 0 ? 'Workspace files' : '' }),
      el('dd', {}, linkButton(`${f.label}:${String(f.line)}`, `link-file-${String(i)}`, open, 'file', i)),
    );
  });
  return list.childElementCount === 0 ? undefined : list;
}
