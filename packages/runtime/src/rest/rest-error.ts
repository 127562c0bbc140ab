import type { WorkerError } from '../worker/worker-errors.js'
import {
  ConnectorExistsError, ConnectorNameMismatchError, ConnectorNotFoundError, ConnectorNotStoppedError, InvalidConnectorConfigError, InvalidLogLevelError,
  InvalidOffsetsError, LoggerLevelMissingError, LoggerNotFoundError, MissingConnectorClassError, OffsetsWriteError, RebalanceInProgressError,
  TaskNotFoundError, UnknownConnectorClassError,
} from '../worker/worker-errors.js'

/** Kafka Connect's error body: `{"error_code": <HTTP status>, "message": "..."}` (class `ErrorMessage`). */
export interface ErrorBody {
  readonly error_code: number
  readonly message: string
}

/** An error that answers a REST request with its own status, as Kafka Connect's `ConnectRestException`. */
export class RestError extends Error {
  readonly status: number

  constructor(status: number, message: string) {
    super(message)
    this.name = 'RestError'
    this.status = status
  }

  get body(): ErrorBody {
    return { error_code: this.status, message: this.message }
  }

  static is(value: unknown): value is RestError {
    return value instanceof RestError
  }
}

export const badRequest = (message: string): RestError => new RestError(400, message)
export const notFound = (message: string): RestError => new RestError(404, message)
export const conflict = (message: string): RestError => new RestError(409, message)
export const serverError = (message: string): RestError => new RestError(500, message)

/** The status Kafka Connect answers for each of the worker's refusals (its `ConnectRestException`s, `NotFoundException`s, ...). */
const WORKER_ERROR_STATUS: readonly (readonly [abstract new (...args: never[]) => WorkerError, number])[] = [
  [ConnectorNotFoundError, 404],
  [TaskNotFoundError, 404],
  [LoggerNotFoundError, 404],
  // log4j's unknown level: Kafka Connect answers 404 (NotFoundException), not 400
  [InvalidLogLevelError, 404],
  [ConnectorExistsError, 409],
  [RebalanceInProgressError, 409],
  [ConnectorNameMismatchError, 400],
  [MissingConnectorClassError, 400],
  [InvalidConnectorConfigError, 400],
  [ConnectorNotStoppedError, 400],
  [InvalidOffsetsError, 400],
  [LoggerLevelMissingError, 400],
  // 400 since Kafka Connect 4.x (3.9 answered 500)
  [UnknownConnectorClassError, 400],
  [OffsetsWriteError, 500],
]

/** The REST answer for an error: its own for a `RestError`, Kafka Connect's for a worker's refusal; undefined for anything else (a failure). */
export function restErrorOf(error: unknown): RestError | undefined {
  if (RestError.is(error)) return error
  const status = WORKER_ERROR_STATUS.find(([type]) => error instanceof type)?.[1]
  return status === undefined || !(error instanceof Error) ? undefined : new RestError(status, error.message)
}
