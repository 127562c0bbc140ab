import { FILE_STREAM_CLASSES } from '../../contract/class-names.js'
import { sourceRef, defineConnector, type DefinitionOptions, type SourceConnector } from '../define-connector.js'
import { field } from '../field.js'

/**
 * Definition of the file source: Kafka Connect's `FileStreamSourceConnector` (one task, one record
 * per line, value = the line as a string). Runs on both engines.
 *
 * @example
 * ```ts
 * fileSourceDefinition.kafkaConnect // { class: '...FileStreamSourceConnector' }
 * ```
 */
export const fileSourceDefinition = defineConnector({
  name: 'file',
  role: 'source',
  doc: 'Reads a text file line by line (FileStreamSourceConnector); each line is one string record.',
  fields: {
    file: field.string({ key: 'file', doc: 'path of the file to read, on the worker' }),
    batchSize: field.int({ key: 'batch.size', doc: 'maximum records per poll', min: 1, optional: true }),
  },
  formats: ['string'],
  kafkaConnect: { class: FILE_STREAM_CLASSES.source },
  pipeClass: FILE_STREAM_CLASSES.source,
})

/**
 * Options of {@link file}.
 *
 * @example
 * ```ts
 * file({ file: 'data/in.txt', batchSize: 100 })
 * ```
 */
export type FileSourceOptions = DefinitionOptions<typeof fileSourceDefinition>

/**
 * A file source: one string record per line.
 *
 * @example
 * ```ts
 * source(file({ file: 'data/in.txt', batchSize: 500 })).to(topic('lines'))
 * ```
 */
export function file(options: FileSourceOptions): SourceConnector<string> {
  return sourceRef(fileSourceDefinition, options)
}
