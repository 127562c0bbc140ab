// eslint-disable-next-line no-control-regex -- control characters are what it escapes
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g

/**
 * Text with its control characters (but line breaks) as `\u00XX` escapes: a user value in a
 * message (a file or connector name) can then neither forge output lines nor send terminal escapes.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
