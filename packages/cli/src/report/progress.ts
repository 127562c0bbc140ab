import { formatDuration } from '../run/duration.js'
import type { ProgressView } from '../run/progress-view.js'
import type { ConnectorFigures, Snapshot } from '../run/snapshot.js'
import type { IoHost } from './io-host.js'

/** `1234567` -> `1,234,567`. */
export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US')

/** `52100` -> `52.1k/s`, `830` -> `830/s`, `2400000` -> `2.4M/s`. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M/s`
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k/s`
  return `${String(Math.round(perSecond))}/s`
}

const COLUMNS = ['connector', 'type', 'state', 'in', 'out', 'rate', 'lag', 'errors'] as const

function cells(c: ConnectorFigures): string[] {
  return [c.name, c.type, c.state, formatCount(c.recordsIn), formatCount(c.recordsOut), formatRate(c.rate), c.lag === undefined ? '-' : formatCount(c.lag), formatCount(c.errors)]
}

/** The live table: a header line, then one aligned row per connector. */
export function formatTable(title: string, snapshot: Snapshot): string[] {
  const rows = [[...COLUMNS], ...snapshot.connectors.map(cells)]
  const widths = COLUMNS.map((_, i) => rows.reduce((width, r) => Math.max(width, (r[i] ?? '').length), 0))
  const lines = rows.map((r) => `  ${r.map((cell, i) => (i >= 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()}`)
  const problems = snapshot.connectors.flatMap((c) => (c.problem === undefined ? [] : [`  ${c.name} problem: ${c.problem}`]))
  return [`${title} · ${formatDuration(snapshot.elapsedMs)}`, ...lines, ...problems]
}

/** One plain log line per connector: `[12.3s] orders-sink RUNNING in=10 out=10 rate=5/s lag=0 errors=0`. */
export function formatTotals(snapshot: Snapshot): string[] {
  return snapshot.connectors.map((c) => {
    const lag = c.lag === undefined ? '' : ` lag=${String(c.lag)}`
    const problem = c.problem === undefined ? '' : ` problem: ${c.problem}`
    return `[${formatDuration(snapshot.elapsedMs)}] ${c.name} ${c.state} in=${String(c.recordsIn)} out=${String(c.recordsOut)} rate=${formatRate(c.rate)}${lag} errors=${String(c.errors)}${problem}`
  })
}

/** Lines for connectors whose state changed since `previous` (or appeared), or that started or stopped retrying. */
export function stateChanges(previous: Snapshot | undefined, next: Snapshot): string[] {
  return next.connectors.flatMap((c) => {
    const at = `[${formatDuration(next.elapsedMs)}] ${c.name}`
    const was = previous?.connectors.find((p) => p.name === c.name)
    const lines = was?.state === c.state ? [] : [`${at} (${c.type}) ${was === undefined ? '' : `${was.state} -> `}${c.state}`]
    if (c.problem !== undefined && was?.problem === undefined) lines.push(`${at} problem: ${c.problem}`)
    if (c.problem === undefined && was?.problem !== undefined) lines.push(`${at} recovered: no more problem`)
    return lines
  })
}

/** On a terminal: the table on stderr, redrawn in place at most every `throttleMs`. */
export function createLiveView(io: IoHost, title: string, now: () => number, throttleMs = 200): ProgressView {
  let drawn = 0
  let lastDraw = 0
  let latest: Snapshot | undefined
  const clear = (): void => {
    if (drawn > 0) io.err(`\u001b[${String(drawn)}A\u001b[0J`)
    drawn = 0
  }
  const draw = (): void => {
    if (latest === undefined) return
    const lines = formatTable(title, latest)
    clear()
    io.err(`${lines.join('\n')}\n`)
    drawn = lines.length
    lastDraw = now()
  }
  return {
    update(snapshot) {
      latest = snapshot
      if (now() - lastDraw >= throttleMs) draw()
    },
    log(line) { clear(); io.err(`${line}\n`); draw() },
    print(line) { clear(); io.out(`${line}\n`); draw() },
    close(final) { if (final !== undefined) latest = final; draw() },
  }
}

/** Not on a terminal: state changes as they happen and the totals every `intervalMs`. */
export function createLogView(io: IoHost, now: () => number, intervalMs = 5000): ProgressView {
  let previous: Snapshot | undefined
  let lastTotals = now()
  return {
    update(snapshot) {
      for (const line of stateChanges(previous, snapshot)) io.err(`${line}\n`)
      previous = snapshot
      if (now() - lastTotals >= intervalMs) {
        for (const line of formatTotals(snapshot)) io.err(`${line}\n`)
        lastTotals = now()
      }
    },
    log(line) { io.err(`${line}\n`) },
    print(line) { io.out(`${line}\n`) },
    close(final) {
      if (final !== undefined) for (const line of formatTotals(final)) io.err(`${line}\n`)
    },
  }
}

/** With --json: only data lines; the outcome is printed as JSON at the end. */
export function createQuietView(io: IoHost): ProgressView {
  return { update: () => undefined, log: () => undefined, print: (line) => { io.out(`${line}\n`) }, close: () => undefined }
}
