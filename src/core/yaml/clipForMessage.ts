/** Longest piece of a file's own text quoted in a message. */
export const MAX_QUOTED_LENGTH = 80;

/**
 * A key, value or path from the file, cut to `max` characters with an ellipsis, for quoting in a
 * diagnostic. A 1 MB key would otherwise be copied whole into the message, the Problems view and
 * the hover, once per finding.
 */
export function clipForMessage(text: string, max = MAX_QUOTED_LENGTH): string {
  if (text.length <= max) {
    return text;
  }
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    // Never end on the first half of a surrogate pair.
    end--;
  }
  return `${text.slice(0, end)}…`;
}
