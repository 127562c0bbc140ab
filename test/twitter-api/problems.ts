import type { ServerResponse } from 'node:http'
import type { InvalidParameter } from './fields.js'

/** Error answers in the shapes the v2 API documents (RFC 7807 style problem objects). */

export interface Problem {
  readonly title: string
  readonly detail: string
  readonly type: string
  readonly status?: number
  readonly [extra: string]: unknown
}

export const PROBLEMS = {
  401: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
  403: {
    title: 'Client Forbidden',
    type: 'https://api.twitter.com/2/problems/client-forbidden',
    status: 403,
    detail: 'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.',
    reason: 'client-not-enrolled',
  },
  404: { title: 'Not Found Error', type: 'https://api.twitter.com/2/problems/resource-not-found', status: 404, detail: 'Not Found' },
  429: { title: 'Too Many Requests', type: 'about:blank', status: 429, detail: 'Too Many Requests' },
  500: { title: 'Internal Server Error', type: 'about:blank', status: 500, detail: 'Internal Server Error' },
  503: { title: 'Service Unavailable', type: 'about:blank', status: 503, detail: 'Service Unavailable' },
} as const satisfies Record<number, Problem>

export type ProblemStatus = keyof typeof PROBLEMS

/** The in-stream message that precedes an operational disconnect. */
export const OPERATIONAL_DISCONNECT = {
  errors: [
    {
      title: 'operational-disconnect',
      disconnect_type: 'UpstreamOperationalDisconnect',
      detail: 'This stream has been disconnected upstream for operational reasons.',
      type: 'https://api.twitter.com/2/problems/operational-disconnect',
    },
  ],
}

export const RATE_LIMIT = 50

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

export function sendProblem(res: ServerResponse, status: ProblemStatus, resetInSeconds = 15 * 60): void {
  const headers: Record<string, string> =
    status === 429
      ? {
          'x-rate-limit-limit': String(RATE_LIMIT),
          'x-rate-limit-remaining': '0',
          'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + resetInSeconds),
        }
      : {}
  sendJson(res, status, PROBLEMS[status], headers)
}

export function sendInvalidRequest(res: ServerResponse, message: string, parameters: Record<string, readonly string[]> = {}): void {
  sendJson(res, 400, {
    errors: [{ parameters, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  })
}

export function sendInvalidParameter(res: ServerResponse, bad: InvalidParameter): void {
  sendInvalidRequest(res, `The \`${bad.parameter}\` query parameter value [${bad.value}] is not one of [${bad.allowed.join(',')}]`, {
    [bad.parameter]: [bad.value],
  })
}
