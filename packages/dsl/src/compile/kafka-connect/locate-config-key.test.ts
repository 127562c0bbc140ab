import { describe, expect, it } from 'vitest'
import { toPipelineIR } from '../../builder/to-pipeline-ir.js'
import { customersReplica, ordersFork } from '../../testing/pipelines.fixture.js'
import { locateConfigKey } from '../../testing/builtin-catalog.fixture.js'

describe('locateConfigKey', () => {
  const orders = toPipelineIR(ordersFork(), { defaultName: 'orders' })

  it('points transform and predicate keys at the step that made them', () => {
    const step = orders.nodes.filter((n) => n.kind === 'transform')[5]
    expect(step?.step.type).toBe('replace-field')
    expect(locateConfigKey(orders, 'orders-sink-1', 'transforms.replace-field-1.renames')?.location).toEqual(step?.loc)
    const dropIf = orders.nodes.filter((n) => n.kind === 'transform').find((n) => n.step.type === 'filter')
    expect(locateConfigKey(orders, 'orders-sink-2', 'predicates.filter-0-if.name')?.location).toEqual(dropIf?.loc)
  })

  it('maps option keys to the option name at the connector call', () => {
    const replica = toPipelineIR(customersReplica(), { defaultName: 'replica' })
    const sink = replica.nodes.find((n) => n.kind === 'sink')
    expect(locateConfigKey(replica, 'replica-sink', 'connection.password')).toEqual({ location: sink?.loc, option: 'password' })
    expect(locateConfigKey(replica, 'replica-sink', 'tasks.max')).toEqual({ location: sink?.loc })
    expect(locateConfigKey(replica, 'nope', 'tasks.max')).toBeUndefined()
  })
})
