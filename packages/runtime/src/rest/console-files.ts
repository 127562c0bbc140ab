import type { IncomingMessage, ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

/** The console's static files, built by `pnpm build` (packages/runtime/console) next to the compiled code. */
const CONSOLE_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url))

const FILES: Readonly<Record<string, string>> = {
  '': 'text/html; charset=utf-8',
  'index.html': 'text/html; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
}

/**
 * Serves the web console at `/ui/` (`/ui` redirects there). Its files hold no data, so they are open
 * to all: the page asks for the token when the REST API (which it reads, with the same auth) refuses
 * it. Answers true when the request was the console's.
 */
export function serveConsole(req: IncomingMessage, res: ServerResponse): boolean {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname
  if (path !== '/ui' && !path.startsWith('/ui/')) return false
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  if (path === '/ui') {
    res.writeHead(301, { location: '/ui/' }).end()
    return true
  }
  const name = path.slice('/ui/'.length)
  const type = FILES[name]
  if (type === undefined) {
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error_code: 404, message: 'HTTP 404 Not Found' }))
    return true
  }
  readFile(`${CONSOLE_DIR}${name === '' ? 'index.html' : name}`).then((content) => {
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' }).end(req.method === 'HEAD' ? undefined : content)
  }, () => {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('the console is not built: run pnpm build')
  })
  return true
}
