import { ConnectError } from '../deploy/connect-error.js'
import type { ConnectReply, ConnectTransport } from '../deploy/kafka-connect-client.js'

/**
 * Recorded answers of a Kafka Connect worker, by request (`GET /route`, or `PUT /route <json body>`).
 *
 * @example
 * ```ts
 * const answers: RecordedAnswers = { 'GET /connector-plugins?connectorsOnly=false': { status: 200, body: [] } }
 * ```
 */
export type RecordedAnswers = Readonly<Record<string, ConnectReply>>

/**
 * The key a request is recorded under.
 *
 * @example
 * ```ts
 * requestKey('GET', '/connector-plugins') // 'GET /connector-plugins'
 * ```
 */
export function requestKey(method: string, route: string, body?: unknown): string {
  return body === undefined ? `${method} ${route}` : `${method} ${route} ${JSON.stringify(body)}`
}

/**
 * A transport that wraps another and records every answer it gets (to write fixtures from a real worker).
 *
 * @example
 * ```ts
 * const { transport, answers } = recordingTransport(createConnectTransport(url))
 * await pullPlugins(transport, { out, plugins: ['PostgresConnector'] })
 * ```
 */
export function recordingTransport(inner: ConnectTransport): { readonly transport: ConnectTransport; readonly answers: Record<string, ConnectReply> } {
  const answers: Record<string, ConnectReply> = {}
  const recorded = (method: string, route: string, body: unknown, reply: ConnectReply): ConnectReply => {
    answers[requestKey(method, route, body)] = reply
    return reply
  }
  return {
    answers,
    transport: {
      base: inner.base,
      send: async (method, route, body) => recorded(method, route, body, await inner.send(method, route, body)),
      call: async (method, route, body) => recorded(method, route, body, await inner.call(method, route, body)),
    },
  }
}

/**
 * A transport that answers from recorded answers (unit tests of pull on a real worker's answers); a
 * request that was not recorded is a ConnectError naming it.
 *
 * @example
 * ```ts
 * const transport = replayTransport('http://recorded:8083', answers)
 * ```
 */
export function replayTransport(base: string, answers: RecordedAnswers): ConnectTransport {
  const answer = (method: string, route: string, body?: unknown): Promise<ConnectReply> => {
    const reply = answers[requestKey(method, route, body)]
    if (reply === undefined) return Promise.reject(new ConnectError('PIPE_CONNECT_NOT_FOUND', `no recorded answer for ${requestKey(method, route, body)}`))
    return Promise.resolve(reply)
  }
  return { base, send: answer, call: answer }
}
