import { describe, expect, it } from 'vitest'
import type { ConnectSchema } from '../records/connect-schema.js'
import { Float64 } from '../records/connect-value.js'
import type { SinkRecord } from '../records/connect-record.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import { formatJavaDate, parseJavaDate } from '../java/java-date-format.js'
import { one, runChain, sinkRecord } from './test-records.js'

// A FileStream line after HoistField$Value: a struct with one required string field.
const LINE: ConnectSchema = { type: 'struct', optional: false, fields: [{ field: 'line', schema: { type: 'string', optional: false } }] }
const lineRecord = (line: string): SinkRecord => sinkRecord({ line }, { valueSchema: LINE })
const str = (optional: boolean): ConnectSchema => ({ type: 'string', optional })

function only(config: ConnectorConfig, record: SinkRecord): SinkRecord {
  const [out] = runChain(config, record)
  if (out === undefined) throw new Error('the chain dropped the record')
  return out
}

describe('SMTs on structs (records with a schema)', () => {
  it('InsertField extends the schema after the existing fields, optional unless the name ends with !', () => {
    const out = only(one('InsertField$Value', { 'topic.field': 'topic', 'partition.field': 'part!', 'static.field': 'origin', 'static.value': 'file' }), lineRecord('a'))
    expect(Object.keys(out.value as object)).toEqual(['line', 'topic', 'part', 'origin'])
    expect(out.value).toEqual({ line: 'a', topic: 'orders', part: 0, origin: 'file' })
    expect(out.valueSchema?.fields).toEqual([
      { field: 'line', schema: str(false) }, { field: 'topic', schema: str(true) },
      { field: 'part', schema: { type: 'int32', optional: false } }, { field: 'origin', schema: str(true) },
    ])
  })

  it('InsertField on a string with a schema fails as Kafka Connect does', () => {
    expect(() => runChain(one('InsertField$Value', { 'topic.field': 't' }), sinkRecord('x', { valueSchema: str(false) })))
      .toThrow('Only Struct objects supported for [field insertion], found: java.lang.String')
  })

  it('ValueToKey makes a struct key in the order of fields, with the value field schemas', () => {
    const record = only(one('InsertField$Value', { 'static.field': 'origin', 'static.value': 'file' }), lineRecord('a'))
    const out = only(one('ValueToKey', { fields: 'origin,line' }), record)
    expect(Object.keys(out.key as object)).toEqual(['origin', 'line'])
    expect(out.keySchema).toEqual({ type: 'struct', optional: false, fields: [{ field: 'origin', schema: str(true) }, { field: 'line', schema: str(false) }] })
    expect(() => runChain(one('ValueToKey', { fields: 'nope' }), lineRecord('a'))).toThrow('Field does not exist: nope')
  })

  it('HeaderFrom move drops the field from the struct schema; copy keeps it', () => {
    const moved = only(one('HeaderFrom$Value', { fields: 'line', headers: 'h', operation: 'move' }), lineRecord('a'))
    expect(moved.value).toEqual({})
    expect(moved.valueSchema).toEqual({ type: 'struct', optional: false, fields: [] })
    expect(moved.headers).toEqual([{ key: 'h', value: 'a' }])
    const copied = only(one('HeaderFrom$Value', { fields: 'line', headers: 'h', operation: 'copy' }), lineRecord('a'))
    expect(copied.valueSchema).toBe(LINE)
  })

  it('Flatten, ReplaceField, MaskField and Cast keep the schema order and rebuild field schemas', () => {
    const nested: ConnectSchema = {
      type: 'struct', optional: false,
      fields: [{ field: 'inner', schema: { ...LINE, optional: true } }, { field: 'n', schema: str(false) }, { field: 'secret', schema: str(false) }],
    }
    const record = sinkRecord({ inner: { line: 'a' }, n: '2', secret: 's' }, { valueSchema: nested })
    const flat = only(one('Flatten$Value', { delimiter: '_' }), record)
    expect(flat.valueSchema?.fields).toEqual([{ field: 'inner_line', schema: str(true) }, { field: 'n', schema: str(false) }, { field: 'secret', schema: str(false) }])
    const renamed = only(one('ReplaceField$Value', { renames: 'inner_line:text', exclude: 'n' }), flat)
    expect(renamed.value).toEqual({ text: 'a', secret: 's' })
    expect(renamed.valueSchema?.fields?.map((f) => f.field)).toEqual(['text', 'secret'])
    expect(only(one('MaskField$Value', { fields: 'secret' }), renamed).value).toEqual({ text: 'a', secret: '' })
    const cast = only(one('Cast$Value', { spec: 'n:float64' }), flat)
    expect(cast.value).toEqual({ inner_line: 'a', n: new Float64(2), secret: 's' })
    expect(cast.valueSchema?.fields?.[1]).toEqual({ field: 'n', schema: { type: 'double', optional: false } })
  })

  it('TimestampConverter gives a struct field the logical schema of its target, values as JsonConverter writes them', () => {
    const schema: ConnectSchema = { type: 'struct', optional: false, fields: [{ field: 'd', schema: str(true) }] }
    const record = sinkRecord({ d: '2024-01-02 03:04' }, { valueSchema: schema })
    const date = only(one('TimestampConverter$Value', { field: 'd', 'target.type': 'Date', format: 'yyyy-MM-dd HH:mm' }), record)
    expect(date.value).toEqual({ d: 19724 })
    expect(date.valueSchema?.fields?.[0]?.schema).toEqual({ type: 'int32', optional: true, name: 'org.apache.kafka.connect.data.Date', version: 1 })
    const text = only(one('TimestampConverter$Value', { field: 'd', 'target.type': 'string', format: 'yyyy' }), date)
    expect(text.value).toEqual({ d: '2024' })
  })
})

