import { FILE_STREAM_CLASSES } from '../../contract/class-names.js'
import { sinkRef, defineConnector, type DefinitionOptions, type SinkConnector } from '../define-connector.js'
import { field } from '../field.js'

/**
 * Definition of the file sink: Kafka Connect's `FileStreamSinkConnector`, which appends
 * `String.valueOf(value)` per record. On a `string` topic lines are copied verbatim; on a `json`
 * topic the value is read with JsonConverter (schemas off), so objects print in Java's map form.
 *
 * @example
 * ```ts
 * fileSinkDefinition.fields.file.key // 'file'
 * ```
 */
export const fileSinkDefinition = defineConnector({
  name: 'file',
  role: 'sink',
  doc: 'Appends each record value as one line to a file (FileStreamSinkConnector).',
  fields: {
    file: field.string({ key: 'file', doc: 'path of the file to append to, on the worker' }),
  },
  formats: ['string', 'json'],
  kafkaConnect: { class: FILE_STREAM_CLASSES.sink },
  pipeClass: FILE_STREAM_CLASSES.sink,
})

/**
 * Options of {@link fileSink}.
 *
 * @example
 * ```ts
 * fileSink({ file: 'build/out.txt' })
 * ```
 */
export type FileSinkOptions = DefinitionOptions<typeof fileSinkDefinition>

/**
 * A file sink: appends one line per record.
 *
 * @example
 * ```ts
 * topic('lines').sink(fileSink({ file: 'data/out.txt' }))
 * ```
 */
export function fileSink(options: FileSinkOptions): SinkConnector<unknown> {
  return sinkRef(fileSinkDefinition, options)
}
