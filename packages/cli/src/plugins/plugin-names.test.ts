import { describe, expect, it } from 'vitest'
import { classWords, pluginNames } from './plugin-names.js'

describe('classWords', () => {
  it('splits the simple name of a class, nested classes and acronyms included', () => {
    expect(classWords('org.apache.kafka.connect.transforms.InsertField$Value')).toEqual(['insert', 'field', 'value'])
    expect(classWords('com.acme.HTTPSourceConnector')).toEqual(['http', 'source', 'connector'])
    expect(classWords('io.debezium.transforms.ExtractNewRecordState')).toEqual(['extract', 'new', 'record', 'state'])
    expect(classWords('org.x.Base64Decoder')).toEqual(['base64', 'decoder'])
  })
})

describe('pluginNames', () => {
  const one = (className: string): ReturnType<typeof pluginNames> extends Map<string, infer N> ? N : never => {
    const names = pluginNames([className]).get(className)
    if (names === undefined) throw new Error(`no names for ${className}`)
    return names
  }

  it('names the file kebab-case and the factory camelCase after the simple name', () => {
    expect(one('io.debezium.connector.postgresql.PostgresConnector')).toEqual({ file: 'postgres-connector', factory: 'postgresConnector', definition: 'postgresConnectorDefinition' })
    expect(one('org.apache.kafka.connect.transforms.InsertField$Value')).toMatchObject({ file: 'insert-field-value', factory: 'insertFieldValue' })
  })

  it('prefixes package segments, innermost first, only for simple names two classes share', () => {
    const classes = ['org.apache.kafka.connect.transforms.TimestampConverter', 'io.debezium.transforms.TimestampConverter', 'io.debezium.transforms.Other']
    const names = pluginNames(classes)
    const files = classes.map((name) => names.get(name)?.file)
    expect(new Set(files).size).toBe(3)
    expect(files[2]).toBe('other')
    expect(files[0]).toMatch(/-timestamp-converter$/)
    expect(files[1]).toMatch(/-timestamp-converter$/)
    expect(files[0]).not.toBe(files[1])
  })

  it('gives the same names whatever the order of the classes', () => {
    const classes = ['a.b.Filter', 'c.d.Filter', 'e.Filter', 'a.b.C$D', 'a.b.CD']
    const forward = pluginNames(classes)
    const backward = pluginNames([...classes].reverse())
    expect([...backward].sort()).toEqual([...forward].sort())
    expect(new Set([...forward.values()].map((n) => n.file)).size).toBe(classes.length)
  })

  it('never names a factory after a reserved word or a name the module imports', () => {
    for (const name of ['x.Default', 'x.Field', 'x.Index', 'x.Env']) {
      const factory = one(name).factory
      expect(factory).not.toMatch(/^(default|field|index|env)$/)
      expect(factory).toMatch(/^[a-z][A-Za-z0-9]*$/)
    }
  })
})
