import type { ApiContext } from '../api-context.js'
import type { Route } from '../router.js'

/** `GET /` and `GET /health`. */
export function rootRoutes(ctx: ApiContext): readonly Route[] {
  return [
    { method: 'GET', path: '/', handler: () => Promise.resolve({ status: 200, body: ctx.serverInfo }) },
    {
      method: 'GET',
      path: '/health',
      handler: () => Promise.resolve({ status: 200, body: { status: 'healthy', message: 'Worker has completed startup and is ready to handle requests.' } }),
    },
  ]
}
