/**
 * Server strings (run names, tag values, param keys) shown in a tree label, description or
 * tooltip. They are plain text everywhere we put them, but control characters would still break a
 * label's layout and a 1 MB tag value would stall the renderer, so they are made printable and cut.
 */
export function displayText(value: string, maxLength = 200): string {
  // C0/C1 controls (including newlines and tabs) become a visible marker rather than layout, and
  // so do the bidi embedding, override and isolate controls, which would let a name such as
  // `invoice\u202egpj.exe` display reversed as something it is not ("Trojan Source").
  const printable = value.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    '\u241f',
  );
  if (printable.length <= maxLength) {
    return printable;
  }
  // Do not split a surrogate pair at the cut.
  let cut = maxLength - 1;
  const code = printable.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) {
    cut--;
  }
  return `${printable.slice(0, cut)}…`;
}
