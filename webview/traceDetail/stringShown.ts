/** A string that would read as another JSON value (a number, true/false/null) or as nothing. */
const LOOKS_LIKE_ANOTHER_VALUE = /^(?:-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|)$/;

/**
 * How a JSON tree shows a string: as its text (multi-line text reads as lines), but quoted when
 * the bare text would be taken for another value — an order id `00000000` is not the number 0.
 */
export function stringShown(text: string): string {
  return LOOKS_LIKE_ANOTHER_VALUE.test(text) ? JSON.stringify(text) : text;
}
