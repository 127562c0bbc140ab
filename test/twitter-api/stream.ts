import type { ServerResponse } from 'node:http'
import type { FieldSelection } from './fields.js'
import { renderIncludes, renderTweet } from './fields.js'
import { OPERATIONAL_DISCONNECT } from './problems.js'
import type { Publisher } from './publisher.js'
import type { RuleStore } from './rules.js'
import type { ConnectionScript, StoredTweet } from './scenario.js'

/** One open streaming connection: `\r\n`-delimited JSON tweets and `\r\n` keep-alives. */

export interface StreamOptions {
  readonly kind: 'filtered' | 'sample'
  readonly script: Extract<ConnectionScript, { kind: 'serve' }>
  readonly selection: FieldSelection
  readonly keepAliveMs: number
  readonly publisher: Publisher
  readonly rules: RuleStore
  /** called with each tweet id written to this connection */
  readonly onSent: (id: string) => void
}

export function serveStream(res: ServerResponse, options: StreamOptions): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'transfer-encoding': 'chunked' })
  res.flushHeaders()
  const connection = new StreamConnection(res, options)
  res.on('close', () => {
    connection.cleanup()
  })
}

class StreamConnection {
  readonly #res: ServerResponse
  readonly #options: StreamOptions
  readonly #keepAlive: NodeJS.Timeout
  readonly #stopListening: () => void
  #sent = 0
  #stalled = false

  constructor(res: ServerResponse, options: StreamOptions) {
    this.#res = res
    this.#options = options
    this.#keepAlive = setInterval(() => {
      if (!this.#stalled) res.write('\r\n')
    }, options.keepAliveMs)
    this.#stopListening = options.publisher.onPublish((tweets) => {
      this.#write(tweets)
    })
  }

  cleanup(): void {
    clearInterval(this.#keepAlive)
    this.#stopListening()
  }

  #finish(): void {
    this.cleanup()
    const how = this.#options.script.disconnect ?? 'operational'
    if (how === 'reset') {
      this.#res.destroy()
      return
    }
    if (how === 'operational') this.#res.write(`${JSON.stringify(OPERATIONAL_DISCONNECT)}\r\n`)
    this.#res.end()
  }

  #write(tweets: readonly StoredTweet[]): void {
    const { script, rules, kind } = this.#options
    const matchingRules = rules.list().map((r) => ({ id: r.id, ...(r.tag === undefined ? {} : { tag: r.tag }) }))
    if (kind === 'filtered' && matchingRules.length === 0) return
    for (const tweet of tweets) {
      if (this.#stalled || this.#res.writableEnded || this.#res.destroyed) return
      this.#res.write(`${JSON.stringify(streamMessage(tweet, this.#options, matchingRules))}\r\n`)
      this.#options.onSent(tweet.id)
      this.#sent += 1
      if (script.stallAfter !== undefined && this.#sent >= script.stallAfter) this.#stalled = true
      if (script.disconnectAfter !== undefined && this.#sent >= script.disconnectAfter) {
        this.#finish()
        return
      }
    }
  }
}

function streamMessage(tweet: StoredTweet, options: StreamOptions, matchingRules: readonly { id: string; tag?: string }[]): Record<string, unknown> {
  const includes = renderIncludes([tweet], options.selection)
  return {
    data: renderTweet(tweet, options.selection),
    ...(includes === undefined ? {} : { includes }),
    ...(options.kind === 'filtered' ? { matching_rules: matchingRules } : {}),
  }
}
