export type ConnectErrorCode = 'PIPE_CONNECT_UNREACHABLE' | 'PIPE_CONNECT_NOT_FOUND' | 'PIPE_CONNECT_REQUEST_FAILED' | 'PIPE_CONNECT_BAD_ANSWER' | 'PIPE_CONNECT_NOT_CONNECT'

/** A request to Kafka Connect that failed: unreachable, 404, another error status, or an unexpected body. */
export class ConnectError extends Error {
  constructor(readonly code: ConnectErrorCode, message: string, readonly hint?: string, readonly status?: number) {
    super(message)
    this.name = 'ConnectError'
  }
}
