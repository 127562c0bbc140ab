import type { ConsumedMessage } from '@pipe/runtime'
import { describe, expect, it } from 'vitest'
import { DEFAULT_FORMAT, formatMessage, parseProperties } from './console-format.js'

const bytes = (text: string): Uint8Array => Buffer.from(text)

const message = (over: Partial<ConsumedMessage> = {}): ConsumedMessage => ({
  topic: 'lines', partition: 0, offset: 7, key: bytes('k1'), value: bytes('hello'), headers: [], timestamp: 1_700_000_000_000, ...over,
})

function properties(...entries: string[]): typeof DEFAULT_FORMAT {
  const parsed = parseProperties(entries)
  if ('problem' in parsed) throw new Error(parsed.problem)
  return parsed.properties
}

describe('formatMessage', () => {
  it('prints the value alone by default', () => {
    expect(formatMessage(message(), DEFAULT_FORMAT)).toBe('hello\n')
  })

  it('prints key, tab, value with print.key=true', () => {
    expect(formatMessage(message(), properties('print.key=true'))).toBe('k1\thello\n')
  })

  it('prints null for a null key or value', () => {
    expect(formatMessage(message({ key: null, value: null }), properties('print.key=true'))).toBe('null\tnull\n')
  })

  it('prints headers as key:value joined by commas, before the key', () => {
    const m = message({ headers: [{ key: 'a', value: bytes('1') }, { key: 'b', value: null }] })
    expect(formatMessage(m, properties('print.headers=true', 'print.key=true'))).toBe('a:1,b:null\tk1\thello\n')
  })

  it('prints NO_HEADERS when a record has none', () => {
    expect(formatMessage(message(), properties('print.headers=true'))).toBe('NO_HEADERS\thello\n')
  })

  it('prints timestamp, partition and offset in kafka-console-consumer order', () => {
    expect(formatMessage(message(), properties('print.offset=true', 'print.timestamp=true', 'print.partition=true'))).toBe('CreateTime:1700000000000\tPartition:0\tOffset:7\thello\n')
  })

  it('uses custom separators with escapes', () => {
    expect(formatMessage(message(), properties('print.key=true', 'key.separator= => ', 'line.separator=\\r\\n'))).toBe('k1 => hello\r\n')
  })
})

describe('parseProperties', () => {
  it('rejects unknown names and entries without =', () => {
    expect(parseProperties(['print.keys=true'])).toEqual({ problem: expect.stringContaining("unknown --property 'print.keys'") as string })
    expect(parseProperties(['print.key'])).toEqual({ problem: expect.stringContaining('expected name=value') as string })
    expect(parseProperties(['constructor=true'])).toEqual({ problem: expect.stringContaining("unknown --property 'constructor'") as string })
  })
})
