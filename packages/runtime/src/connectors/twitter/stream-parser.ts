/**
 * Splits a Twitter v2 stream body (JSON messages delimited by `\r\n`, blank lines as keep-alives)
 * into messages. Chunks may cut a message, or a multi-byte character, anywhere.
 */

/** A tweet as the v2 API renders it: `id` and `text` always, other fields as requested. */
export interface Tweet {
  readonly id: string
  readonly text: string
  readonly [field: string]: unknown
}

export interface TweetMessage {
  readonly data: Tweet
  readonly includes?: Readonly<Record<string, unknown>>
  readonly matching_rules?: readonly { readonly id: string; readonly tag?: string }[]
}

export type StreamMessage =
  | { readonly kind: 'keep-alive' }
  | { readonly kind: 'tweet'; readonly message: TweetMessage }
  /** an in-stream error, e.g. `operational-disconnect`: the stream is about to end */
  | { readonly kind: 'error'; readonly title: string; readonly detail: string }
  | { readonly kind: 'malformed'; readonly line: string }

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isTweet(value: unknown): value is Tweet {
  return isObject(value) && typeof value['id'] === 'string' && typeof value['text'] === 'string'
}

/** Classifies one non-blank line. */
export function parseStreamLine(line: string): StreamMessage {
  let parsed: unknown
  try {
    parsed = JSON.parse(line)
  } catch {
    return { kind: 'malformed', line: line.slice(0, 200) }
  }
  if (!isObject(parsed)) return { kind: 'malformed', line: line.slice(0, 200) }
  if (isTweet(parsed['data'])) return { kind: 'tweet', message: parsed as unknown as TweetMessage }
  const errors = parsed['errors']
  const first: unknown = Array.isArray(errors) ? errors[0] : parsed
  if (isObject(first) && typeof first['title'] === 'string') {
    return { kind: 'error', title: first['title'], detail: typeof first['detail'] === 'string' ? first['detail'] : '' }
  }
  return { kind: 'malformed', line: line.slice(0, 200) }
}

export class StreamParser {
  readonly #decoder = new TextDecoder()
  #buffer = ''

  /** Feeds a chunk of the body; returns the complete messages it finished. */
  push(chunk: Uint8Array): StreamMessage[] {
    this.#buffer += this.#decoder.decode(chunk, { stream: true })
    const out: StreamMessage[] = []
    let start = 0
    let newline = this.#buffer.indexOf('\n')
    while (newline >= 0) {
      const line = this.#buffer.slice(start, newline).replace(/\r$/, '')
      out.push(line.trim() === '' ? { kind: 'keep-alive' } : parseStreamLine(line))
      start = newline + 1
      newline = this.#buffer.indexOf('\n', start)
    }
    this.#buffer = this.#buffer.slice(start)
    return out
  }

  /** What is left when the body ends: an unterminated last message, if any. */
  end(): StreamMessage[] {
    const rest = (this.#buffer + this.#decoder.decode()).trim()
    this.#buffer = ''
    return rest === '' ? [] : [parseStreamLine(rest)]
  }
}
