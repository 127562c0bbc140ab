import { describe, expect, it } from 'vitest'
import type { ConnectorFigures, Snapshot } from '../run/snapshot.js'
import { createMemoryIoHost } from './io-host.js'
import { createLiveView, createLogView, formatCount, formatRate, formatTable, formatTotals, stateChanges } from './progress.js'

const figures = (over: Partial<ConnectorFigures> = {}): ConnectorFigures => ({
  name: 'lines-source', type: 'source', state: 'RUNNING', recordsIn: 1500, recordsOut: 1500, errors: 0, rate: 52_100, lag: undefined, failure: undefined, ...over,
})

const snapshot = (elapsedMs: number, connectors: readonly ConnectorFigures[]): Snapshot => ({ at: 1000 + elapsedMs, elapsedMs, connectors })

describe('formatCount and formatRate', () => {
  it('groups thousands', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567')
    expect(formatCount(0)).toBe('0')
  })

  it.each([[830, '830/s'], [52_100, '52.1k/s'], [2_400_000, '2.4M/s'], [0.4, '0/s']])('shows %d records/s as %s', (rate, text) => {
    expect(formatRate(rate)).toBe(text)
  })
})

describe('formatTable', () => {
  it('aligns one row per connector under a titled header', () => {
    const lines = formatTable('pipe run x.ts on embedded (.pipe)', snapshot(12_300, [figures(), figures({ name: 'lines-sink', type: 'sink', recordsIn: 999, recordsOut: 999, rate: 830, lag: 501, errors: 2 })]))
    expect(lines).toEqual([
      'pipe run x.ts on embedded (.pipe) · 12.3s',
      '  connector     type    state       in    out     rate  lag  errors',
      '  lines-source  source  RUNNING  1,500  1,500  52.1k/s    -       0',
      '  lines-sink    sink    RUNNING    999    999    830/s  501       2',
    ])
  })
})

describe('formatTotals and stateChanges', () => {
  it('prints plain totals per connector, lag only for sinks', () => {
    expect(formatTotals(snapshot(5000, [figures(), figures({ name: 'lines-sink', type: 'sink', lag: 0 })]))).toEqual([
      '[5s] lines-source RUNNING in=1500 out=1500 rate=52.1k/s errors=0',
      '[5s] lines-sink RUNNING in=1500 out=1500 rate=52.1k/s lag=0 errors=0',
    ])
  })

  it('reports new connectors and changed states only', () => {
    const first = snapshot(100, [figures()])
    expect(stateChanges(undefined, first)).toEqual(['[100ms] lines-source (source) RUNNING'])
    expect(stateChanges(first, snapshot(200, [figures()]))).toEqual([])
    expect(stateChanges(first, snapshot(300, [figures({ state: 'FAILED' })]))).toEqual(['[300ms] lines-source (source) RUNNING -> FAILED'])
  })
})

describe('createLogView', () => {
  it('logs state changes at once and totals every interval', () => {
    const io = createMemoryIoHost()
    let now = 0
    const view = createLogView(io, () => now, 5000)
    view.update(snapshot(100, [figures()]))
    now = 6000
    view.update(snapshot(6000, [figures()]))
    view.print('a record')
    expect(io.stderr).toBe('[100ms] lines-source (source) RUNNING\n[6s] lines-source RUNNING in=1500 out=1500 rate=52.1k/s errors=0\n')
    expect(io.stdout).toBe('a record\n')
  })
})

describe('createLiveView', () => {
  it('redraws the table in place, at most once per throttle interval', () => {
    const io = createMemoryIoHost()
    let now = 1000
    const view = createLiveView(io, 'title', () => now, 200)
    view.update(snapshot(100, [figures()]))
    now += 50
    view.update(snapshot(150, [figures()]))
    const draws = io.stderr.split('title').length - 1
    expect(draws).toBe(1)
    now += 200
    view.update(snapshot(400, [figures()]))
    expect(io.stderr).toContain('\u001b[3A\u001b[0J')
  })
})

describe('a task that retries', () => {
  const problem = 'cannot write to Cassandra, retrying (4 retries so far): All host(s) tried for query failed'
  it('shows its problem under the live table and in the log lines', () => {
    const retrying = snapshot(7000, [figures({ name: 'tweets-sink', type: 'sink', problem })])
    expect(formatTable('pipe run t.ts', retrying).at(-1)).toBe(`  tweets-sink problem: ${problem}`)
    expect(formatTotals(retrying)).toEqual([`[7s] tweets-sink RUNNING in=1500 out=1500 rate=52.1k/s errors=0 problem: ${problem}`])
  })

  it('logs when the problem starts and when it is over', () => {
    const before = snapshot(1000, [figures({ name: 'tweets-sink' })])
    const during = snapshot(2000, [figures({ name: 'tweets-sink', problem })])
    const after = snapshot(3000, [figures({ name: 'tweets-sink' })])
    expect(stateChanges(before, during)).toEqual([`[2s] tweets-sink problem: ${problem}`])
    expect(stateChanges(during, during)).toEqual([])
    expect(stateChanges(during, after)).toEqual(['[3s] tweets-sink recovered: no more problem'])
  })
})
