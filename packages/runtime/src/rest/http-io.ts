import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import { parseJson, unsupportedMediaType } from './json-body.js'
import type { ApiAuth } from './auth.js'
import { isAuthorized, unauthorized } from './auth.js'
import { RestError, restErrorOf } from './rest-error.js'
import type { RestResponse, Route } from './router.js'
import { matchRoute } from './router.js'
import { serveConsole } from './console-files.js'

const MAX_BODY = 16 * 1024 * 1024

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) reject(new RestError(413, 'HTTP 413 Request Entity Too Large'))
      else chunks.push(chunk)
    })
    req.on('end', () => { resolve(Buffer.concat(chunks).toString('utf8')) })
    req.on('error', reject)
  })
}

/** Writes a response: JSON, text, or nothing. */
export function send(res: ServerResponse, response: RestResponse): void {
  const headers: Record<string, string> = { ...response.headers }
  if (response.text !== undefined) {
    res.writeHead(response.status, { ...headers, 'content-type': response.text.contentType }).end(response.text.content)
    return
  }
  if (response.body === undefined) {
    res.writeHead(response.status, headers).end()
    return
  }
  res.writeHead(response.status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(response.body))
}

/** Finds the route of a request and runs it. */
export async function answer(routes: readonly Route[], req: IncomingMessage, url: URL): Promise<RestResponse> {
  const found = matchRoute(routes, req.method ?? 'GET', url.pathname)
  if (found.kind !== 'found') throw found.kind === 'not-found' ? new RestError(404, 'HTTP 404 Not Found') : new RestError(405, 'HTTP 405 Method Not Allowed')
  const text = await readBody(req)
  const type = req.headers['content-type']
  return found.handler({
    params: found.params,
    query: url.searchParams,
    body: () => {
      if (type !== undefined && !/^application\/json\b/i.test(type)) return Promise.reject(unsupportedMediaType())
      return Promise.resolve(parseJson(text))
    },
  })
}

/** A node HTTP server listening on `host:port` (`0`: a free port). */
export function listen(host: string, port: number): Promise<Server> {
  const server = createServer()
  return new Promise<Server>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => { resolve(server) })
  })
}


/** Kafka Connect's `Location` is absolute, built from the request's base URI. */
function absoluteLocation(response: RestResponse, host: string | undefined): RestResponse {
  const location = response.headers?.['location']
  if (location === undefined || host === undefined || !location.startsWith('/')) return response
  return { ...response, headers: { ...response.headers, location: `http://${host}${location}` } }
}

/** Serves `routes` behind `auth` (none: open); a bug's message is logged and answered as Kafka Connect's 500. */
export function requestHandler(routes: readonly Route[], auth: ApiAuth | undefined, log: (line: string) => void): (req: IncomingMessage, res: ServerResponse) => void {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (serveConsole(req, res)) return
    if (auth !== undefined && !isAuthorized(auth, req.headers.authorization)) {
      const { message, challenge } = unauthorized(auth)
      send(res, { status: 401, body: { error_code: 401, message }, headers: { 'www-authenticate': challenge } })
      return
    }
    const url = new URL(req.url ?? '/', 'http://localhost')
    answer(routes, req, url).then((response) => { send(res, absoluteLocation(response, req.headers.host)) }, (error: unknown) => {
      const refusal = restErrorOf(error)
      if (refusal !== undefined) {
        send(res, { status: refusal.status, body: refusal.body })
        return
      }
      const message = error instanceof Error ? error.message : String(error)
      log(`${req.method ?? 'GET'} ${url.pathname} failed: ${message}`)
      send(res, { status: 500, body: { error_code: 500, message } })
    })
  }
}

