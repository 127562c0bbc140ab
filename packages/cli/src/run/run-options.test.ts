import { describe, expect, it } from 'vitest'
import { countOption, durationOption, parseBrokers, resolveTarget } from './run-options.js'

describe('durationOption', () => {
  it('is undefined when not given and milliseconds when valid', () => {
    expect(durationOption('--max-idle', undefined)).toBeUndefined()
    expect(durationOption('--max-idle', '5s')).toBe(5000)
  })

  it('names the option and the accepted forms when malformed', () => {
    expect(() => durationOption('--max-idle', '5 sec')).toThrow("invalid --max-idle '5 sec': expected a number with a unit: 500ms, 5s, 2m or 1h")
  })
})

describe('resolveTarget', () => {
  it('runs embedded in .pipe by default', () => {
    expect(resolveTarget({}, {})).toEqual({ kind: 'embedded', stateDir: '.pipe' })
    expect(resolveTarget({ stateDir: 'state' }, {})).toEqual({ kind: 'embedded', stateDir: 'state' })
  })

  it('runs on Kafka with --bootstrap-servers, else PIPE_BOOTSTRAP_SERVERS', () => {
    expect(resolveTarget({ bootstrapServers: 'a:9092,b:9093' }, { PIPE_BOOTSTRAP_SERVERS: 'c:1' })).toEqual({ kind: 'kafka', brokers: ['a:9092', 'b:9093'] })
    expect(resolveTarget({}, { PIPE_BOOTSTRAP_SERVERS: '127.0.0.1:9092' })).toEqual({ kind: 'kafka', brokers: ['127.0.0.1:9092'] })
  })
})

describe('parseBrokers', () => {
  it.each(['localhost', 'a:b', ':9092', 'a:99999', ''])('rejects %j', (text) => {
    expect(() => parseBrokers(text, '--bootstrap-servers')).toThrow(/invalid --bootstrap-servers .*expected host:port/)
  })
})

describe('countOption', () => {
  it('accepts whole numbers from the minimum', () => {
    expect(countOption('--max-messages', '10')).toBe(10)
    expect(countOption('--timeout-ms', '0', 0)).toBe(0)
    expect(() => countOption('--max-messages', '0')).toThrow("invalid --max-messages '0': expected a whole number >= 1")
    expect(() => countOption('--max-messages', 'ten')).toThrow('expected a whole number')
  })
})
