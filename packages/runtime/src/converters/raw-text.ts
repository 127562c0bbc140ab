import { isUtf8 } from 'node:buffer'

const RAW_TEXT = Symbol('pipe.rawText')

/** A record that may carry the topic bytes its string value was decoded from. */
interface WithRawText {
  [RAW_TEXT]?: Uint8Array
}

/**
 * Marks `record`'s value as the UTF-8 text of `bytes` (a StringConverter's `toConnectData`, no SMT
 * after it): a sink that writes the value as UTF-8 may write these bytes instead of encoding it again.
 * Only the sink runner marks records, and only those it hands to the task as decoded.
 */
export function markRawText<R extends object>(record: R, bytes: Uint8Array): R {
  ;(record as WithRawText)[RAW_TEXT] = bytes
  return record
}

/**
 * The records' values as UTF-8 lines (each followed by `\n`) in one buffer, from the bytes they were
 * decoded from: `undefined` unless every record is marked and the bytes are valid UTF-8 (decoding
 * invalid UTF-8 replaces bytes with U+FFFD, so only valid bytes are what encoding the value gives).
 */
export function rawTextLines(records: readonly object[]): Buffer | undefined {
  let total = 0
  for (const r of records) {
    const bytes = (r as WithRawText)[RAW_TEXT]
    if (bytes === undefined) return undefined
    total += bytes.length + 1
  }
  const out = Buffer.allocUnsafe(total)
  let at = 0
  for (const r of records) {
    const bytes = (r as WithRawText)[RAW_TEXT] as Uint8Array
    out.set(bytes, at)
    at += bytes.length
    out[at++] = 0x0a
  }
  // a line of valid UTF-8 ends with a whole character and '\n' starts none: the whole is valid when every line is
  return isUtf8(out) ? out : undefined
}
