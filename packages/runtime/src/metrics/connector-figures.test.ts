import { describe, expect, it } from 'vitest'
import { connectorFigures } from './connector-figures.js'

describe('connectorFigures', () => {
  it('sums each connector\'s tasks and reads lag and failures', () => {
    const text = [
      '# HELP kafka_connect_source_task_metrics_source_record_write_total Records written',
      'kafka_connect_source_task_metrics_source_record_write_total{connector="a",task="0"} 10',
      'kafka_connect_source_task_metrics_source_record_write_total{connector="a",task="1"} 5',
      'kafka_connect_source_task_metrics_source_record_poll_total{connector="a",task="0"} 12',
      'kafka_connect_sink_task_metrics_sink_record_send_total{connector="b",task="0"} 7',
      'kafka_connect_task_error_metrics_total_record_failures{connector="b",task="0"} 2',
      'pipe_sink_lag_records{connector="b"} 3',
      'kafka_connect_connect_worker_metrics_connector_count 2',
      'kafka_connect_sink_task_metrics_sink_record_read_total{connector="q\\"x",task="0"} 1',
    ].join('\n')
    const figures = connectorFigures(text)
    expect(figures.get('a')).toEqual({ out: 15, in: 12, lag: undefined, errors: 0 })
    expect(figures.get('b')).toEqual({ out: 7, in: 0, lag: 3, errors: 2 })
    expect(figures.has('q"x')).toBe(true)
  })
})
