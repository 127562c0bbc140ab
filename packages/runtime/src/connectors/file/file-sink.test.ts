import { appendFile, mkdir, mkdtemp, readFile, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SinkRecord } from '../../records/connect-record.js'
import type { SinkTask } from '../../tasks/sink-task.js'
import { systemClock } from '../../tasks/task-context.js'
import { markRawText } from '../../converters/raw-text.js'
import { fileStreamSinkConnector } from './file-sink.js'
import { splitLines } from './file-source.js'

const record = (value: SinkRecord['value'], kafkaOffset = 0, kafkaPartition = 0): SinkRecord => ({
  topic: 't', kafkaPartition, kafkaOffset, key: null, value, timestamp: 0, headers: [], originalTopic: 't', originalKafkaPartition: kafkaPartition, originalKafkaOffset: kafkaOffset,
})
const records = (from: number, to: number): SinkRecord[] => Array.from({ length: to - from }, (_, i) => record(`line ${String(from + i)}`, from + i))
const text = (from: number, to: number): string => Array.from({ length: to - from }, (_, i) => `line ${String(from + i)}\n`).join('')
const connector = fileStreamSinkConnector({ write: () => undefined })

async function started(file: string, checkpoint: string | null): Promise<SinkTask> {
  const task = connector.createTask()
  await task.start({ connectorName: 's', taskId: 0, config: { file }, clock: systemClock, signal: new AbortController().signal, checkpoint })
  return task
}

/** A task that wrote 0..10, committed after 5 (its checkpoint returned), then was killed. */
async function crashedAfterFive(file: string): Promise<string> {
  const task = await started(file, null)
  await task.put(records(0, 5))
  await task.flush([{ topic: 't', partition: 0, offset: 5 }])
  const checkpoint = task.checkpoint?.() ?? ''
  await task.put(records(5, 10))
  await task.stop()
  return checkpoint
}

