import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultRegistry } from '../plugins/default-registry.js'
import type { SinkConnector } from '../tasks/sink-task.js'
import { createMemoryTopicBackend } from '../topics/memory-topic-backend.js'
import { ConfigProviderError, redact, resolveConfig, resolveTaskConfig } from './config-providers.js'
import { createEngine } from './engine.js'
import { until } from './test-until.js'

describe('resolveTaskConfig', () => {
  it('resolves env and file placeholders and returns the values to scrub', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipe-providers-'))
    const file = join(dir, 'secrets.properties')
    await writeFile(file, '# comment\npassword = s3cret\n')
    const resolved = resolveTaskConfig({ token: 'Bearer ${env:TOKEN}', password: `\${file:${file}:password}`, plain: 'x' }, { TOKEN: 'abc' })
    expect(resolved.config).toEqual({ token: 'Bearer abc', password: 's3cret', plain: 'x' })
    expect(resolved.secrets).toEqual(['abc', 's3cret'])
  })

  it('names an unset variable and how to set it', () => {
    expect(() => resolveTaskConfig({ 'bearer.token': '${env:TWITTER_BEARER_TOKEN}' }, {})).toThrow(
      "environment variable TWITTER_BEARER_TOKEN is not set ('bearer.token' is ${env:TWITTER_BEARER_TOKEN}): set it where pipe runs, e.g. export TWITTER_BEARER_TOKEN=<value>",
    )
    expect(() => resolveTaskConfig({ p: '${file:/nonexistent.properties:pw}' }, {})).toThrow(ConfigProviderError)
    expect(() => resolveTaskConfig({ p: '${vault:path:key}' }, {})).toThrow(/config provider 'vault'/)
  })

  it('leaves unresolvable placeholders as written in the lenient form the worker uses', () => {
    expect(resolveConfig({ a: '${env:NOPE}' }, {}).config).toEqual({ a: '${env:NOPE}' })
    expect(redact('token abc and abcd', ['abc', 'abcd'])).toBe('token [hidden] and [hidden]')
  })
})

describe('the engine with config providers', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('resolves ${env:VAR} at task start and keeps the value out of configs and statuses', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipe-providers-'))
    vi.stubEnv('PIPE_TEST_INPUT_DIR', dir)
    await writeFile(join(dir, 'in.txt'), 'a\nb\n')
    const backend = createMemoryTopicBackend()
    const engine = createEngine({ backend, registry: defaultRegistry({ writer: { write: () => undefined } }), idleWaitMs: 5 })
    await engine.start([
      { name: 'src', config: { 'connector.class': 'FileStreamSource', file: '${env:PIPE_TEST_INPUT_DIR}/in.txt', topic: 't', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' } },
      { name: 'bad', config: { 'connector.class': 'FileStreamSource', file: '${env:PIPE_TEST_UNSET_VAR}', topic: 't' } },
    ])
    await until(() => backend.messages('t').length === 2)
    const bad = engine.status('bad')
    await engine.stop()
    expect(bad.tasks[0]?.state).toBe('FAILED')
    expect(bad.tasks[0]?.trace?.split('\n')[0]).toBe(
      "ConfigProviderError: environment variable PIPE_TEST_UNSET_VAR is not set ('file' is ${env:PIPE_TEST_UNSET_VAR}): set it where pipe runs, e.g. export PIPE_TEST_UNSET_VAR=<value>",
    )
    // the source offset is keyed by the resolved file name (the task's), as Kafka Connect's would be
    expect(await backend.readSourceOffset('src', { filename: join(dir, 'in.txt') })).toEqual({ position: 4 })
  })

  it("shows a running task's problem in its status, with resolved values hidden", async () => {
    vi.stubEnv('PIPE_TEST_PASSWORD', 'hunter2')
    let password = ''
    const sink: SinkConnector = {
      type: 'sink',
      taskConfigs: (config) => [config],
      createTask: () => ({
        start: (context) => {
          password = context.config['password'] ?? ''
          return Promise.resolve()
        },
        put: () => Promise.resolve(),
        flush: () => Promise.resolve(),
        stop: () => Promise.resolve(),
        problem: () => `server down, retrying (login with ${password} failed)`,
      }),
    }
    const registry = defaultRegistry({ writer: { write: () => undefined } }).with({ connectors: { 'test:retrying-sink': sink } })
    const engine = createEngine({ backend: createMemoryTopicBackend(), registry, idleWaitMs: 5 })
    await engine.start([{ name: 'snk', config: { 'connector.class': 'test:retrying-sink', topics: 't', password: '${env:PIPE_TEST_PASSWORD}' } }])
    await until(() => engine.status('snk').tasks[0]?.state === 'RUNNING')
    const status = engine.status('snk')
    await engine.stop()
    expect(password).toBe('hunter2')
    expect(status.tasks[0]).toEqual({ id: 0, state: 'RUNNING', worker_id: '127.0.0.1:pipe', problem: 'server down, retrying (login with [hidden] failed)' })
    expect(JSON.stringify(status)).not.toContain('hunter2')
  })
})
