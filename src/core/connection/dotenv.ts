/**
 * Read a `.env` file the way python-dotenv and docker compose agree on for simple files:
 * `KEY=VALUE` lines, an optional `export ` prefix, `#` comments (whole-line, or after an unquoted
 * value when preceded by a space), single quotes taken literally, double quotes with `\n`, `\t`,
 * `\"` and `\\` escapes. Nothing is expanded (`${VAR}` stays as written) and nothing is executed:
 * the file is data from the workspace. A later line wins over an earlier one, as in both tools.
 */
export function parseDotenv(text: string): Map<string, string> {
  const values = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m?.[1]) {
      continue;
    }
    const raw = m[2] ?? '';
    const quote = raw[0];
    if (quote === '"' || quote === "'") {
      // A quoted value may run over several lines until its closing quote. Each line is scanned
      // once, on its own: rescanning (or indexing a string grown by +=) made it quadratic.
      const scan = { escaped: false };
      const pieces = [raw.slice(1)];
      let end = closingQuote(pieces[0] ?? '', quote, scan);
      while (end < 0 && i + 1 < lines.length) {
        // the line break itself is the character a trailing backslash escapes
        scan.escaped = false;
        const next = lines[++i] ?? '';
        pieces.push(next);
        end = closingQuote(next, quote, scan);
      }
      if (end < 0) {
        continue;
      }
      const last = pieces.pop() ?? '';
      const inner = [...pieces, last.slice(0, end)].join('\n');
      values.set(m[1], quote === '"' ? unescapeDouble(inner) : inner);
      continue;
    }
    values.set(m[1], raw.replace(/\s+#.*$/, '').trim());
  }
  return values;
}

/** Where `quote` closes in this piece (a `\` escapes the next character in double quotes), else -1. */
function closingQuote(piece: string, quote: string, scan: { escaped: boolean }): number {
  for (let j = 0; j < piece.length; j++) {
    if (scan.escaped) {
      scan.escaped = false;
    } else if (quote === '"' && piece[j] === '\\') {
      scan.escaped = true;
    } else if (piece[j] === quote) {
      return j;
    }
  }
  return -1;
}

function unescapeDouble(s: string): string {
  return s.replace(
    /\\([nrt"\\])/g,
    (_m, c: string) => ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' })[c] ?? c,
  );
}
