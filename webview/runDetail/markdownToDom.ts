import { Lexer, type Token, type Tokens } from 'marked';

/**
 * Render a run note (Markdown written by anyone who can edit the run) without ever producing
 * markup from it: marked only tokenizes, and each token becomes DOM nodes built with
 * createElement/textContent. Raw HTML in the note stays visible as text; links keep only
 * http(s)/mailto targets, which VS Code opens outside the webview.
 */
export function markdownToDom(source: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let tokens: Token[];
  try {
    tokens = new Lexer({ gfm: true }).lex(source);
  } catch {
    // marked recurses once per nesting level: thousands of `>` or list markers overflow its
    // stack. Such a note is shown as the text it is, with a word on why.
    const notice = wrap('p', [text('This note nests too deeply to format; it is shown as plain text.')]);
    notice.className = 'note-notice';
    fragment.append(notice, wrap('pre', [text(source)]));
    return fragment;
  }
  for (const token of tokens) {
    const node = block(token, 0);
    if (node !== undefined) {
      fragment.append(node);
    }
  }
  return fragment;
}

/** Deeper blockquotes and lists than this are shown as their source text, not as more DOM. */
export const MAX_NOTE_NESTING = 16;

function text(s: string): Text {
  return document.createTextNode(s);
}

function inline(tokens: readonly Token[] | undefined, fallback: string): Node[] {
  if (tokens === undefined) {
    return [text(fallback)];
  }
  return tokens.map((t): Node => {
    switch (t.type) {
      case 'strong':
      case 'em':
      case 'del': {
        const e = document.createElement(t.type === 'strong' ? 'strong' : t.type === 'em' ? 'em' : 'del');
        e.append(...inline((t as Tokens.Strong).tokens, (t as Tokens.Strong).text));
        return e;
      }
      case 'codespan': {
        const e = document.createElement('code');
        e.textContent = (t as Tokens.Codespan).text;
        return e;
      }
      case 'link': {
        const link = t as Tokens.Link;
        if (!/^(https?:|mailto:)/i.test(link.href)) {
          return text(link.text);
        }
        const a = document.createElement('a');
        a.href = link.href;
        a.title = link.href;
        a.append(...inline(link.tokens, link.text));
        return a;
      }
      case 'br':
        return document.createElement('br');
      case 'text':
        return (t as Tokens.Text).tokens
          ? wrap('span', inline((t as Tokens.Text).tokens, (t as Tokens.Text).text))
          : text((t as Tokens.Text).text);
      case 'escape':
        return text((t as Tokens.Escape).text);
      default:
        // html, image and anything newer: the source text, visibly, never interpreted.
        return text(t.raw);
    }
  });
}

function wrap(tag: string, children: Node[]): HTMLElement {
  const e = document.createElement(tag);
  e.append(...children);
  return e;
}

function block(t: Token, depth: number): Node | undefined {
  if (depth >= MAX_NOTE_NESTING && (t.type === 'blockquote' || t.type === 'list')) {
    return wrap('pre', [text(t.raw)]);
  }
  const inner = (x: Token): Node | undefined => block(x, depth + 1);
  switch (t.type) {
    case 'heading': {
      const h = t as Tokens.Heading;
      return wrap(`h${String(Math.min(6, Math.max(3, h.depth + 2)))}`, inline(h.tokens, h.text));
    }
    case 'paragraph':
      return wrap('p', inline((t as Tokens.Paragraph).tokens, (t as Tokens.Paragraph).text));
    case 'code': {
      const pre = document.createElement('pre');
      pre.append(wrap('code', [text((t as Tokens.Code).text)]));
      return pre;
    }
    case 'blockquote':
      return wrap(
        'blockquote',
        (t as Tokens.Blockquote).tokens.map(inner).filter((n): n is Node => n !== undefined),
      );
    case 'list': {
      const list = t as Tokens.List;
      return wrap(
        list.ordered ? 'ol' : 'ul',
        list.items.map((item) =>
          wrap(
            'li',
            item.tokens
              .map((x) =>
                x.type === 'text'
                  ? wrap('span', inline((x as Tokens.Text).tokens, (x as Tokens.Text).text))
                  : inner(x),
              )
              .filter((n): n is Node => n !== undefined),
          ),
        ),
      );
    }
    case 'table': {
      const tbl = t as Tokens.Table;
      const head = wrap(
        'tr',
        tbl.header.map((c) => wrap('th', inline(c.tokens, c.text))),
      );
      const rows = tbl.rows.map((r) =>
        wrap(
          'tr',
          r.map((c) => wrap('td', inline(c.tokens, c.text))),
        ),
      );
      return wrap('table', [wrap('thead', [head]), wrap('tbody', rows)]);
    }
    case 'hr':
      return document.createElement('hr');
    case 'space':
      return undefined;
    default:
      return wrap('p', [text(t.raw)]);
  }
}
