// What DESIGN.md's webview rules mean for one panel's final HTML, as a list of problems (empty when
// the page keeps them). Pure: the in-host test feeds it each real panel's `webview.html`, and a unit
// test feeds it pages that break each rule, so every check is shown to fire.

/** One page to audit, with what the host knows about the webview it was written for. */
export interface WebviewPage {
  readonly html: string;
  /** `webview.cspSource`: the only origins a policy may name. */
  readonly cspSource: string;
  /** `asWebviewUri()` of the folders a page may load from (the extension's dist/webview and media). */
  readonly roots: readonly string[];
  /** The one text the page may hold (its kind's constant page title). */
  readonly pageTitle: string;
  /** What the panel shows from a server, the workspace or the user: none of it may be in the HTML. */
  readonly data: readonly string[];
}

/** Attributes the page shell may carry; anything else (an `on…` handler, `style`, `srcdoc`) is a problem. */
const ATTRIBUTES = new Set([
  'lang',
  'charset',
  'http-equiv',
  'content',
  'name',
  'rel',
  'href',
  'id',
  'aria-live',
  'nonce',
  'src',
]);

/** The policy's directives, by name, each with its sources. */
export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name !== undefined && name !== '') {
      out.set(name.toLowerCase(), sources);
    }
  }
  return out;
}

const decode = (s: string): string =>
  s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

function auditCsp(policy: string, cspSource: string): { problems: string[]; nonce: string | undefined } {
  const problems: string[] = [];
  const csp = parseCsp(policy);
  if ((csp.get('default-src') ?? []).join(' ') !== "'none'") {
    problems.push(`default-src is not 'none': ${policy}`);
  }
  const script = csp.get('script-src') ?? [];
  const nonces = script.filter((s) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(s));
  if (script.length === 0 || nonces.length !== 1 || nonces.length !== script.length) {
    problems.push(
      `script-src must be exactly one nonce (no 'unsafe-inline', 'unsafe-eval', hosts or hashes): ${script.join(' ')}`,
    );
  }
  if (csp.has('script-src-elem') || csp.has('script-src-attr')) {
    problems.push('script-src-elem/-attr would widen script-src');
  }
  // Beyond scripts: only our own origin, inline styles (web components set them) and data: images.
  // (`cspSource` may be several sources, e.g. "'self' https://*.vscode-cdn.net" on code-server.)
  const own = cspSource.split(/\s+/).filter((s) => s !== '');
  const allowed: Record<string, readonly string[]> = {
    'style-src': [...own, "'unsafe-inline'"],
    'img-src': [...own, 'data:'],
    'font-src': own,
  };
  for (const [name, sources] of csp) {
    if (name === 'default-src' || name === 'script-src') {
      continue;
    }
    const ok = allowed[name];
    const bad = ok === undefined ? sources : sources.filter((s) => !ok.includes(s));
    if (bad.length > 0) {
      problems.push(`${name} allows ${bad.join(' ')}`);
    }
  }
  if (/unsafe-eval/i.test(policy)) {
    problems.push(`the policy allows eval: ${policy}`);
  }
  return { problems, nonce: nonces[0]?.slice("'nonce-".length, -1) };
}

export function auditWebviewHtml(page: WebviewPage): string[] {
  const { html, cspSource, roots, pageTitle, data } = page;
  const problems: string[] = [];
  const metas = [
    ...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi),
  ];
  if (metas.length !== 1) {
    problems.push(`expected one Content-Security-Policy meta, found ${String(metas.length)}`);
  }
  const policy = decode(metas[0]?.[1] ?? '');
  const { problems: cspProblems, nonce } = auditCsp(policy, cspSource);
  problems.push(...cspProblems);
  if (/command:/i.test(html)) {
    problems.push('the page holds a command: URI');
  }
  if (/javascript:/i.test(html)) {
    problems.push('the page holds a javascript: URI');
  }
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  if (scripts.length === 0) {
    problems.push('no script tag');
  }
  if (scripts.length !== (html.match(/<script\b/gi) ?? []).length) {
    problems.push('a script tag is not closed');
  }
  for (const [, attrs = '', body = ''] of scripts) {
    if (nonce === undefined || !attrs.includes(`nonce="${nonce}"`)) {
      problems.push(`a script without the policy's nonce: <script${attrs}>`);
    }
    if (body.trim() !== '') {
      problems.push('an inline script');
    }
  }
  for (const [, name = '', raw = ''] of html.matchAll(/\s([a-zA-Z][\w:-]*)\s*=\s*"([^"]*)"/g)) {
    const value = decode(raw);
    if (!ATTRIBUTES.has(name.toLowerCase())) {
      problems.push(`attribute ${name}="${value}" is not one the shell may carry`);
    }
    if (
      (name === 'src' || name === 'href') &&
      !roots.some((r) => value.startsWith(`${r.replace(/\/$/, '')}/`))
    ) {
      problems.push(`${name}="${value}" is outside the extension's dist/webview and media`);
    }
  }
  const text = decode(html.replace(/<!DOCTYPE[^>]*>/i, '').replace(/<[^>]*>/g, '')).trim();
  if (text !== pageTitle) {
    problems.push(
      `the page's text is not just its title "${pageTitle}": ${JSON.stringify(text.slice(0, 200))}`,
    );
  }
  for (const d of data) {
    if (d !== '' && (html.includes(d) || decode(html).includes(d))) {
      problems.push(`data is inlined in the HTML: ${JSON.stringify(d)}`);
    }
  }
  return problems;
}
