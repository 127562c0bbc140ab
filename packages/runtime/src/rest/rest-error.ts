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
