import { readFileSync } from 'node:fs'
import { resolveTaskConfig, RuntimeError, type EnvSource, type KafkaSecurity, type SaslMechanism } from '@pipe/runtime'
import { UserError } from '../errors/user-error.js'
import { parsePropertiesText } from '../util/properties-text.js'
import { parseJaasConfig } from './jaas-config.js'
import { tlsOptions, type ConfigLookup, type ConfigValue } from './client-tls.js'

/** A Kafka client `.properties` file (`--client-config`), read and checked. */
export interface ClientConfig {
  readonly file: string
  /** `bootstrap.servers`, when the file has it. */
  readonly bootstrapServers?: string
  readonly clientId?: string
  readonly security: KafkaSecurity
  /** e.g. `SASL_SSL, SCRAM-SHA-512 as 'app'`: what is shown of it (no secret). */
  readonly summary: string
  /** One line per key pipe does not use. */
  readonly warnings: readonly string[]
  /** Every password and key of the file, to scrub from anything shown. */
  readonly secrets: readonly string[]
}

const PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const
const MECHANISMS: Readonly<Record<string, { readonly mechanism: SaslMechanism; readonly module: string }>> = {
  'PLAIN': { mechanism: 'plain', module: 'org.apache.kafka.common.security.plain.PlainLoginModule' },
  'SCRAM-SHA-256': { mechanism: 'scram-sha-256', module: 'org.apache.kafka.common.security.scram.ScramLoginModule' },
  'SCRAM-SHA-512': { mechanism: 'scram-sha-512', module: 'org.apache.kafka.common.security.scram.ScramLoginModule' },
}

/** Keys pipe reads. */
const USED = new Set([
  'bootstrap.servers', 'client.id', 'security.protocol', 'sasl.mechanism', 'sasl.jaas.config',
  'ssl.truststore.type', 'ssl.truststore.location', 'ssl.truststore.password', 'ssl.truststore.certificates',
  'ssl.keystore.type', 'ssl.keystore.location', 'ssl.keystore.password', 'ssl.keystore.key', 'ssl.keystore.certificate.chain',
  'ssl.key.password', 'ssl.endpoint.identification.algorithm',
])
/** Keys that change how Kafka's client authenticates in a way pipe cannot follow: an error, not a warning. */
const CANNOT_APPLY = ['sasl.login.callback.handler.class', 'sasl.client.callback.handler.class', 'sasl.login.class', 'sasl.kerberos.service.name', 'ssl.engine.factory.class', 'ssl.provider']
const SECRET_KEYS = ['sasl.jaas.config', 'ssl.truststore.password', 'ssl.keystore.password', 'ssl.key.password', 'ssl.keystore.key']

/** Entries of a client config: key to value and where it was written. */
export type ClientEntries = ReadonlyMap<string, ConfigValue>

/** Reads a `.properties` file into entries (`file:line` each); one clear line when it cannot be read. */
export function readClientEntries(file: string, option: string): ClientEntries {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const why = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable'
    throw new UserError('PIPE_CLIENT_CONFIG', `cannot read ${option} '${file}' (${why})`, 'give the path of a Kafka client .properties file')
  }
  return new Map(parsePropertiesText(text).map((e) => [e.key, { value: e.value, at: `${file}:${String(e.line)}` }]))
}

/** `${env:VAR}` and `${file:path:key}` resolved by the config providers of connector configs. */
function resolvePlaceholders(entries: ClientEntries, env: EnvSource): { entries: ClientEntries; secrets: string[] } {
  const out = new Map<string, ConfigValue>()
  const secrets: string[] = []
  for (const [key, entry] of entries) {
    try {
      const resolved = resolveTaskConfig({ [key]: entry.value }, env)
      out.set(key, { value: resolved.config[key] ?? entry.value, at: entry.at })
      secrets.push(...resolved.secrets)
    } catch (error) {
      if (!(error instanceof RuntimeError)) throw error
      throw new UserError('PIPE_CLIENT_CONFIG', `${entry.at}: ${error.message}`)
    }
  }
  return { entries: out, secrets }
}

