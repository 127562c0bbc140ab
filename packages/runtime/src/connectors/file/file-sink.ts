import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { javaToString } from '../../converters/java-format.js'
import type { SinkRecord } from '../../records/connect-record.js'
import type { SinkConnector, SinkTask } from '../../tasks/sink-task.js'
import type { LineWriter, SinkTaskContext } from '../../tasks/task-context.js'

class FileStreamSinkTask implements SinkTask {
  #handle: FileHandle | undefined
  #length = 0

  constructor(readonly stdout: LineWriter) {}

  async start(context: SinkTaskContext): Promise<void> {
    const file = context.config['file']
    if (file === undefined || file === '') return
    this.#handle = await open(file, 'a')
    this.#length = (await this.#handle.stat()).size
    const committed = lengthOf(context.checkpoint ?? null)
    // lines written after the last offset commit will be delivered again: drop them first
    if (committed !== undefined && committed < this.#length) {
      await this.#handle.truncate(committed)
      this.#length = committed
    }
  }

  checkpoint(): string {
    return JSON.stringify({ length: this.#length })
  }

  async put(records: readonly SinkRecord[]): Promise<void> {
    if (records.length === 0) return
    if (this.#handle === undefined) {
      for (const r of records) this.stdout.write(javaToString(r.value))
      return
    }
    const text = records.map((r) => `${javaToString(r.value)}\n`).join('')
    const { bytesWritten } = await this.#handle.write(text, null, 'utf8')
    this.#length += bytesWritten
  }

  async flush(): Promise<void> {
    await this.#handle?.datasync()
  }

  async stop(): Promise<void> {
    await this.#handle?.close()
    this.#handle = undefined
  }
}

function lengthOf(checkpoint: string | null): number | undefined {
  if (checkpoint === null) return undefined
  const parsed: unknown = JSON.parse(checkpoint)
  return typeof parsed === 'object' && parsed !== null && 'length' in parsed && typeof parsed.length === 'number' ? parsed.length : undefined
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
