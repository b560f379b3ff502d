/** A connection the user saved: a name they chose and the tracking URI. Never credentials. */
export interface NamedConnection {
  readonly name: string;
  readonly uri: string;
}

export type ConnectionListResult =
  | { readonly ok: true; readonly list: readonly NamedConnection[] }
  | { readonly ok: false; readonly error: string };

const MAX_NAME = 80;

/** Why `name` cannot name a connection, or undefined. */
export function connectionNameProblem(name: string): string | undefined {
  const t = name.trim();
  if (t === '') {
    return 'Give the connection a name.';
  }
  if (t.length > MAX_NAME) {
    return `Keep the name under ${MAX_NAME} characters.`;
  }
  if (Array.from(t).some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    return 'The name contains control characters.';
  }
  return undefined;
}

/**
 * The saved list as read back from storage; malformed entries (an older or damaged state) are
 * dropped rather than failing, and a URI carrying a password is never kept.
 */
export function readNamedConnections(raw: unknown): NamedConnection[] {
  if (!Array.isArray(raw)) {
    return [];
  }
  const out: NamedConnection[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) {
      continue;
    }
    const { name, uri } = item as Record<string, unknown>;
    if (
      typeof name !== 'string' ||
      typeof uri !== 'string' ||
      connectionNameProblem(name) !== undefined ||
      uri.trim() === '' ||
      hasPassword(uri)
    ) {
      continue;
    }
    if (!out.some((c) => sameName(c.name, name))) {
      out.push({ name: name.trim(), uri: uri.trim() });
    }
  }
  return out;
}

/**
 * Add a connection. Saving a URI that is already in the list keeps the existing entry (and its
 * name); a name already used for another URI is refused.
 */
export function addNamedConnection(
  list: readonly NamedConnection[],
  entry: NamedConnection,
): ConnectionListResult {
  const problem =
    connectionNameProblem(entry.name) ??
    (hasPassword(entry.uri) ? 'Leave the password out of the URI.' : undefined);
  if (problem !== undefined) {
    return { ok: false, error: problem };
  }
  const uri = entry.uri.trim();
  if (list.some((c) => c.uri === uri)) {
    return { ok: true, list };
  }
  if (list.some((c) => sameName(c.name, entry.name))) {
    return { ok: false, error: `A connection named "${entry.name.trim()}" already exists.` };
  }
  return { ok: true, list: [...list, { name: entry.name.trim(), uri }] };
}

/** Rename a saved connection; the new name must be free. */
export function renameNamedConnection(
  list: readonly NamedConnection[],
  from: string,
  to: string,
): ConnectionListResult {
  const problem = connectionNameProblem(to);
  if (problem !== undefined) {
    return { ok: false, error: problem };
  }
  if (!list.some((c) => c.name === from)) {
    return { ok: false, error: `There is no connection named "${from}".` };
  }
  if (list.some((c) => c.name !== from && sameName(c.name, to))) {
    return { ok: false, error: `A connection named "${to.trim()}" already exists.` };
  }
  return { ok: true, list: list.map((c) => (c.name === from ? { name: to.trim(), uri: c.uri } : c)) };
}

/** Remove a saved connection by name. */
export function removeNamedConnection(list: readonly NamedConnection[], name: string): ConnectionListResult {
  if (!list.some((c) => c.name === name)) {
    return { ok: false, error: `There is no connection named "${name}".` };
  }
  return { ok: true, list: list.filter((c) => c.name !== name) };
}

/** A name to suggest for a new connection: the host (and port) of a server, or a short form of the URI. */
export function suggestConnectionName(uri: string): string {
  const t = uri.trim();
  if (/^databricks(:\/\/|$)/i.test(t)) {
    const profile = t.slice('databricks://'.length);
    return profile === '' ? 'Databricks' : `Databricks ${profile}`;
  }
  const workspace = /^azureml:\/\/.*\/workspaces\/([^/?#]+)/i.exec(t)?.[1];
  if (workspace !== undefined) {
    return `Azure ML ${decodeURIComponentSafe(workspace)}`;
  }
  try {
    const url = new URL(t);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return `${url.host}${url.pathname.replace(/\/+$/, '')}`.slice(0, MAX_NAME);
    }
  } catch {
    // Not a URL: a plain path; fall through.
  }
  return (
    t
      .split(/[\\/]/)
      .filter((s) => s !== '')
      .slice(-2)
      .join('/') || t
  ).slice(0, MAX_NAME);
}

function hasPassword(uri: string): boolean {
  return /^[a-z][\w+.-]*:\/\/[^/@]*:[^/@]*@/i.test(uri.trim());
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
