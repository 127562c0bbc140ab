import { describe, expect, it } from 'vitest'
import type { ConnectorStatus } from '@pipe/dsl/contract'
import { createFakeConnect, running } from '../deploy/fake-connect-client.fixture.js'
import { createMemoryIoHost } from '../report/io-host.js'
import { runLifecycle } from './lifecycle.js'
import { runOffsets } from './offsets.js'

const stopped = (name: string): ConnectorStatus => ({ name, connector: { state: 'STOPPED', worker_id: '' }, tasks: [], type: 'source' })

describe('pipe pause|resume|stop|restart', () => {
  it('waits past a stale STOPPED status until a resumed connector runs', async () => {
    const connect = createFakeConnect()
    connect.configs.set('a', { name: 'a' })
    connect.statuses.set('a', [stopped('a'), stopped('a'), running('a')])
    const io = createMemoryIoHost()
    expect(await runLifecycle('resume', 'a', {}, io, connect)).toBe(0)
    expect(connect.calls).toEqual(['RESUME a'])
    expect(io.stdout).toBe('resumed a\na (source) RUNNING\n  task 0 RUNNING\n')
  })
})

describe('pipe offsets', () => {
  it('refuses to alter a running connector, naming pipe stop, and sends nothing', async () => {
    const connect = createFakeConnect()
    connect.configs.set('a', { name: 'a' })
    connect.statuses.set('a', [running('a')])
    const io = createMemoryIoHost()
    const options = { partition: '{"filename":"/in.txt"}', offset: '{"position":3}' }
    expect(await runOffsets('alter', 'a', options, io, '/', connect)).toBe(1)
    expect(io.stderr).toBe("pipe offsets alter: error PIPE_CONNECTOR_NOT_STOPPED: connector 'a' is RUNNING: Kafka Connect changes offsets only while a connector is STOPPED; fix: run `pipe stop a` first, then `pipe resume a` once the offsets are changed\n")
    expect(connect.calls).toEqual([])
  })

  it('alters a stopped connector, and says what is wrong with bad JSON', async () => {
    const connect = createFakeConnect()
    connect.configs.set('a', { name: 'a' })
    connect.statuses.set('a', [stopped('a')])
    const io = createMemoryIoHost()
    expect(await runOffsets('alter', 'a', { partition: '{"filename":"/in.txt"}', offset: '{"position":3}' }, io, '/', connect)).toBe(0)
    expect(connect.calls).toEqual(['PATCH a/offsets'])
    expect(await runOffsets('alter', 'a', { partition: '{filename}', offset: 'null' }, io, '/', connect)).toBe(1)
    expect(io.stderr).toMatch(/^pipe offsets alter: error PIPE_INVALID_OFFSETS: --partition is not valid JSON: /)
  })
})
