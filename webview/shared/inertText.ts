/** Bidi embedding, override and isolate controls, and C0/C1 controls other than tab and line breaks. */
// eslint-disable-next-line no-control-regex
const UNSHOWN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same set without the global flag, for `test`: it keeps no position from one call to the next. */
const ANY_UNSHOWN = new RegExp(UNSHOWN.source);

/**
 * Text from a server, a trace or a workspace file as a webview shows it. It is never markup
 * (textContent only), but a bidi override would still let `invoice\u202egpj.exe` read as
 * something it is not ("Trojan Source"), and control characters would lay out as nothing: each
 * becomes the visible U+241F. Tabs and line breaks stay, for multi-line values.
 */
export function inertText(text: string): string {
  // Tested first: most text has none, and a table's scroll calls this for every cell it draws.
  return ANY_UNSHOWN.test(text) ? text.replace(UNSHOWN, '\u241f') : text;
}
