// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

const escape = (c: string): string => {
  if (c === '\n') return '\\n'
  if (c === '\r') return '\\r'
  if (c === '\t') return '\\t'
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/**
 * One log line with its control characters escaped (`\n`, `\u001b`, ...), so that a connector
 * name, a config value or an error message from user input can neither forge a line of the
 * worker's log nor send terminal escapes.
 */
export function escapeLogLine(line: string): string {
  return line.replace(CONTROL, escape)
}