function saslOf(get: ConfigLookup, protocol: string): { sasl: NonNullable<KafkaSecurity['sasl']>; name: string } | undefined {
  if (!protocol.startsWith('SASL_')) return undefined
  const given = get('sasl.mechanism')
  const name = (given?.value ?? 'GSSAPI').trim().toUpperCase()
  const known = MECHANISMS[name]
  if (known === undefined) {
    const at = given?.at ?? get('security.protocol')?.at ?? ''
    throw new UserError('PIPE_CLIENT_CONFIG', `${at}: sasl.mechanism '${given?.value ?? 'GSSAPI (the default)'}' cannot apply: pipe's Kafka client speaks PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512`, 'set sasl.mechanism=SCRAM-SHA-512 (or PLAIN) and a matching sasl.jaas.config')
  }
  const jaas = get('sasl.jaas.config')
  if (jaas === undefined) throw new UserError('PIPE_CLIENT_CONFIG', `${given?.at ?? ''}: sasl.mechanism ${name} needs sasl.jaas.config`, `add sasl.jaas.config=${known.module} required username="<user>" password="<password>";`)
  const modules = parseJaasConfig(jaas.value)
  if (typeof modules === 'string') throw new UserError('PIPE_CLIENT_CONFIG', `${jaas.at}: invalid sasl.jaas.config: ${modules}`, `expected ${known.module} required username="<user>" password="<password>";`)
  const module = modules[0]
  if (modules.length !== 1 || module?.loginModule !== known.module) {
    throw new UserError('PIPE_CLIENT_CONFIG', `${jaas.at}: sasl.jaas.config must hold one ${known.module} for sasl.mechanism ${name} (got ${modules.map((m) => m.loginModule).join(', ')})`)
  }
  const { username, password } = module.options
  if (username === undefined || password === undefined) throw new UserError('PIPE_CLIENT_CONFIG', `${jaas.at}: sasl.jaas.config needs username="..." and password="..."`)
  return { sasl: { mechanism: known.mechanism, username, password }, name }
}

function checkKeys(entries: ClientEntries): string[] {
  const refused = [...entries.keys()].filter((k) => CANNOT_APPLY.includes(k))
  const first = refused[0]
  if (first !== undefined) {
    throw new UserError('PIPE_CLIENT_CONFIG', `${entries.get(first)?.at ?? ''}: ${refused.join(', ')} cannot apply: pipe's Kafka client has no such plug-in point`, 'remove the key; pipe speaks SASL PLAIN and SCRAM, and TLS with PEM or PKCS12 stores')
  }
  return [...entries].filter(([k]) => !USED.has(k)).map(([k, e]) => `${e.at}: WARN ${k} is not used by pipe's Kafka client`)
}

/**
 * Checks client config entries as Kafka's clients would (security.protocol, sasl.*, ssl.*), with
 * placeholders resolved, and turns them into the security settings of pipe's Kafka client.
 *
 * @example
 * ```ts
 * clientConfigOf('client.properties', readClientEntries('client.properties', '--client-config'), process.env)
 * ```
 */
export function clientConfigOf(file: string, given: ClientEntries, env: EnvSource): ClientConfig {
  const warnings = checkKeys(given)
  const { entries, secrets } = resolvePlaceholders(given, env)
  const get: ConfigLookup = (key) => entries.get(key)
  const protocolEntry = get('security.protocol')
  const protocol = (protocolEntry?.value ?? 'PLAINTEXT').trim().toUpperCase()
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    throw new UserError('PIPE_CLIENT_CONFIG', `${protocolEntry?.at ?? file}: invalid security.protocol '${protocolEntry?.value ?? ''}': expected ${PROTOCOLS.join(', ')}`)
  }
  const sasl = saslOf(get, protocol)
  const tls = protocol.endsWith('SSL') ? tlsOptions(get) : undefined
  for (const key of SECRET_KEYS) { const v = get(key)?.value; if (v !== undefined && v !== '') secrets.push(v) }
  if (sasl !== undefined) secrets.push(sasl.sasl.password)
  const bootstrap = get('bootstrap.servers')?.value
  const clientId = get('client.id')?.value
  return {
    file,
    ...(bootstrap === undefined ? {} : { bootstrapServers: bootstrap }),
    ...(clientId === undefined || clientId === '' ? {} : { clientId }),
    security: { ...(tls === undefined ? {} : { tls }), ...(sasl === undefined ? {} : { sasl: sasl.sasl }) },
    summary: sasl === undefined ? protocol : `${protocol}, ${sasl.name} as '${sasl.sasl.username}'`,
    warnings,
    secrets,
  }
}

/**
 * The `--client-config` file (or PIPE_CLIENT_CONFIG), read and checked, each warning told to `warn`
 * once; undefined when neither is given.
 */
export function loadClientConfig(option: string | undefined, env: EnvSource, warn: (line: string) => void): ClientConfig | undefined {
  const fromEnv = env['PIPE_CLIENT_CONFIG']
  const [file, from] = option !== undefined ? [option, '--client-config'] : [fromEnv?.trim() === '' ? undefined : fromEnv, 'PIPE_CLIENT_CONFIG']
  if (file === undefined) return undefined
  const config = clientConfigOf(file, readClientEntries(file, from), env)
  for (const warning of config.warnings) warn(warning)
  return config
}
