/**
 * The Apache Kafka release the test servers run (broker and Kafka Connect from the same jars) and the
 * Debezium release built for it. Default: the newest; `PIPE_KAFKA_VERSION=3.9.1` runs the previous line
 * (the CI compatibility subset, `pnpm test:compat`).
 */
export interface KafkaLine {
  readonly kafka: string
  readonly debezium: string
  /**
   * connect-file (FileStream connectors) for the worker's plugin.path. The registry these machines reach
   * serves connect-file up to 4.3.1 (not 4.4.0); its connectors report the worker's own version
   * (AppInfoParser of kafka-clients, loaded parent-first), so 4.3.1's jar answers 4.4.0 on a 4.4.0 worker.
   */
  readonly connectFile: string
  /** Debezium's JDBC sink: the registry serves no 3.6.1.Final of it (neither jar nor plugin archive), so 3.6.0.Final */
  readonly debeziumJdbc: string
  /** the logging the broker and worker read: log4j 1 properties (Kafka 3.x, reload4j) or log4j2 (Kafka 4.x) */
  readonly log4j: 1 | 2
}

export const kafkaLines: readonly KafkaLine[] = [
  { kafka: '4.4.0', debezium: '3.6.1.Final', connectFile: '4.3.1', debeziumJdbc: '3.6.0.Final', log4j: 2 },
  { kafka: '3.9.1', debezium: '3.2.0.Final', connectFile: '3.9.1', debeziumJdbc: '3.2.0.Final', log4j: 1 },
]

/** The default line: what `pnpm test:all` runs. */
export const defaultKafkaVersion = '4.4.0'

/** The Kafka line of this run, from PIPE_KAFKA_VERSION (default the newest); an unknown version says which exist. */
export function kafkaLine(): KafkaLine {
  const wanted = process.env['PIPE_KAFKA_VERSION'] ?? defaultKafkaVersion
  const line = kafkaLines.find((candidate) => candidate.kafka === wanted)
  if (line === undefined) {
    throw new Error(`PIPE_KAFKA_VERSION=${wanted} is not a Kafka version the test servers know: use one of ${kafkaLines.map((l) => l.kafka).join(', ')}`)
  }
  return line
}

/** Maven properties that pick the jars of this line in test/infra/maven/*\/pom.xml. */
export function mavenVersionArgs(line: KafkaLine = kafkaLine()): string[] {
  return [`-Dkafka.version=${line.kafka}`, `-Ddebezium.version=${line.debezium}`, `-Dconnect-file.version=${line.connectFile}`,
    `-Ddebezium-jdbc.version=${line.debeziumJdbc}`, `-P${line.log4j === 2 ? 'log4j2' : 'log4j1'}`]
}
