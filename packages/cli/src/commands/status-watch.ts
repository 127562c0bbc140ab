import { connectorFigures, type ConnectorFigures } from '@pipe/runtime'
import type { KafkaConnectClient } from '../deploy/kafka-connect-client.js'
import type { ExitCode } from '../exit-code.js'
import type { IoHost } from '../report/io-host.js'
import { renderStatusTable, statusJson, type LiveFigures } from '../report/render-status.js'
import { listenForStop } from '../run/stop-signal.js'

/** Records/s, lag and errors per connector, from two readings of `/metrics` `ms` apart. */
function liveFigures(now: Map<string, ConnectorFigures>, before: Map<string, ConnectorFigures> | undefined, ms: number): Map<string, LiveFigures> {
  const live = new Map<string, LiveFigures>()
  for (const [name, f] of now) {
    const previous = before?.get(name)
    live.set(name, { rate: previous === undefined || ms <= 0 ? 0 : Math.max(0, (f.out - previous.out) * 1000 / ms), lag: f.lag, errors: f.errors })
  }
  return live
}

/**
 * `pipe status --watch`: the table again every `intervalMs` until Ctrl-C, with records/s, lag and
 * errors where the worker serves `/metrics` (pipe worker; a Kafka Connect cluster shows states).
 * A terminal is redrawn in place; otherwise (and with --json, one JSON line per reading) frames follow each other.
 */
export async function watchStatus(client: KafkaConnectClient, io: IoHost, intervalMs: number, json: boolean): Promise<ExitCode> {
  const stop = listenForStop(() => undefined)
  let before: { at: number; figures: Map<string, ConnectorFigures> } | undefined
  try {
    while (!stop.requested) {
      const [connectors, text] = await Promise.all([client.listConnectors(), client.metrics()])
      const at = Date.now()
      const figures = text === undefined ? undefined : connectorFigures(text)
      const live = figures === undefined ? undefined : liveFigures(figures, before?.figures, at - (before?.at ?? at))
      if (figures !== undefined) before = { at, figures }
      if (json) {
        io.out(`${JSON.stringify({ status: 'ok', at: new Date(at).toISOString(), connect: client.url, connectors: connectors.map((c) => ({ ...statusJson(c), ...(live?.get(c.name) ?? {}) })) })}\n`)
      } else {
        const frame = `${new Date(at).toISOString()} ${client.url} (every ${String(intervalMs / 1000)} s, Ctrl-C to stop)\n${renderStatusTable(connectors, client.url, live)}`
        io.out(io.isInteractive ? `\x1b[H\x1b[2J${frame}` : `${frame}\n`)
      }
      await stop.wait(intervalMs)
    }
    return 0
  } finally {
    stop.dispose()
  }
}
