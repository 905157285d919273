/**
 * C0 and C1 controls, DEL and the Unicode line and paragraph separators: a line break ends a
 * script's comment or a cmd line, an escape sequence rewrites a terminal, and none of them
 * belongs in a name, a path or a URL. The settings schema refuses them, and every script
 * writer refuses them again for values that did not come through the schema.
 */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** The first control character of a value, named for a person ("control character U+000D"); null when there is none. */
export function controlCharacter(value: string): string | null {
  const found = new RegExp(CONTROL_CHARACTERS.source).exec(value);
  return found ? `control character U+${found[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}` : null;
}

/** The value with each control character shown as "?", safe to quote in a message. */
export function printable(value: string): string {
  return value.replace(CONTROL_CHARACTERS, '?');
}
