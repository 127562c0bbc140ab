import { describe, expect, it } from 'vitest'
import { Float64 } from '../../records/connect-value.js'
import { columnSchema, columnValue, PG_TYPES, requiredDefault, twosComplement } from './pg-values.js'
import { parsePostgresCdcConfig } from './postgres-cdc-config.js'
import { lsnNumber, lsnText } from './pg-session.js'

const col = (typeOid: number, typeMod = -1, optional = true) => ({ name: 'c', typeOid, typeMod, optional })

describe('PostgreSQL values as Debezium gives them', () => {
  it('maps types to Debezium schemas (precise decimals, adaptive time)', () => {
    expect(columnSchema(col(PG_TYPES.int8, -1, false))).toEqual({ type: 'int64', optional: false })
    expect(columnSchema(col(PG_TYPES.numeric, ((10 << 16) | 2) + 4))).toEqual({
      type: 'bytes', optional: true, name: 'org.apache.kafka.connect.data.Decimal', version: 1, parameters: { scale: '2', 'connect.decimal.precision': '10' },
    })
    expect(columnSchema(col(PG_TYPES.timestamptz)).name).toBe('io.debezium.time.ZonedTimestamp')
    expect(columnSchema(col(PG_TYPES.timestamp, 3)).name).toBe('io.debezium.time.Timestamp')
  })

  it('converts the text output to Debezium values', () => {
    expect(columnValue(col(PG_TYPES.int8), '9007199254740993')).toBe(9007199254740993n)
    expect(columnValue(col(PG_TYPES.numeric, ((10 << 16) | 2) + 4), '1.5')).toEqual(Uint8Array.from([0x00, 0x96]))
    expect(columnValue(col(PG_TYPES.numeric, ((10 << 16) | 2) + 4), '-0.01')).toEqual(Uint8Array.from([0xff]))
    expect(columnValue(col(PG_TYPES.timestamptz), '2024-01-02 03:04:05.5+00')).toBe('2024-01-02T03:04:05.500000Z')
    expect(columnValue(col(PG_TYPES.date), '2024-01-02')).toBe(19724)
    expect(columnValue(col(PG_TYPES.float8), '2')).toEqual(new Float64(2))
    expect(columnValue(col(PG_TYPES.text), undefined)).toBe('__debezium_unavailable_value')
    expect(twosComplement(128n)).toEqual(Uint8Array.from([0x00, 0x80]))
    expect(requiredDefault(col(PG_TYPES.text, -1, false))).toBe('')
    expect(requiredDefault(col(PG_TYPES.text))).toBeNull()
  })

  it('reads LSNs both ways', () => {
    expect(lsnNumber('16/B374D848')).toBe(0x16b374d848)
    expect(lsnText(0x16b374d848)).toBe('16/B374D848')
  })

  it('refuses what the pipe runtime cannot do, with Debezium defaults otherwise', () => {
    const base = { 'database.hostname': 'db', 'database.user': 'cdc', 'database.dbname': 'shop', topic: 'changes' }
    expect(parsePostgresCdcConfig(base)).toMatchObject({ prefix: 'changes', slot: 'debezium', publication: 'dbz_publication', snapshotMode: 'initial', tombstones: true })
    expect(() => parsePostgresCdcConfig({ ...base, 'plugin.name': 'decoderbufs' })).toThrow("postgres cdc: 'plugin.name' decoderbufs is not supported on the pipe runtime: use pgoutput")
    expect(() => parsePostgresCdcConfig({ ...base, 'table.include.list': 'customers' })).toThrow("'table.include.list' takes schema.table names separated by commas, got 'customers'")
    expect(() => parsePostgresCdcConfig({ ...base, 'slot.name': 'Bad-Slot' })).toThrow("'slot.name' must be a lower-case identifier")
  })
})
