/** Per connector, summed over its tasks: what a console or `pipe status --watch` shows of `/metrics`. */
export interface ConnectorFigures {
  /** Records out: written to the topic (source), sent to the sink task (sink). */
  out: number
  /** Records in: polled (source), read from the topic (sink). */
  in: number
  /** The sink's lag (`pipe_sink_lag_records`), when the worker knows it. */
  lag: number | undefined
  /** Record failures (`total-record-failures`). */
  errors: number
}

const SERIES = /^([a-z_]+)\{([^}]*)\} (\S+)$/

function labelsOf(text: string): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const m of text.matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)) labels[m[1] ?? ''] = (m[2] ?? '').replace(/\\(.)/g, '$1')
  return labels
}

/**
 * Reads a worker's `/metrics` text (Kafka Connect's names) into figures per connector. Pure: the web
 * console (in the browser) and the CLI both use it.
 *
 * @example
 * ```ts
 * connectorFigures(await (await fetch(`${url}/metrics`)).text()).get('orders-source') // { out: 120, in: 120, lag: undefined, errors: 0 }
 * ```
 */
export function connectorFigures(text: string): Map<string, ConnectorFigures> {
  const out = new Map<string, ConnectorFigures>()
  const of = (name: string): ConnectorFigures => {
    let f = out.get(name)
    if (f === undefined) out.set(name, f = { out: 0, in: 0, lag: undefined, errors: 0 })
    return f
  }
  for (const line of text.split('\n')) {
    const m = SERIES.exec(line)
    if (m === null) continue
    const [, metric = '', labelText = '', valueText = ''] = m
    const connector = labelsOf(labelText)['connector']
    if (connector === undefined) continue
    const value = Number(valueText)
    if (metric.endsWith('source_record_write_total') || metric.endsWith('sink_record_send_total')) of(connector).out += value
    else if (metric.endsWith('source_record_poll_total') || metric.endsWith('sink_record_read_total')) of(connector).in += value
    else if (metric === 'pipe_sink_lag_records') of(connector).lag = value
    else if (metric.endsWith('total_record_failures')) of(connector).errors += value
  }
  return out
}
