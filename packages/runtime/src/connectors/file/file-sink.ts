import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { javaToString } from '../../converters/java-to-string.js'
import { rawTextLines } from '../../converters/raw-text.js'
import type { SinkRecord, TopicPartitionOffset } from '../../records/connect-record.js'
import type { SinkConnector, SinkTask } from '../../tasks/sink-task.js'
import type { LineWriter, SinkTaskContext } from '../../tasks/task-context.js'
import { parseSinkCheckpoint, Redelivery } from './redelivery.js'
import { sinkFileError } from './sink-file-error.js'

const partitionKey = (topic: string, partition: number): string => `${topic}/${String(partition)}`

/**
 * Kafka Connect's FileStreamSink only appends, and so does this one: it never cuts a byte of its
 * file. Its checkpoint (committed with the offsets, embedded store only) says where the file ended
 * at the last commit and which offsets come next; after a crash the records from those offsets are
 * delivered again, and each one whose line is already in the file at that place (this task wrote
 * it before the crash) is skipped instead of written twice (see `Redelivery`).
 */
class FileStreamSinkTask implements SinkTask {
  #handle: FileHandle | undefined
  /**
   * The last put's write, not awaited by that put (Kafka Connect's sink writes through a buffered stream that
   * `flush` flushes): the sink reads and converts its next batch meanwhile. The next put, `flush` and `stop` wait
   * for it first (one write at a time, in order) and throw its failure.
   */
  #writing: Promise<unknown> = Promise.resolve()
  #length = 0
  #next = new Map<string, number>()
  #redelivery: Redelivery | undefined
  readonly writesRawText = true

  constructor(readonly stdout: LineWriter) {}

  async start(context: SinkTaskContext): Promise<void> {
    const file = context.config['file']
    if (file === undefined || file === '') return
    let handle: FileHandle
    try {
      handle = await open(file, 'a+')
    } catch (error) {
      throw sinkFileError(file, error)
    }
    this.#handle = handle
    this.#length = (await handle.stat()).size
    const committed = parseSinkCheckpoint(context.checkpoint ?? null)
    if (committed === undefined) return
    this.#next = new Map(committed.next)
    if (committed.length < this.#length) this.#redelivery = new Redelivery(handle, committed, this.#length)
  }

  checkpoint(): string {
    // while lines are still being matched, the file's own writes after the commit start at the match point
    return JSON.stringify({ length: this.#redelivery?.position ?? this.#length, next: Object.fromEntries(this.#next) })
  }

  /** Starts writing `bytes` after the write before it, without waiting for it (see `#writing`). */
  #append(handle: FileHandle, bytes: Buffer): void {
    const writing = handle.write(bytes, 0, bytes.length, null)
    writing.catch(() => undefined) // thrown by whoever waits for it next, not unhandled meanwhile
    this.#writing = writing
  }

  async put(records: readonly SinkRecord[]): Promise<void> {
    if (records.length === 0) return
    if (this.#handle === undefined) {
      for (const r of records) this.stdout.write(javaToString(r.value))
      return
    }
    await this.#writing
    if (this.#redelivery === undefined) {
      // the values' own bytes when the records carry them (as read from the topic): no decoding and encoding again
      this.#append(this.#handle, rawTextLines(records) ?? Buffer.from(records.map((r) => `${javaToString(r.value)}\n`).join(''), 'utf8'))
      return
    }
    const lines = records.map((r) => ({ key: partitionKey(r.topic, r.kafkaPartition), offset: r.kafkaOffset, bytes: Buffer.from(`${javaToString(r.value)}\n`, 'utf8') }))
    const { skip, suffix } = await this.#redelivery.match(lines)
    if (this.#redelivery.done) this.#redelivery = undefined
    const rest: Buffer[] = lines.slice(skip).map((l) => l.bytes)
    if (suffix !== undefined) rest[0] = suffix
    if (rest.length > 0) await this.#handle.write(Buffer.concat(rest), 0, undefined, null)
  }

  async flush(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    if (this.#handle === undefined) return
    await this.#writing
    await this.#handle.datasync()
    // the file's length, other writers' lines included: this task's next lines go after them
    this.#length = (await this.#handle.stat()).size
    for (const o of offsets) this.#next.set(partitionKey(o.topic, o.partition), o.offset)
  }

  async stop(): Promise<void> {
    // a failed write was thrown by the flush before this stop (nothing after it was committed)
    await this.#writing.catch(() => undefined)
    await this.#handle?.close()
    this.#handle = undefined
  }
}

/**
 * `org.apache.kafka.connect.file.FileStreamSinkConnector`: appends `String.valueOf(value)` and a
 * newline per record to `file` (UTF-8), or writes lines to the injected writer when `file` is unset.
 */
export function fileStreamSinkConnector(stdout: LineWriter): SinkConnector {
  return {
    type: 'sink',
    taskConfigs: (config, maxTasks) => Array.from({ length: maxTasks }, () => config),
    createTask: () => new FileStreamSinkTask(stdout),
  }
}
