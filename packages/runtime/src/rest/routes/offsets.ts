import type { ApiContext } from '../api-context.js'
import { parseOffsetsBody } from '../../worker/connector-offsets.js'
import type { RestRequest, Route } from '../router.js'

/** Offsets (KIP-875) and active topics of a connector. */
export function offsetRoutes(ctx: ApiContext): readonly Route[] {
  const name = (r: RestRequest): string => r.params['name'] ?? ''
  const h = ctx.herder
  return [
    { method: 'GET', path: '/connectors/{name}/offsets', handler: async (r) => ({ status: 200, body: { offsets: await h.offsets(name(r)) } }) },
    {
      method: 'PATCH',
      path: '/connectors/{name}/offsets',
      handler: async (r) => {
        const offsets = parseOffsetsBody(await r.body())
        await h.alterOffsets(name(r), offsets)
        return { status: 200, body: { message: 'The offsets for this connector have been altered successfully' } }
      },
    },
    {
      method: 'DELETE',
      path: '/connectors/{name}/offsets',
      handler: async (r) => {
        await h.resetOffsets(name(r))
        return { status: 200, body: { message: 'The offsets for this connector have been reset successfully' } }
      },
    },
    { method: 'GET', path: '/connectors/{name}/topics', handler: async (r) => ({ status: 200, body: { [name(r)]: { topics: await h.topics(name(r)) } } }) },
    { method: 'PUT', path: '/connectors/{name}/topics/reset', handler: async (r) => { await h.resetTopics(name(r)); return { status: 202 } } },
  ]
}
