import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import type { EnvSource } from '@pipe/runtime'
import { UserError } from '../errors/user-error.js'
import { clientConfigOf, readClientEntries, type ClientConfig, type ClientEntries } from '../run/client-config.js'
import type { ConfigValue } from '../run/client-tls.js'

/** What a Kafka Connect worker `.properties` file (connect-standalone / connect-distributed) sets. */
export interface WorkerFile {
  readonly file: string
  readonly bootstrapServers?: string
  readonly groupId?: string
  readonly configStorageTopic?: string
  readonly offsetStorageTopic?: string
  readonly statusStorageTopic?: string
  readonly replicationFactors: { readonly config?: number; readonly offsets?: number; readonly status?: number }
  readonly listeners?: string
  /** `rest.advertised.host.name` and `rest.advertised.port`: the worker's id and address for the others */
  readonly advertised?: { readonly host?: string; readonly port?: number }
  /** `offset.storage.file.filename` (standalone) */
  readonly offsetsFile?: string
  readonly offsetFlushIntervalMs?: number
  /** the security keys (unprefixed, else `producer.`/`consumer.`/`admin.`), when the file has any */
  readonly client?: ClientConfig
}

const SECURITY = /^(security\.protocol|sasl\.|ssl\.|client\.id$)/
const CLIENT_PREFIXES = ['producer.', 'consumer.', 'admin.'] as const
const TOPIC_KEYS = ['config', 'offset', 'status'] as const
/** Keys pipe reads, or accepts because it already behaves as they ask. */
const KNOWN = new Set(['bootstrap.servers', 'group.id', 'listeners', 'rest.advertised.host.name', 'rest.advertised.port', 'rest.advertised.listener', 'offset.storage.file.filename', 'offset.flush.interval.ms', 'plugin.path',
  ...TOPIC_KEYS.flatMap((t) => [`${t}.storage.topic`, `${t}.storage.replication.factor`, `${t}.storage.partitions`])])
/** The converters pipe's worker uses when a connector names none (Kafka Connect's sample files set exactly these). */
const DEFAULT_CONVERTERS: Readonly<Record<string, string>> = {
  'key.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'key.converter.schemas.enable': 'true', 'value.converter.schemas.enable': 'true',
}
const PROVIDERS: Readonly<Record<string, string>> = { env: 'org.apache.kafka.common.config.provider.EnvVarConfigProvider', file: 'org.apache.kafka.common.config.provider.FileConfigProvider' }

/** A connector file (`connector.class`) or a worker file: connect-standalone's first argument is the worker's. */
export function isWorkerFile(file: string): boolean {
  if (extname(file) !== '.properties') return false
  try {
    return !/^\s*connector\.class\s*[=:\s]/m.test(readFileSync(file, 'utf8'))
  } catch {
    return false
  }
}

function number(entry: ConfigValue | undefined, key: string, min: number): number | undefined {
  if (entry === undefined) return undefined
  if (!/^-?\d+$/.test(entry.value.trim()) || Number(entry.value) < min) throw new UserError('PIPE_WORKER_CONFIG', `${entry.at}: invalid ${key} '${entry.value}': expected a whole number >= ${String(min)}`)
  return Number(entry.value)
}

/** A key pipe takes as Kafka Connect does, or undefined; `config.providers` names only env and file. */
function isSupported(key: string, entry: ConfigValue, entries: ClientEntries): boolean {
  if (KNOWN.has(key) || SECURITY.test(key)) return true
  if (DEFAULT_CONVERTERS[key] !== undefined) return DEFAULT_CONVERTERS[key] === entry.value.trim()
  if (key === 'config.providers') return entry.value.split(',').every((p) => PROVIDERS[p.trim()] !== undefined && entries.get(`config.providers.${p.trim()}.class`)?.value.trim() === PROVIDERS[p.trim()])
  const provider = /^config\.providers\.([^.]+)\.class$/.exec(key)?.[1]
  if (provider !== undefined) return PROVIDERS[provider] === entry.value.trim()
  const prefix = CLIENT_PREFIXES.find((p) => key.startsWith(p))
  return prefix !== undefined && SECURITY.test(key.slice(prefix.length))
}

