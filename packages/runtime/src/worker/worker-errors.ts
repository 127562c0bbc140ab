/**
 * What the worker refuses, one class per meaning, each with Kafka Connect's message. The worker
 * knows no HTTP: rest/ alone turns these into a status and Kafka Connect's `{error_code, message}`.
 */
export abstract class WorkerError extends Error {
  constructor(message: string) {
    super(message)
    this.name = new.target.name
  }
}

/** No connector of that name. Kafka Connect words it per request (`Connector x not found`, `Unknown connector: x`, ...). */
export class ConnectorNotFoundError extends WorkerError {
  constructor(readonly connector: string, message = `Connector ${connector} not found`) {
    super(message)
  }
}

/** The connector has no such task (`No status found for task x-0`, `Unknown task: x-0`). */
export class TaskNotFoundError extends WorkerError {
  constructor(readonly connector: string, readonly task: number, message: string) {
    super(message)
  }
}

/** Creating a connector whose name is taken. */
export class ConnectorExistsError extends WorkerError {
  constructor(readonly connector: string) {
    super(`Connector ${connector} already exists`)
  }
}

/** The group is moving work (or the task's owner is unknown or unreachable): ask again. */
export class RebalanceInProgressError extends WorkerError {
  constructor() {
    super('Cannot complete request because of a conflicting operation (e.g. worker rebalance)')
  }
}

/** The config's `name` is not the one in the request. */
export class ConnectorNameMismatchError extends WorkerError {
  constructor(readonly configName: string, readonly connector: string) {
    super(`Connector name configuration (${configName}) doesn't match connector name in the URL (${connector})`)
  }
}

/** The config has no `connector.class`; `configText` is the config as Java's `Map.toString()` prints it. */
export class MissingConnectorClassError extends WorkerError {
  constructor(configText: string) {
    super(`Connector config ${configText} contains no connector type`)
  }
}

/** No plugin implements `connector.class`; the message lists the connectors there are. */
export class UnknownConnectorClassError extends WorkerError {
  constructor(readonly className: string, message: string) {
    super(message)
  }
}

/** The config fails validation; the message counts and lists the errors (`invalidConfigMessage`). */
export class InvalidConnectorConfigError extends WorkerError {}

/** Offsets can only be altered or reset while the connector is STOPPED (and has no tasks). */
export class ConnectorNotStoppedError extends WorkerError {
  constructor(readonly connector: string) {
    super(`Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/${connector}/stop' endpoint`)
  }
}

/** An alter-offsets request whose partitions or offsets are missing or malformed. */
export class InvalidOffsetsError extends WorkerError {}

/** The backend failed to alter or reset a connector's offsets (e.g. its consumer group). */
export class OffsetsWriteError extends WorkerError {}

/** Setting a log level without a `level`. */
export class LoggerLevelMissingError extends WorkerError {
  constructor() {
    super("Desired 'level' parameter was not specified in request.")
  }
}

/** A log level log4j does not know. */
export class InvalidLogLevelError extends WorkerError {
  constructor(readonly level: string) {
    super(`invalid log level '${level}'.`)
  }
}

/** No logger of that name. */
export class LoggerNotFoundError extends WorkerError {
  constructor(readonly logger: string) {
    super(`Logger ${logger} not found.`)
  }
}