describe('FileStream sink', () => {
  it('appends String.valueOf(value) per line to what the file holds', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'pipe-file-sink-')), 'out.txt')
    await writeFile(file, 'kept\n')
    const task = await started(file, null)
    await task.put([record('a'), record({ x: 1 }), record(2.5)])
    await task.stop()
    expect(await readFile(file, 'utf8')).toBe('kept\na\n{x=1}\n2.5\n')
  })

  it('writes the bytes a string value was decoded from when every record carries valid UTF-8 ones, else encodes the values', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'pipe-file-sink-')), 'out.txt')
    const task = await started(file, null)
    const decoded = (bytes: Buffer): SinkRecord => markRawText(record(bytes.toString('utf8')), bytes)
    await task.put([decoded(Buffer.from('é€😀')), decoded(Buffer.from('b'))])
    // bytes that are no UTF-8: decoding replaced them, so the value's own encoding is written (as Kafka Connect does)
    await task.put([decoded(Buffer.from('ok')), decoded(Buffer.from([0x61, 0xff, 0x62]))])
    // the marked bytes, not the value, are what a marked batch writes: the pass-through is taken
    await task.put([markRawText(record('value'), Buffer.from('bytes'))])
    await task.stop()
    expect(await readFile(file, 'utf8')).toBe('é€😀\nb\nok\na\uFFFDb\nbytes\n')
  })

  it('writes in put order without waiting in put, and a failed write fails the next put or flush (so nothing after it commits)', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'pipe-file-sink-')), 'out.txt')
    const task = await started(file, null)
    for (let from = 0; from < 1000; from += 100) await task.put(records(from, from + 100))
    await task.flush([{ topic: 't', partition: 0, offset: 1000 }])
    expect(await readFile(file, 'utf8')).toBe(text(0, 1000))
    await task.stop()

    // /dev/full: every write fails with ENOSPC, as a full disk's
    const full = await started('/dev/full', null)
    await full.put(records(0, 5)) // its write is under way
    await expect(full.flush([{ topic: 't', partition: 0, offset: 5 }])).rejects.toThrow(/ENOSPC/)
    await expect(full.put(records(5, 10))).rejects.toThrow(/ENOSPC/)
    await full.stop()
  })

  it('writes the records delivered again after a crash once: the lines it wrote after its commit are matched, not repeated', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'pipe-file-sink-')), 'out.txt')
    const checkpoint = await crashedAfterFive(file)
    const again = await started(file, checkpoint)
    await again.put(records(5, 12))
    await again.stop()
    expect(await readFile(file, 'utf8')).toBe(text(0, 12))
  })

  it('completes a line the crash cut short', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'pipe-file-sink-')), 'out.txt')
    const checkpoint = await crashedAfterFive(file)
    await truncate(file, text(0, 7).length + 3)
    const again = await started(file, checkpoint)
    await again.put(records(5, 12))
    await again.stop()
    expect(await readFile(file, 'utf8')).toBe(text(0, 12))
  })

  it('never cuts lines another writer appended after its own: it matches its lines, then appends', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'pipe-file-sink-')), 'out.txt')
    const checkpoint = await crashedAfterFive(file)
    await appendFile(file, 'other pipeline\n')
    const again = await started(file, checkpoint)
    await again.put(records(5, 12))
    await again.stop()
    expect(await readFile(file, 'utf8')).toBe(`${text(0, 10)}other pipeline\n${text(10, 12)}`)
  })

  it('never cuts lines another writer appended between its commit and its own: its own are written again after them (at least once)', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'pipe-file-sink-')), 'out.txt')
    const task = await started(file, null)
    await task.put(records(0, 5))
    await task.flush([{ topic: 't', partition: 0, offset: 5 }])
    const checkpoint = task.checkpoint?.() ?? ''
    await appendFile(file, 'other pipeline\n')
    await task.put(records(5, 10))
    await task.stop()
    const again = await started(file, checkpoint)
    await again.put(records(5, 12))
    await again.stop()
    expect(await readFile(file, 'utf8')).toBe(`${text(0, 5)}other pipeline\n${text(5, 10)}${text(5, 12)}`)
  })

  it('never takes a line of another task for its own: only records that continue from its committed offsets are matched', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'pipe-file-sink-')), 'out.txt')
    const checkpoint = await crashedAfterFive(file)
    const again = await started(file, checkpoint)
    // offset 7 does not continue from the committed 5: its equal line at the commit point is not its own
    await again.put([record('line 5', 7)])
    await again.stop()
    expect(await readFile(file, 'utf8')).toBe(`${text(0, 10)}line 5\n`)
  })

  it.each([
    ['a directory', async (dir: string) => { await mkdir(join(dir, 'out')); return join(dir, 'out') }, "it is a directory; fix: set 'file' to a file path"],
    ['under a file', async (dir: string) => { await writeFile(join(dir, 'f'), ''); return join(dir, 'f', 'out.txt') }, 'a part of its path is a file, not a directory'],
    ['not writable', () => Promise.resolve('/sys/pipe-out.txt'), 'permission denied'],
  ])('fails with one line naming a path that is %s', async (_, path, reason) => {
    const file = await path(await mkdtemp(join(tmpdir(), 'pipe-file-sink-')))
    await expect(started(file, null)).rejects.toThrow(`cannot write the file sink's file '${file}': ${reason}`)
  })
})

describe('FileStream source line splitting', () => {
  it.each<[string, string[], string]>([
    ['a\nb\n', ['a', 'b'], ''],
    ['a\r\nb\rc', ['a', 'b'], 'c'],
    ['a\r', [], 'a\r'],
  ])('splits %j', (input, lines, rest) => {
    const out = splitLines(Buffer.from(input))
    expect(out.lines.map((l) => l.text)).toEqual(lines)
    expect(out.rest.toString()).toBe(rest)
  })

  it.each<[string, string]>([
    ['ASCII', 'x'],
    ['UTF-8', 'é€😀'],
  ])('cuts lines of %s text without \\r at their byte lengths, in one piece or split anywhere', (_name, char) => {
    const lines = Array.from({ length: 50 }, (_, i) => `${String(i)}:${char.repeat(i % 7)}`)
    const input = Buffer.from(`${lines.join('\n')}\nrest${char}`)
    const whole = splitLines(input)
    expect(whole.lines.map((l) => l.text)).toEqual(lines)
    expect(whole.lines.map((l) => l.bytes)).toEqual(lines.map((l) => Buffer.byteLength(l) + 1))
    expect(whole.lines.every((l) => l.eol === 1)).toBe(true)
    expect(whole.rest.toString()).toBe(`rest${char}`)
    // a chunk that ends inside a line (or a character): its rest is what follows the last terminator
    for (const cut of [1, 17, 100, input.length - 3]) {
      const first = splitLines(input.subarray(0, cut))
      const second = splitLines(Buffer.concat([first.rest, input.subarray(cut)]))
      expect([...first.lines, ...second.lines].map((l) => l.text)).toEqual(lines)
    }
  })
})
