import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { STRING_SCHEMA } from '../../converters/connect-schema.js'
import type { PolledRecord } from '../../records/connect-record.js'
import type { SourceConnector, SourceTask } from '../../tasks/source-task.js'
import type { SourceTaskContext } from '../../tasks/task-context.js'

const CHUNK = 1024 * 1024

/** Splits complete lines off `text`; returns them with their byte length (terminator included) and the rest. */
export function splitLines(buffer: Buffer): { lines: { text: string; bytes: number }[]; rest: Buffer } {
  const lines: { text: string; bytes: number }[] = []
  let start = 0
  for (let i = 0; i < buffer.length; i++) {
    const c = buffer[i]
    if (c !== 0x0a && c !== 0x0d) continue
    // a '\r' at the very end may be the first half of '\r\n': wait for more data
    if (c === 0x0d && i + 1 === buffer.length) break
    const end = c === 0x0d && buffer[i + 1] === 0x0a ? i + 2 : i + 1
    lines.push({ text: buffer.toString('utf8', start, i), bytes: end - start })
    start = end
    i = end - 1
  }
  return { lines, rest: buffer.subarray(start) }
}

class FileStreamSourceTask implements SourceTask {
  #file = ''
  #topic = ''
  #batchSize = 2000
  #handle: FileHandle | undefined
  #position = 0
  #pending: Buffer = Buffer.alloc(0)
  #ready: { text: string; bytes: number }[] = []

  async start(context: SourceTaskContext): Promise<void> {
    this.#file = context.config['file'] ?? ''
    this.#topic = context.config['topic'] ?? ''
    this.#batchSize = Number(context.config['batch.size'] ?? '2000')
    const offset = await context.offsets.offset({ filename: this.#file })
    const position = offset?.['position']
    this.#position = typeof position === 'number' ? position : 0
    this.#handle = await open(this.#file, 'r')
  }

  async poll(): Promise<readonly PolledRecord[]> {
    if (this.#ready.length < this.#batchSize) await this.#read()
    const out: PolledRecord[] = []
    const sourcePartition = { filename: this.#file }
    for (const line of this.#ready.splice(0, this.#batchSize)) {
      this.#position += line.bytes
      out.push({ sourcePartition, sourceOffset: { position: this.#position }, topic: this.#topic, value: line.text, valueSchema: STRING_SCHEMA })
    }
    return out
  }

  async #read(): Promise<void> {
    if (this.#handle === undefined) return
    const readFrom = this.#position + this.#ready.reduce((n, l) => n + l.bytes, 0) + this.#pending.length
    const chunk = Buffer.alloc(CHUNK)
    const { bytesRead } = await this.#handle.read(chunk, 0, CHUNK, readFrom)
    if (bytesRead === 0) return
    const { lines, rest } = splitLines(Buffer.concat([this.#pending, chunk.subarray(0, bytesRead)]))
    this.#ready.push(...lines)
    this.#pending = Buffer.from(rest)
  }

  async stop(): Promise<void> {
    await this.#handle?.close()
    this.#handle = undefined
  }
}

/**
 * `org.apache.kafka.connect.file.FileStreamSourceConnector`: one task; each line of `file` becomes a
 * record on `topic` with source partition `{filename}` and offset `{position}` (just past the line
 * terminator, in bytes: equal to Kafka Connect's for ASCII files), at most `batch.size` per poll.
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
