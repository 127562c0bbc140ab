import { PIPE_CONNECTOR_CLASSES } from '../../contract/class-names.js'
import { sinkRef, defineConnector, type DefinitionOptions, type SinkConnector } from '../define-connector.js'
import { field } from '../field.js'

/**
 * Definition of the console sink (pipe runtime only: on Kafka Connect a sink's stdout is the
 * worker's log, not the user's terminal, so there is nothing useful to compile to).
 *
 * @example
 * ```ts
 * 'unsupported' in consoleSinkDefinition.kafkaConnect // true
 * ```
 */
export const consoleSinkDefinition = defineConnector({
  name: 'console',
  role: 'sink',
  doc: "Prints each record to the terminal running pipe (demos). Pipe runtime only: a Kafka Connect sink's stdout is the worker's log.",
  fields: {
    format: field.enum(['json', 'text'], { key: 'format', doc: 'json prints the value as JSON, text as a string', optional: true }),
    prefix: field.string({ key: 'prefix', doc: 'text printed before each record', optional: true }),
  },
  formats: ['json', 'string', 'json-schema'],
  kafkaConnect: { unsupported: "a Kafka Connect sink's stdout is the worker's log, not a terminal" },
  pipeClass: PIPE_CONNECTOR_CLASSES['console-sink'],
})

/**
 * Options of {@link consoleSink}.
 *
 * @example
 * ```ts
 * consoleSink({ format: 'text', prefix: '> ' })
 * ```
 */
export type ConsoleSinkOptions = DefinitionOptions<typeof consoleSinkDefinition>

/**
 * A console sink: prints records (pipe runtime only).
 *
 * @example
 * ```ts
 * topic('orders').sink(consoleSink({ format: 'json' }))
 * ```
 */
export function consoleSink(options: ConsoleSinkOptions = {}): SinkConnector<unknown> {
  return sinkRef(consoleSinkDefinition, options)
}
