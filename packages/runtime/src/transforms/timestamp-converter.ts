import { Float32, Float64, isConnectMap } from '../records/connect-value.js'
import type { ConnectValue } from '../records/connect-value.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { Transformation } from '../tasks/transformation.js'
import { checkJavaDatePattern, formatJavaDate, parseJavaDate } from '../java/java-date-format.js'
import { copyAndPut } from '../java/java-hash-map.js'
import type { RecordPart } from './smt-support.js'
import type { ConnectSchema } from '../records/connect-schema.js'
import { ConfigException, DataException, javaClassName, partOf, requireMap, requireStruct, requiredString, schemaOf, structSchema, withPart } from './smt-support.js'
import { ownValue } from '../records/own-property.js'

const TARGETS = ['string', 'unix', 'Date', 'Time', 'Timestamp'] as const
const PRECISION: Readonly<Record<string, number>> = { seconds: 1e-3, milliseconds: 1, microseconds: 1e3, nanoseconds: 1e6 }
const DAY = 86_400_000

interface Options {
  readonly target: (typeof TARGETS)[number]
  readonly format: string | undefined
  readonly perMilli: number
}

function toMillis(value: ConnectValue, o: Options): number {
  if (typeof value === 'string') {
    if (o.format === undefined) throw new DataException('TimestampConverter requires format option to be specified when using string timestamps')
    return parseJavaDate(o.format, value)
  }
  if (typeof value === 'number' || typeof value === 'bigint') return Math.floor(Number(value) / o.perMilli)
  if (value instanceof Float64 || value instanceof Float32) return Math.floor(value.value / o.perMilli)
  throw new DataException(`Expected Timestamp to be a java.util.Date or java.lang.Long, but found ${javaClassName(value)}`)
}

// Date, Time and Timestamp are java.util.Date values in Kafka Connect; schemaless pipe keeps epoch ms
function fromMillis(ms: number, o: Options): ConnectValue {
  switch (o.target) {
    case 'string':
      if (o.format === undefined) throw new DataException('TimestampConverter requires format option to be specified when using string timestamps')
      return formatJavaDate(o.format, ms)
    case 'unix': return Math.floor(ms * o.perMilli)
    case 'Date': return ms - (((ms % DAY) + DAY) % DAY)
    case 'Time': return ((ms % DAY) + DAY) % DAY
    case 'Timestamp': return ms
  }
}

const LOGICAL = 'org.apache.kafka.connect.data.'

/** The schema of a converted value: logical Date/Time/Timestamp, int64 for unix, string. */
function targetSchema(target: Options['target'], optional: boolean): ConnectSchema {
  switch (target) {
    case 'string': return { type: 'string', optional }
    case 'unix': return { type: 'int64', optional }
    case 'Date': return { type: 'int32', optional, name: `${LOGICAL}Date`, version: 1 }
    case 'Time': return { type: 'int32', optional, name: `${LOGICAL}Time`, version: 1 }
    case 'Timestamp': return { type: 'int64', optional, name: `${LOGICAL}Timestamp`, version: 1 }
  }
}

// With a schema, logical values are held as JsonConverter writes them: Date in days, Time in ms of the day, Timestamp in ms.
function toMillisWithSchema(value: ConnectValue, schema: ConnectSchema, o: Options): number {
  const n = typeof value === 'number' || typeof value === 'bigint' ? Number(value) : NaN
  if (schema.name === `${LOGICAL}Timestamp` || schema.name === `${LOGICAL}Time`) return n
  if (schema.name === `${LOGICAL}Date`) return n * DAY
  if (schema.type === 'string' || schema.type === 'int64') return toMillis(value, o)
  throw new DataException(`Schema Schema{${schema.type.toUpperCase()}} does not correspond to a known timestamp type format`)
}

function fromMillisWithSchema(ms: number, o: Options): ConnectValue {
  return o.target === 'Date' ? Math.floor(ms / DAY) : fromMillis(ms, o)
}

/** `TimestampConverter$Key` / `$Value`: converts the whole value or one field (of a map or struct) between timestamp forms. */
export function timestampConverter(part: RecordPart) {
  return (config: ConnectorConfig): Transformation => {
    const targetRaw = requiredString(config, 'target.type')
    const target = TARGETS.find((t) => t === targetRaw)
    if (target === undefined) throw new ConfigException(`Unknown timestamp type in TimestampConverter: ${targetRaw}. Valid values are ${TARGETS.join(', ')}.`)
    const precision = config['unix.precision'] ?? 'milliseconds'
    const perMilli = Object.hasOwn(PRECISION, precision) ? PRECISION[precision] : undefined
    if (perMilli === undefined) throw new ConfigException(`Invalid value ${precision} for configuration unix.precision`)
    const format = config['format']?.trim() === '' ? undefined : config['format']
    if (format !== undefined) {
      try {
        checkJavaDatePattern(format)
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        throw new ConfigException(`Invalid value java.lang.IllegalArgumentException: ${reason} for configuration TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: ${format}`)
      }
    }
    const o: Options = { target, format, perMilli }
    const field = config['field'] ?? ''
    return {
      apply(record) {
        const current = partOf(record, part)
        if (current === null) return record
        const schema = schemaOf(record, part)
        if (schema !== null) {
          if (field === '') return withPart(record, part, fromMillisWithSchema(toMillisWithSchema(current, schema, o), o), targetSchema(target, schema.optional))
          const struct = requireStruct(current, schema, 'converting timestamp formats')
          const fields = struct.schema.fields.map((f) => (f.field === field ? { field, schema: targetSchema(target, f.schema.optional) } : f))
          const value = Object.fromEntries(struct.schema.fields.map((f) => {
            const v = struct.value[f.field] ?? null
            return [f.field, f.field !== field || v === null ? v : fromMillisWithSchema(toMillisWithSchema(v, f.schema, o), o)]
          }))
          return withPart(record, part, value, { ...structSchema(schema, fields), optional: schema.optional })
        }
        if (field === '') return withPart(record, part, fromMillis(toMillis(current, o), o))
        const map = requireMap(current, 'converting timestamp formats')
        const inner = ownValue(map, field) ?? null
        const converted = inner === null || isConnectMap(inner) ? inner : fromMillis(toMillis(inner, o), o)
        return withPart(record, part, copyAndPut(map, [[field, converted]]))
      },
    }
  }
}
