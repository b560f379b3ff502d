const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/**
 * Replace every `{{key}}` in a template with its value. A key without a value is a bug in the
 * template and throws, so no file is ever written with a placeholder left in it. Python's own
 * f-string braces are single and pass through untouched.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) {
      throw new Error(`Template placeholder {{${key}}} has no value.`);
    }
    return value;
  });
}

/** Whether a text still holds a `{{placeholder}}` (tests and callers check written files with it). */
export function hasPlaceholder(text: string): boolean {
  return new RegExp(PLACEHOLDER.source).test(text);
}
