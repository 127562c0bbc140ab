/** Kafka Connect's `DataException`: a record the transform cannot handle. */
export class DataException extends Error {
  override readonly name: string = 'org.apache.kafka.connect.errors.DataException'
}

/** Kafka's `ConfigException`: the transform's keys are wrong. */
export class ConfigException extends Error {
  override readonly name: string = 'org.apache.kafka.common.config.ConfigException'
}
