import { describe, expect, it } from 'vitest'
import { source, topic } from '../../builder/source.js'
import { toPipelineIR } from '../../builder/to-pipeline-ir.js'
import { hasHeaderKey, not, recordIsTombstone, topicNameMatches } from '../../builder/predicate.js'
import { fileSink } from '../../connectors/file/file-sink.js'
import { datagen } from '../../connectors/datagen/datagen-source.js'
import { compilePipeline } from '../../testing/builtin-catalog.fixture.js'
import { errorPolicyConfig } from './error-policy.js'
import { converterConfig } from './converters.js'

const users = () => source(datagen({ preset: 'users' })).to(topic('users'))
const sinkConfig = (p: Parameters<typeof toPipelineIR>[0]) =>
  compilePipeline(toPipelineIR(p, { defaultName: 'p' }), { target: 'pipe' }).connectors.find((c) => c.name === 'p-sink')?.config ?? {}
const T = 'org.apache.kafka.connect.transforms.'

describe('transform chain compilation', () => {
  it('compiles every field SMT with its Kafka Connect class and keys', () => {
    const config = sinkConfig(users()
      .insertField({ topic: 't', partition: 'p', offset: 'o', timestamp: 'ts', static: { field: 's', value: 'v' } })
      .replaceField({ include: ['user_id', 'email', 'name', 'address', 'ts'], exclude: ['email'], renames: { name: 'full_name' } })
      .maskField(['full_name'], '*')
      .cast({ user_id: 'string' })
      .convertTimestamp({ field: 'ts', targetType: 'unix', unixPrecision: 'seconds' })
      .valueToKey(['user_id'])
      .flatten()
      .headerFrom({ fields: ['user_id'], headers: ['uid'], operation: 'move' })
      .sink(fileSink({ file: 'o' })))
    expect(config).toMatchObject({
      transforms: 'insert-field-0,replace-field-1,mask-field-2,cast-3,timestamp-converter-4,value-to-key-5,flatten-6,header-from-7',
      'transforms.insert-field-0.type': `${T}InsertField$Value`,
      'transforms.insert-field-0.topic.field': 't',
      'transforms.insert-field-0.offset.field': 'o',
      'transforms.insert-field-0.static.value': 'v',
      'transforms.replace-field-1.type': `${T}ReplaceField$Value`,
      'transforms.replace-field-1.include': 'user_id,email,name,address,ts',
      'transforms.replace-field-1.renames': 'name:full_name',
      'transforms.mask-field-2.replacement': '*',
      'transforms.cast-3.spec': 'user_id:string',
      'transforms.timestamp-converter-4.target.type': 'unix',
      'transforms.timestamp-converter-4.unix.precision': 'seconds',
      'transforms.value-to-key-5.type': `${T}ValueToKey`,
      'transforms.flatten-6.type': `${T}Flatten$Value`,
      'transforms.header-from-7.operation': 'move',
    })
  })

  it('compiles routers, headers, extract/hoist and whole-value casts', () => {
    const config = sinkConfig(users().extractField('email').hoistField('e').routeByRegex('u(.*)', 'x$1').routeByTimestamp()
      .insertHeader('h', '1').dropHeaders(['h']).extractField('e').castValue('string').sink(fileSink({ file: 'o' })))
    expect(config).toMatchObject({
      'transforms.regex-router-2.type': `${T}RegexRouter`,
      'transforms.regex-router-2.regex': 'u(.*)',
      'transforms.regex-router-2.replacement': 'x$1',
      'transforms.timestamp-router-3.type': `${T}TimestampRouter`,
      'transforms.insert-header-4.value.literal': '1',
      'transforms.drop-headers-5.headers': 'h',
      'transforms.cast-7.spec': 'string',
    })
  })

  it('uses the aliases given with .as() for transforms and predicates, and pipe\'s own for the others', () => {
    const config = sinkConfig(users().maskField(['email']).as('mask').dropIf(recordIsTombstone()).as('drop', { predicate: 'isTomb' }).flatten().sink(fileSink({ file: 'o' })))
    expect(config['transforms']).toBe('mask,drop,flatten-2')
    expect(config['transforms.mask.type']).toBe(`${T}MaskField$Value`)
    expect(config['transforms.drop.predicate']).toBe('isTomb')
    expect(config['predicates']).toBe('isTomb')
    expect(config['predicates.isTomb.type']).toBe('org.apache.kafka.connect.transforms.predicates.RecordIsTombstone')
  })

  it('lets two steps share a predicate alias when their predicates are equal (Kafka Connect declares it once), and refuses it otherwise', () => {
    const config = sinkConfig(users().dropIf(recordIsTombstone()).as('drop', { predicate: 'tomb' })
      .when(not(recordIsTombstone()), (s) => s.maskField(['email']).as('mask', { predicate: 'tomb' })).sink(fileSink({ file: 'o' })))
    expect(config['predicates']).toBe('tomb')
    expect(config['transforms.drop.predicate']).toBe('tomb')
    expect(config['transforms.mask.predicate']).toBe('tomb')
    expect(config['transforms.mask.negate']).toBe('true')
    const diagnostics = compilePipeline(toPipelineIR(users().dropIf(recordIsTombstone()).as('drop', { predicate: 'p' })
      .dropIf(hasHeaderKey('x')).as('drop2', { predicate: 'p' }).sink(fileSink({ file: 'o' })), { defaultName: 'p' })).diagnostics
    expect(diagnostics.filter((d) => d.code === 'PIPE_INVALID_TRANSFORM').map((d) => d.message)).toEqual(["predicate alias 'p' is already used in this connector by another predicate (steps share a predicate alias only when their predicates are equal)"])
  })

  it('reports a bad, repeated or colliding alias at the line of its step', () => {
    const codes = (p: Parameters<typeof toPipelineIR>[0]): string[] =>
      compilePipeline(toPipelineIR(p, { defaultName: 'p' })).diagnostics.filter((d) => d.code === 'PIPE_INVALID_TRANSFORM').map((d) => `${d.message} @${String(d.location?.line !== undefined)}`)
    expect(codes(users().maskField(['email']).as('a,b').sink(fileSink({ file: 'o' })))).toEqual(["transform alias 'a,b' may hold only letters, digits, _ . and - @true"])
    expect(codes(users().maskField(['email']).as('x').flatten().as('x').sink(fileSink({ file: 'o' })))).toEqual(["transform alias 'x' is already used in this connector @true"])
    expect(codes(users().maskField(['email']).as('flatten-1').flatten().sink(fileSink({ file: 'o' })))).toEqual(["transform alias 'flatten-1' collides with an alias pipe generates (<step>-<position>) @true"])
    expect(() => users().as('x')).toThrow(/\.as\(\) names the step just before it/)
  })

  it('compiles Filter with each predicate and negation', () => {
    const config = sinkConfig(users().dropIf(topicNameMatches('test-.*')).keepIf(hasHeaderKey('ok')).dropIf(not(recordIsTombstone())).sink(fileSink({ file: 'o' })))
    expect(config).toMatchObject({
      transforms: 'filter-0,filter-1,filter-2',
      predicates: 'filter-0-if,filter-1-if,filter-2-if',
      'transforms.filter-0.type': `${T}Filter`,
      'transforms.filter-0.predicate': 'filter-0-if',
      'predicates.filter-0-if.type': `${T}predicates.TopicNameMatches`,
      'predicates.filter-0-if.pattern': 'test-.*',
      'transforms.filter-1.negate': 'true',
      'predicates.filter-1-if.name': 'ok',
      'transforms.filter-2.negate': 'true',
      'predicates.filter-2-if.type': `${T}predicates.RecordIsTombstone`,
    })
    expect(config).not.toHaveProperty('transforms.filter-0.negate')
  })

  it('reports insertField({ offset }) on the source side', () => {
    const ir = toPipelineIR(source(datagen({ preset: 'users' })).insertField({ offset: 'o' }).to(topic('u')), { defaultName: 'p' })
    expect(compilePipeline(ir, { target: 'pipe' }).diagnostics.map((d) => d.code)).toEqual(['PIPE_INVALID_TRANSFORM'])
  })
})

describe('errorPolicyConfig', () => {
  it('always states errors.tolerance and adds only what the policy sets', () => {
    expect(errorPolicyConfig()).toEqual({ 'errors.tolerance': 'none' })
    expect(errorPolicyConfig({ tolerance: 'all', retryTimeoutMs: -1, retryMaxDelayMs: 1000, log: true, logMessages: false, deadLetterReplicationFactor: 1 })).toEqual({
      'errors.tolerance': 'all',
      'errors.retry.timeout': '-1',
      'errors.retry.delay.max.ms': '1000',
      'errors.log.enable': 'true',
      'errors.log.include.messages': 'false',
      'errors.deadletterqueue.topic.replication.factor': '1',
    })
  })
})

describe('converterConfig', () => {
  it('maps formats to explicit converters', () => {
    expect(converterConfig('string')).toEqual({ 'key.converter': 'org.apache.kafka.connect.storage.StringConverter', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' })
    expect(converterConfig('json-schema')['value.converter.schemas.enable']).toBe('true')
  })
})
