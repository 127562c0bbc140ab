import { mkdir, mkdtemp, open, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { PolledRecord } from '../../records/connect-record.js'
import type { SourceTask } from '../../tasks/source-task.js'
import { systemClock, type Clock } from '../../tasks/task-context.js'
import { fileStreamSourceConnector } from './file-source.js'
import { resumePosition } from './file-position.js'

const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'pipe-file-source-'))

async function started(file: string, options: { position?: number; clock?: Clock } = {}): Promise<SourceTask> {
  const task = fileStreamSourceConnector.createTask()
  const offset = options.position === undefined ? null : { position: options.position }
  await task.start({ connectorName: 's', taskId: 0, config: { file, topic: 't' }, clock: options.clock ?? systemClock, signal: new AbortController().signal, offsets: { offset: () => Promise.resolve(offset) } })
  return task
}

async function pollAll(task: SourceTask): Promise<PolledRecord[]> {
  const out: PolledRecord[] = []
  for (;;) {
    const batch = await task.poll()
    if (batch.length === 0 && task.isBusy?.() !== true) return out
    for (const r of batch) out.push(r)
  }
}

describe('FileStream source', () => {
  it('reads a file of 300,000 short lines (one read chunk holds far more lines than a call takes arguments)', async () => {
    const file = join(await tempDir(), 'seq.txt')
    await writeFile(file, Array.from({ length: 300_000 }, (_, i) => `${String(i + 1)}\n`).join(''))
    const task = await started(file)
    const records = await pollAll(task)
    await task.stop()
    expect(records).toHaveLength(300_000)
    expect(records.at(-1)).toMatchObject({ value: '300000', sourceOffset: { position: 1_988_895 } })
  }, 30_000)

  it('hands out every line once with its byte position, across chunks of ASCII, UTF-8 and \\r\\n lines and polls of 2,000', async () => {
    const file = join(await tempDir(), 'mixed.txt')
    // about 3 MiB: read in several 1 MiB chunks, each cut into lines as polls take them
    const lines = Array.from({ length: 120_000 }, (_, i) => (i % 50_000 < 40_000 ? `line ${String(i)}` : `é ${String(i)} €`))
    const terminators = lines.map((_, i) => (i >= 100_000 && i % 3 === 0 ? '\r\n' : '\n'))
    const text = lines.map((l, i) => `${l}${terminators[i] ?? ''}`).join('')
    await writeFile(file, text)
    const task = await started(file)
    const records = await pollAll(task)
    await task.stop()
    expect(records.map((r) => r.value)).toEqual(lines)
    let position = 0
    const positions = lines.map((l, i) => (position += Buffer.byteLength(`${l}${terminators[i] ?? ''}`)))
    expect(records.map((r) => (r.sourceOffset as { position: number }).position)).toEqual(positions) // cast: the file source's offset
    expect(position).toBe(Buffer.byteLength(text))
  }, 30_000)

  it('reads a long line over several polls and says it is busy meanwhile', async () => {
    const file = join(await tempDir(), 'long.txt')
    await writeFile(file, `${'x'.repeat(40 * 1024 * 1024)}\nshort\n`)
    const task = await started(file)
    const empty = await task.poll()
    expect({ records: empty.length, busy: task.isBusy?.() }).toEqual({ records: 0, busy: true })
    const records = await pollAll(task)
    await task.stop()
    expect(records.map((r) => [typeof r.value === 'string' ? r.value.length : -1, r.sourceOffset])).toEqual([[40 * 1024 * 1024, { position: 40 * 1024 * 1024 + 1 }], [5, { position: 40 * 1024 * 1024 + 7 }]])
    expect(task.isBusy?.()).toBe(false)
  }, 30_000)

  it('waits for a missing file, as Kafka Connect does, says so in its problem, and reads it once it exists', async () => {
    const file = join(await tempDir(), 'late.txt')
    let now = 0
    const task = await started(file, { clock: { now: () => now } })
    expect(await task.poll()).toEqual([])
    expect(task.problem?.()).toBe(`'${file}' does not exist yet: waiting for it to be created (as Kafka Connect does)`)
    await writeFile(file, 'a\n')
    now += 1000
    expect((await task.poll()).map((r) => [r.value, r.sourceOffset])).toEqual([['a', { position: 2 }]])
    expect(task.problem?.()).toBeUndefined()
    await task.stop()
  })

  it('fails at once on a directory, naming it and the fix', async () => {
    const dir = join(await tempDir(), 'in.txt')
    await mkdir(dir)
    await expect(started(dir)).rejects.toThrow(`cannot read '${dir}': it is a directory; fix: set 'file' to a file`)
  })
})

describe('FileStream source resume position', () => {
  // 'é' is 1 Java char and 2 UTF-8 bytes, '😀' 2 chars and 4 bytes
  const text = 'é1\r\nab\n😀\nzzz\n'
  const lineEndsInBytes = [5, 8, 13, 17]
  const lineEndsInChars = [4, 7, 10, 14]

  it.each(lineEndsInBytes.map((bytes, i) => [bytes, lineEndsInChars[i] ?? 0]))('resumes at byte %i for pipe\'s byte position and for Kafka Connect\'s char position %i', async (bytes, chars) => {
    const file = join(await tempDir(), 'utf8.txt')
    await writeFile(file, text)
    const handle = await open(file, 'r')
    expect({ fromBytes: await resumePosition(handle, bytes), fromChars: await resumePosition(handle, chars) }).toEqual({ fromBytes: bytes, fromChars: bytes })
    await handle.close()
  })

  it('resumes at the next line start for a position inside a line that is no char count either (Kafka Connect resumed, then counted chars)', async () => {
    const file = join(await tempDir(), 'utf8.txt')
    await writeFile(file, text)
    const handle = await open(file, 'r')
    expect(await resumePosition(handle, 11)).toBe(13)
    await handle.close()
  })

  it('takes a position at a line start as bytes even when it also ends a line in chars: a line may repeat, none is lost', async () => {
    const file = join(await tempDir(), 'utf8.txt')
    await writeFile(file, 'é1\r\nab\n😀\nzz\n')
    const handle = await open(file, 'r')
    // 13 chars end 'zz' (byte 16), but byte 13 starts it: read as bytes, 'zz' comes again
    expect(await resumePosition(handle, 13)).toBe(13)
    await handle.close()
  })
})
