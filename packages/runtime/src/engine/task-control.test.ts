import { describe, expect, it } from 'vitest'
import { errorPolicyOf } from './error-policy.js'
import { TaskControl } from './task-control.js'

const control = (): TaskControl => new TaskControl(0, { now: () => 0 }, errorPolicyOf({}))

describe('TaskControl', () => {
  it('reports PAUSED for a task that starts while paused (a connector created PAUSED), RUNNING once resumed', () => {
    const c = control()
    c.pause()
    expect(c.state).toBe('UNASSIGNED')
    c.setState('RUNNING')
    expect(c.state).toBe('PAUSED')
    c.resume()
    expect(c.state).toBe('RUNNING')
  })

  it('reports RUNNING for a task that starts unpaused', () => {
    const c = control()
    c.setState('RUNNING')
    expect(c.state).toBe('RUNNING')
  })
})
