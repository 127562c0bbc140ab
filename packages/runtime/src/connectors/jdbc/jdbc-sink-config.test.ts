import { describe, expect, it } from 'vitest'
import { parseJdbcSinkConfig } from './jdbc-sink-config.js'
import { sqlType, sqlValue } from './sql-types.js'

const base = { 'connection.url': 'jdbc:postgresql://db:5433/shop', 'connection.username': 'app' }

describe('jdbc sink config and values', () => {
  it("takes Debezium's keys and defaults", () => {
    expect(parseJdbcSinkConfig(base)).toMatchObject({
      target: { kind: 'postgresql', host: 'db', port: 5433, database: 'shop' }, insertMode: 'insert', primaryKeyMode: 'none', deleteEnabled: false, schemaEvolution: 'none', tableFormat: '${topic}',
    })
    expect(parseJdbcSinkConfig({ ...base, 'connection.url': 'jdbc:mariadb://m/shop' }).target).toEqual({ kind: 'mariadb', host: 'm', port: 3306, database: 'shop' })
  })

  it('refuses what Debezium refuses, in one line each', () => {
    expect(() => parseJdbcSinkConfig({ ...base, 'delete.enabled': 'true' })).toThrow("jdbc sink: 'delete.enabled' needs 'primary.key.mode' record_key")
    expect(() => parseJdbcSinkConfig({ ...base, 'insert.mode': 'upsert' })).toThrow("jdbc sink: 'insert.mode' upsert needs a 'primary.key.mode' other than none")
    expect(() => parseJdbcSinkConfig({ ...base, 'primary.key.mode': 'record_value' })).toThrow("jdbc sink: 'primary.key.mode' record_value needs 'primary.key.fields'")
    expect(() => parseJdbcSinkConfig({ 'connection.url': 'jdbc:sqlserver://x', 'connection.username': 'a' })).toThrow("jdbc sink: 'connection.url' must be jdbc:postgresql://")
  })

  it("writes Debezium's logical types as the columns it creates hold them", () => {
    const decimal = { type: 'bytes', optional: true, name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: '2', 'connect.decimal.precision': '10' } } as const
    expect(sqlType(decimal, 'mariadb', false)).toBe('decimal(10,2)')
    expect(sqlValue(decimal, 'AJY=', 'postgresql')).toBe('1.50')
    expect(sqlValue({ type: 'int64', optional: true, name: 'io.debezium.time.MicroTimestamp' }, 1_704_164_645_500_000, 'mariadb')).toBe('2024-01-02 03:04:05.500000')
    expect(sqlValue({ type: 'int32', optional: true, name: 'io.debezium.time.Date' }, 19724, 'postgresql')).toBe('2024-01-02')
    expect(sqlType({ type: 'string', optional: false }, 'mariadb', true)).toBe('varchar(255)')
  })
})
