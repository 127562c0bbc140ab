/** Where the twitter source reports what it does; never given the bearer token. */
export interface ConnectorLogger {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

export const silentLogger: ConnectorLogger = { info: () => undefined, warn: () => undefined, error: () => undefined }
