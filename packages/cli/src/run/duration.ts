/** What a duration option accepts, for error messages. */
export const DURATION_FORMS = "a number with a unit: 500ms, 5s, 2m or 1h"

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** Parses `500ms`, `5s`, `1.5s`, `2m`, `1h` into milliseconds; `undefined` when malformed. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim())
  if (match === null) return undefined
  const [, amount = '', unit = ''] = match
  const factor = UNITS[unit]
  return factor === undefined ? undefined : Math.round(Number(amount) * factor)
}

/** `1500` -> `1.5s`, `120000` -> `2m`: the short form progress lines use. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${String(Math.round(ms))}ms`
  if (ms < 60_000) return `${String(Math.round(ms / 100) / 10)}s`
  const minutes = Math.floor(ms / 60_000)
  const seconds = Math.round((ms % 60_000) / 1000)
  return seconds === 0 ? `${String(minutes)}m` : `${String(minutes)}m${String(seconds)}s`
}