/** The client keys: unprefixed first; a prefixed key fills in what the unprefixed ones leave out (pipe has one client config). */
function clientEntries(entries: ClientEntries, warn: (line: string) => void): ClientEntries {
  const out = new Map([...entries].filter(([k]) => SECURITY.test(k) || k === 'bootstrap.servers'))
  for (const prefix of CLIENT_PREFIXES) {
    for (const [key, entry] of entries) {
      if (!key.startsWith(prefix) || !SECURITY.test(key.slice(prefix.length))) continue
      const plain = key.slice(prefix.length)
      const have = out.get(plain)
      if (have === undefined) out.set(plain, entry)
      else if (have.value !== entry.value) warn(`${entry.at}: WARN ${key} differs from ${plain} (${have.at}); pipe's worker uses one Kafka client config for its own and its tasks' clients: ${plain} applies`)
    }
  }
  return out
}

/**
 * Reads a Kafka Connect worker `.properties` file as connect-standalone and connect-distributed do.
 * Keys pipe does not support are told to `warn` once, in one line; plugin.path is told to be unused.
 *
 * @example
 * ```ts
 * readWorkerFile('config/connect-distributed.properties', process.env, console.error) // { groupId: 'connect-cluster', ... }
 * ```
 */
export function readWorkerFile(file: string, env: EnvSource, warn: (line: string) => void): WorkerFile {
  const entries = readClientEntries(file, 'worker config file')
  const get = (key: string): string | undefined => entries.get(key)?.value.trim()
  const unsupported = [...entries].filter(([k, e]) => !isSupported(k, e, entries)).map(([k]) => k)
  if (unsupported.length > 0) warn(`${file}: WARN keys pipe's worker does not support, ignored: ${unsupported.join(', ')}`)
  const pluginPath = entries.get('plugin.path')
  if (pluginPath !== undefined && pluginPath.value.trim() !== '') warn(`${pluginPath.at}: WARN plugin.path is not used: pipe's worker runs its built-in connectors (pipe plugins list)`)
  const client = clientEntries(entries, warn)
  const hasSecurity = [...client.keys()].some((k) => SECURITY.test(k))
  const pick = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> => (value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, string>)) // cast: one key
  const flush = number(entries.get('offset.flush.interval.ms'), 'offset.flush.interval.ms', 1)
  const advertisedHost = get('rest.advertised.host.name')
  const advertisedPort = number(entries.get('rest.advertised.port'), 'rest.advertised.port', 1)
  const listener = entries.get('rest.advertised.listener')
  if (listener !== undefined && !['', 'http'].includes(listener.value.trim().toLowerCase())) throw new UserError('PIPE_WORKER_CONFIG', `${listener.at}: rest.advertised.listener '${listener.value}' cannot apply: pipe's worker serves http only`)
  const advertised = { ...(advertisedHost === undefined || advertisedHost === '' ? {} : { host: advertisedHost }), ...(advertisedPort === undefined ? {} : { port: advertisedPort }) }
  const [config, offsets, status] = TOPIC_KEYS.map((t) => number(entries.get(`${t}.storage.replication.factor`), `${t}.storage.replication.factor`, -1))
  return {
    file,
    ...pick('bootstrapServers', get('bootstrap.servers')),
    ...pick('groupId', get('group.id')),
    ...pick('configStorageTopic', get('config.storage.topic')),
    ...pick('offsetStorageTopic', get('offset.storage.topic')),
    ...pick('statusStorageTopic', get('status.storage.topic')),
    ...pick('listeners', get('listeners')),
    ...pick('offsetsFile', get('offset.storage.file.filename')),
    ...(flush === undefined ? {} : { offsetFlushIntervalMs: flush }),
    ...(Object.keys(advertised).length === 0 ? {} : { advertised }),
    replicationFactors: { ...(config === undefined ? {} : { config }), ...(offsets === undefined ? {} : { offsets }), ...(status === undefined ? {} : { status }) },
    ...(hasSecurity ? { client: clientConfigOf(file, client, env) } : {}),
  }
}
