import type { ApiContext } from '../api-context.js'
import type { Route } from '../router.js'

/** `/admin/loggers`: read and set log levels (`?scope=cluster` answers 204, as a standalone worker does). */
export function loggerRoutes(ctx: ApiContext): readonly Route[] {
  return [
    { method: 'GET', path: '/admin/loggers', handler: () => Promise.resolve({ status: 200, body: ctx.loggers.all() }) },
    { method: 'GET', path: '/admin/loggers/{logger}', handler: (r) => Promise.resolve({ status: 200, body: ctx.loggers.get(r.params['logger'] ?? '') }) },
    {
      method: 'PUT',
      path: '/admin/loggers/{logger}',
      handler: async (r) => {
        const changed = ctx.loggers.set(r.params['logger'] ?? '', await r.body())
        return r.query.get('scope')?.toLowerCase() === 'cluster' ? { status: 204 } : { status: 200, body: changed }
      },
    },
  ]
}
