import { describe, expect, it } from 'vitest'
import {
  ConnectorExistsError, ConnectorNameMismatchError, ConnectorNotFoundError, ConnectorNotStoppedError, InvalidConnectorConfigError, InvalidLogLevelError,
  InvalidOffsetsError, LoggerLevelMissingError, LoggerNotFoundError, MissingConnectorClassError, OffsetsWriteError, RebalanceInProgressError,
  TaskNotFoundError, UnknownConnectorClassError,
} from '../worker/worker-errors.js'
import { RestError, restErrorOf } from './rest-error.js'

describe('restErrorOf', () => {
  it("answers each of the worker's refusals with Kafka Connect's status and its message", () => {
    const cases: readonly (readonly [Error, number])[] = [
      [new ConnectorNotFoundError('c'), 404],
      [new ConnectorNotFoundError('c', 'Unknown connector: c'), 404],
      [new TaskNotFoundError('c', 0, 'Unknown task: c-0'), 404],
      [new LoggerNotFoundError('x'), 404],
      [new InvalidLogLevelError('loud'), 404],
      [new ConnectorExistsError('c'), 409],
      [new RebalanceInProgressError(), 409],
      [new ConnectorNameMismatchError('a', 'b'), 400],
      [new MissingConnectorClassError('{name=c}'), 400],
      [new InvalidConnectorConfigError('Connector configuration is invalid'), 400],
      [new ConnectorNotStoppedError('c'), 400],
      [new InvalidOffsetsError('Source partitions must be non-null JSON objects'), 400],
      [new LoggerLevelMissingError(), 400],
      [new UnknownConnectorClassError('Nope', 'Failed to find any class'), 400],
      [new OffsetsWriteError('Failed to alter consumer group offsets'), 500],
    ]
    for (const [error, status] of cases) expect(restErrorOf(error)?.body).toEqual({ error_code: status, message: error.message })
  })

  it('keeps a RestError as it is, and leaves other errors to the 500 of a failure', () => {
    const own = new RestError(415, 'HTTP 415 Unsupported Media Type')
    expect(restErrorOf(own)).toBe(own)
    expect(restErrorOf(new Error('boom'))).toBeUndefined()
    expect(restErrorOf('boom')).toBeUndefined()
  })

  it('words the refusals as Kafka Connect does', () => {
    expect(new ConnectorExistsError('c').message).toBe('Connector c already exists')
    expect(new ConnectorNotFoundError('c').message).toBe('Connector c not found')
    expect(new RebalanceInProgressError().message).toBe('Cannot complete request because of a conflicting operation (e.g. worker rebalance)')
    expect(new ConnectorNameMismatchError('a', 'b').message).toBe("Connector name configuration (a) doesn't match connector name in the URL (b)")
    expect(new InvalidLogLevelError('loud').message).toBe("invalid log level 'loud'.")
    expect(new LoggerLevelMissingError().message).toBe("Desired 'level' parameter was not specified in request.")
    expect(new ConnectorNotStoppedError('c').name).toBe('ConnectorNotStoppedError')
  })
})