describe('SimpleDateFormat letters (TimestampConverter, TimestampRouter)', () => {
  const at = Date.UTC(2024, 0, 2, 3, 4, 5, 678)
  it.each([
    ['G yy yyyyy D DDD w ww W F u E EEEE a h hh K KK k kk H m s S SS', 'AD 24 02024 2 002 1 01 1 1 2 Tue Tuesday AM 3 03 3 03 3 03 3 4 5 678 678'],
    ["MMMM MMM MM M dd d z zzzz Z X XX XXX '' 'o''clock' 'T'", "January Jan 01 1 02 2 UTC Coordinated Universal Time +0000 Z Z Z ' o'clock T"],
  ])('%s', (pattern, expected) => {
    expect(formatJavaDate(pattern, at)).toBe(expected)
  })

  it('puts the last days of December in week 1 of the next week-year, as the US calendar does', () => {
    expect(formatJavaDate('Y w', Date.UTC(2024, 11, 31))).toBe('2025 1')
    expect(formatJavaDate('Y w', Date.UTC(2023, 11, 30))).toBe('2023 52')
  })

  it('rejects an illegal pattern when TimestampConverter is configured, as Kafka Connect does', () => {
    expect(() => runChain(one('TimestampConverter$Value', { 'target.type': 'string', format: 'yyyy q' }), sinkRecord(1)))
      .toThrow("Illegal pattern character 'q' for configuration TimestampConverter requires a SimpleDateFormat-compatible pattern")
  })
})

describe('SimpleDateFormat parsing (TimestampConverter from strings)', () => {
  it.each([
    ['yyyy-MM-dd HH:mm:ss.SSS', '2024-1-2 3:4:5.1234', Date.UTC(2024, 0, 2, 3, 4, 6, 234)],
    ['yyyy-MM-dd HH:mm:ss.SSS', '2024-13-45 25:61:61.5', Date.UTC(2024, 12, 45, 25, 61, 61, 5)],
    ['yyyyMMddHHmm', '202401020304', Date.UTC(2024, 0, 2, 3, 4)],
    ['dd MMM yyyy hh:mm a', '02 Jan 2024 03:04 PM', Date.UTC(2024, 0, 2, 15, 4)],
    ['EEE, d MMMM yy', 'Tue, 2 January 24', Date.UTC(2024, 0, 2)],
  ])('%s reads %s', (pattern, text, expected) => {
    expect(parseJavaDate(pattern, text)).toBe(expected)
  })
})
