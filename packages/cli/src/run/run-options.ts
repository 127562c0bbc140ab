import { DURATION_FORMS, parseDuration } from './duration.js'
import { UserError } from '../errors/user-error.js'
import type { ClientConfig } from './client-config.js'

/** `pipe run`/`pipe consume` options as commander hands them over (strings). */
export interface RawTargetOptions {
  readonly bootstrapServers?: string
  readonly stateDir?: string
}

/** Where topics live: the embedded store in a state directory, or a Kafka cluster. */
export type Target =
  | { readonly kind: 'embedded'; readonly stateDir: string }
  | { readonly kind: 'kafka'; readonly brokers: readonly string[]; readonly client?: ClientConfig }

const HOST_PORT = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/

/** A bootstrap list `host:port[,host:port...]`, from the option or PIPE_BOOTSTRAP_SERVERS. */
export function parseBrokers(text: string, from: string): readonly string[] {
  const brokers = text.split(',').map((b) => b.trim()).filter((b) => b !== '')
  const bad = brokers.find((b) => !HOST_PORT.test(b) || Number(b.slice(b.lastIndexOf(':') + 1)) > 65535)
  if (brokers.length === 0 || bad !== undefined) {
    throw new UserError('PIPE_INVALID_OPTION', `invalid ${from} '${bad ?? text}': expected host:port[,host:port...], e.g. 127.0.0.1:9092`)
  }
  return brokers
}

/**
 * Kafka when a broker is given (option first, then the client config's bootstrap.servers, then
 * PIPE_BOOTSTRAP_SERVERS), else embedded. A client config (`--client-config`) needs Kafka.
 */
export function resolveTarget(options: RawTargetOptions, env: Readonly<Record<string, string | undefined>>, client?: ClientConfig): Target {
  const fromEnv = env['PIPE_BOOTSTRAP_SERVERS']
  const withClient = (brokers: readonly string[]): Target => (client === undefined ? { kind: 'kafka', brokers } : { kind: 'kafka', brokers, client })
  if (options.bootstrapServers !== undefined) return withClient(parseBrokers(options.bootstrapServers, '--bootstrap-servers'))
  if (client?.bootstrapServers !== undefined) return withClient(parseBrokers(client.bootstrapServers, `bootstrap.servers of ${client.file}`))
  if (fromEnv !== undefined && fromEnv.trim() !== '') return withClient(parseBrokers(fromEnv, 'PIPE_BOOTSTRAP_SERVERS'))
  if (client !== undefined) throw new UserError('PIPE_INVALID_OPTION', `the client config ${client.file} applies to Kafka, but no broker is given`, `add bootstrap.servers=host:port to ${client.file}, or pass --bootstrap-servers`)
  if (options.stateDir?.trim() === '') throw new UserError('PIPE_INVALID_OPTION', "invalid --state-dir '': expected a directory path, e.g. .pipe")
  return { kind: 'embedded', stateDir: options.stateDir ?? '.pipe' }
}

/** A duration option (`--max-idle 5s`); a malformed one names the option and the accepted forms. */
export function durationOption(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const ms = parseDuration(text)
  if (ms === undefined) throw new UserError('PIPE_INVALID_OPTION', `invalid ${option} '${text}': expected ${DURATION_FORMS}`)
  return ms
}

/** A whole-number option (`--max-messages 10`). */
export function countOption(option: string, text: string | undefined, min = 1): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) {
    throw new UserError('PIPE_INVALID_OPTION', `invalid ${option} '${text}': expected a whole number >= ${String(min)}`)
  }
  return Number(text)
}

/** Where `pipe run --metrics` (or `--ui`) listens: `host:port` (`[::1]:9404`; port 0 picks a free one). */
export interface ListenAddress {
  readonly host: string
  readonly port: number
}

/** A `host:port` option such as `--metrics 127.0.0.1:9404`. */
export function listenOption(option: string, text: string | undefined): ListenAddress | undefined {
  if (text === undefined) return undefined
  const value = text.trim()
  const port = Number(value.slice(value.lastIndexOf(':') + 1))
  if (!HOST_PORT.test(value) || port > 65535) throw new UserError('PIPE_INVALID_OPTION', `invalid ${option} '${text}': expected host:port, e.g. 127.0.0.1:9404`)
  const host = value.slice(0, value.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1')
  return { host, port }
}
