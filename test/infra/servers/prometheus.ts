import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { debianBinary } from '../debian-binary.js'
import { infraDir } from '../paths.js'
import { freePort } from '../ports.js'
import { startDetached } from '../process.js'
import { lastPorts, rememberPorts, type ServerState } from '../state.js'
import { waitUntil } from '../wait.js'
import type { StartOptions } from './kafka.js'

/** Where tests register the targets to scrape: one `<name>.json` file_sd file each, read every second. */
export const prometheusTargetsDir = (): string => infraDir('prometheus', 'targets')

/** Debian's Prometheus (installed as root when missing; the package may also start the system's own on 9090, never used here); PIPE_PROMETHEUS_BIN overrides it. */
export const prometheusBin = (): string => debianBinary('/usr/bin/prometheus', 'prometheus', 'PIPE_PROMETHEUS_BIN')

/** Scrapes every target registered under `prometheusTargetsDir()` every second (a test's figures show within seconds). */
const config = (targetsDir: string): string => [
  'global:',
  '  scrape_interval: 1s',
  '  evaluation_interval: 1s',
  'scrape_configs:',
  '  - job_name: pipe-tests',
  '    scrape_interval: 1s',
  '    scrape_timeout: 900ms',
  '    file_sd_configs:',
  `      - files: ['${targetsDir}/*.json']`,
  '        refresh_interval: 1s',
  '',
].join('\n')

/**
 * Starts Prometheus on a free loopback port (its data and config under PIPE_INFRA_HOME/prometheus);
 * ready when `/-/ready` answers 200.
 *
 * @example
 * const state = await startPrometheus({ keepData: false })
 * // state.endpoint === 'http://127.0.0.1:19090'; tests add targets with registerPrometheusTarget
 */
export async function startPrometheus(options: StartOptions): Promise<Omit<ServerState, 'startedAt' | 'startupMs'>> {
  const bin = prometheusBin()
  const dir = (...parts: string[]): string => infraDir('prometheus', ...parts)
  const port = await freePort(lastPorts('prometheus')?.['http'] ?? 19090)
  rememberPorts('prometheus', { http: port })
  if (!options.keepData) rmSync(dir('data'), { recursive: true, force: true })
  for (const sub of ['logs', 'data', 'targets']) mkdirSync(dir(sub), { recursive: true })
  writeFileSync(dir('prometheus.yml'), config(prometheusTargetsDir()))
  const logFile = dir('logs', 'prometheus.log')
  rmSync(logFile, { force: true })
  const pid = startDetached(bin, [
    `--config.file=${dir('prometheus.yml')}`, `--storage.tsdb.path=${dir('data')}`, `--web.listen-address=127.0.0.1:${String(port)}`,
    '--web.enable-lifecycle', '--storage.tsdb.retention.time=1d',
  ], logFile, dir())
  options.onSpawn?.(pid)
  const endpoint = `http://127.0.0.1:${String(port)}`
  await waitUntil('prometheus', pid, logFile, 60_000, async () => (await fetch(`${endpoint}/-/ready`)).ok)
  return { name: 'prometheus', pid, ports: { http: port }, endpoint, logFile, info: { targets: prometheusTargetsDir() } }
}
