import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SinkRecord } from '../../records/connect-record.js'
import { systemClock } from '../../tasks/task-context.js'
import { fileStreamSinkConnector } from './file-sink.js'
import { splitLines } from './file-source.js'

const record = (value: SinkRecord['value']): SinkRecord => ({
  topic: 't', kafkaPartition: 0, kafkaOffset: 0, key: null, value, timestamp: 0, headers: [], originalTopic: 't', originalKafkaPartition: 0, originalKafkaOffset: 0,
})

describe('FileStream sink', () => {
  it('appends String.valueOf(value) per line and truncates writes made after the last checkpoint', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'pipe-file-sink-')), 'out.txt')
    await writeFile(file, 'kept\n')
    const connector = fileStreamSinkConnector({ write: () => undefined })
    const context = { connectorName: 's', taskId: 0, config: { file }, clock: systemClock, signal: new AbortController().signal }
    const first = connector.createTask()
    await first.start({ ...context, checkpoint: null })
    await first.put([record('a'), record({ x: 1 }), record(2.5)])
    await first.flush([])
    const checkpoint = first.checkpoint?.() ?? null
    await first.put([record('written after the commit')])
    await first.stop()
    expect(await readFile(file, 'utf8')).toBe('kept\na\n{x=1}\n2.5\nwritten after the commit\n')

    const second = connector.createTask()
    await second.start({ ...context, checkpoint })
    await second.stop()
    expect(await readFile(file, 'utf8')).toBe('kept\na\n{x=1}\n2.5\n')
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
})
