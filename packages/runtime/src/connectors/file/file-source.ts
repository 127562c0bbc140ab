import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { STRING_SCHEMA } from '../../records/connect-schema.js'
import { errorCode, RuntimeError } from '../../errors.js'
import type { PolledRecord } from '../../records/connect-record.js'
import type { SourceConnector, SourceTask } from '../../tasks/source-task.js'
import type { SourceTaskContext } from '../../tasks/task-context.js'
import { LineAssembler, type LineBlock } from './file-lines.js'
import { resumePosition } from './file-position.js'

export { splitLines } from './file-lines.js'

const CHUNK = 1024 * 1024
/** Bytes read per poll at most while no line completes: a long line is read over several polls. */
const MAX_READ_PER_POLL = 16 * CHUNK
/** How often a missing file is looked for again (Kafka Connect's task waits 1 s). */
const REOPEN_MS = 1000

class FileStreamSourceTask implements SourceTask {
  #context: SourceTaskContext | undefined
  #file = ''
  #topic = ''
  #batchSize = 2000
  #handle: FileHandle | undefined
  /** The byte just past the last line handed out. */
  #position = 0
  /** The next byte to read from the file. */
  #readAt = 0
  #lines = new LineAssembler()
  /** Lines read and not handed out yet: whole chunks' worth, cut into strings as polls take them */
  #blocks: LineBlock[] = []
  /** The next line of the first block */
  #lineAt = 0
  #missing = false
  #openedAt = 0
  #reading = false
  #chunk: Buffer | undefined

  async start(context: SourceTaskContext): Promise<void> {
    this.#context = context
    this.#file = context.config['file'] ?? ''
    this.#topic = context.config['topic'] ?? ''
    this.#batchSize = Number(context.config['batch.size'] ?? '2000')
    await this.#open(context)
  }

  /** Opens the file and finds where to resume; a missing file is waited for, as Kafka Connect's task does. */
  async #open(context: SourceTaskContext): Promise<void> {
    let handle: FileHandle
    this.#openedAt = context.clock.now()
    try {
      handle = await open(this.#file, 'r')
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw new RuntimeError('PIPE_FILE_SOURCE_UNREADABLE', `cannot read '${this.#file}' (${String(errorCode(error))}): fix its permissions or the 'file' path`, { cause: error })
      this.#missing = true
      return
    }
    try {
      if ((await handle.stat()).isDirectory()) throw new RuntimeError('PIPE_FILE_SOURCE_UNREADABLE', `cannot read '${this.#file}': it is a directory; fix: set 'file' to a file`)
      // read when the file is opened, as Kafka Connect does: offsets altered while it was missing apply
      const position = (await context.offsets.offset({ filename: this.#file }))?.['position']
      this.#position = typeof position === 'number' ? await resumePosition(handle, position) : 0
    } catch (error) {
      await handle.close()
      throw error
    }
    this.#readAt = this.#position
    this.#handle = handle
    this.#missing = false
  }

  problem(): string | undefined {
    return !this.#missing ? undefined : `'${this.#file}' does not exist yet: waiting for it to be created (as Kafka Connect does)`
  }

  /** True while a line is read but not complete yet: reading a long line is activity, not idleness. */
  isBusy(): boolean {
    return this.#reading
  }

  async poll(): Promise<readonly PolledRecord[]> {
    const context = this.#context
    if (this.#handle === undefined && context !== undefined && context.clock.now() - this.#openedAt >= REOPEN_MS) await this.#open(context)
    if (this.#pending() < this.#batchSize) await this.#read()
    const out: PolledRecord[] = []
    const sourcePartition = { filename: this.#file }
    for (let block = this.#blocks[0]; block !== undefined && out.length < this.#batchSize; block = this.#blocks[0]) {
      const end = Math.min(block.count, this.#lineAt + this.#batchSize - out.length)
      for (let i = this.#lineAt; i < end; i++) {
        this.#position += block.bytes(i)
        out.push({ sourcePartition, sourceOffset: { position: this.#position }, topic: this.#topic, value: block.text(i), valueSchema: STRING_SCHEMA })
      }
      this.#lineAt = end
      if (end === block.count) {
        this.#blocks.shift()
        this.#lineAt = 0
      }
    }
    return out
  }

  /** Lines read and not handed out yet. */
  #pending(): number {
    let n = -this.#lineAt
    for (const block of this.#blocks) n += block.count
    return n
  }

  /** Reads chunks until at least one line completes, the file ends, or MAX_READ_PER_POLL bytes were read. */
  async #read(): Promise<void> {
    const handle = this.#handle
    if (handle === undefined) return
    // one buffer for every read: the assembler copies what it keeps (a new 1 MiB buffer per read grew the heap of
    // native memory the allocator does not give back)
    const chunk = (this.#chunk ??= Buffer.allocUnsafe(CHUNK))
    let [read, complete] = [0, 0]
    while (read < MAX_READ_PER_POLL && complete === 0) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, this.#readAt)
      if (bytesRead === 0) break
      this.#readAt += bytesRead
      read += bytesRead
      const block = this.#lines.push(chunk.subarray(0, bytesRead))
      if (block.count > 0) this.#blocks.push(block)
      complete = block.count
    }
    this.#reading = read > 0 && complete === 0
  }

  async stop(): Promise<void> {
    await this.#handle?.close()
    this.#handle = undefined
  }
}

/**
 * `org.apache.kafka.connect.file.FileStreamSourceConnector`: one task; each line of `file` becomes a
 * record on `topic` with source partition `{filename}` and offset `{position}`: just past the line
 * terminator, in bytes (Kafka Connect's own positions on non-ASCII files: see `resumePosition`).
 * A file that does not exist yet is waited for (the task stays RUNNING, its status says so).
 */
export const fileStreamSourceConnector: SourceConnector = {
  type: 'source',
  validate: (config) => [
    ...(config['topic'] === undefined || config['topic'].includes(',') ? ["'topic' must name exactly one topic"] : []),
    ...(config['file'] === undefined || config['file'] === '' ? ["'file' is required (reading stdin is not supported by pipe)"] : []),
  ],
  taskConfigs: (config) => [config],
  createTask: () => new FileStreamSourceTask(),
}
