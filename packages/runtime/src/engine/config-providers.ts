import type { ConnectorConfig } from '@pipe/dsl/contract'
import { readFileSync } from 'node:fs'
import { RuntimeError } from '../errors.js'
import { setOwn } from '../records/own-property.js'

/** Where `${env:VAR}` reads from: the engine's (or worker's) environment. */
export type EnvSource = Readonly<Record<string, string | undefined>>

/** `${provider:[path:]key}`, Kafka Connect's config-provider placeholder (EnvVarConfigProvider, FileConfigProvider). */
const PLACEHOLDER = /\$\{([A-Za-z0-9_.-]+):(?:([^:}]*):)?([^}]*)\}/g

function readProperties(path: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>()
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('!')) continue
    const at = trimmed.search(/[=:]/)
    if (at > 0) out.set(trimmed.slice(0, at).trim(), trimmed.slice(at + 1).trim())
  }
  return out
}

function lookup(provider: string, path: string | undefined, key: string, env: EnvSource): string | undefined {
  if (provider === 'env' && path === undefined) return env[key]
  if (provider === 'file' && path !== undefined) {
    try {
      return readProperties(path).get(key)
    } catch {
      return undefined
    }
  }
  return undefined
}

/** Config with placeholders resolved, and the resolved values (to scrub from anything shown). */
export interface ResolvedConfig {
  readonly config: ConnectorConfig
  readonly secrets: readonly string[]
}

/**
 * Resolves config-provider placeholders (`${env:VAR}`, `${file:/path.properties:key}`) for the
 * engine only; unresolvable ones stay as written, as in Kafka Connect. Also returns the resolved
 * values, so that anything shown to users can be scrubbed of them.
 *
 * @example
 * ```ts
 * resolveConfig({ 'bearer.token': '${env:T}' }, { T: 'abc' }) // { config: { 'bearer.token': 'abc' }, secrets: ['abc'] }
 * ```
 */
export function resolveConfig(config: ConnectorConfig, env: EnvSource): ResolvedConfig {
  const secrets: string[] = []
  const resolved: Record<string, string> = {}
  for (const [k, v] of Object.entries(config)) {
    setOwn(resolved, k, v.replace(PLACEHOLDER, (whole, provider: string, path: string | undefined, key: string) => {
      const value = lookup(provider, path, key, env)
      if (value === undefined) return whole
      if (value !== '') secrets.push(value)
      return value
    }))
  }
  return { config: resolved, secrets }
}

/** A placeholder the engine cannot resolve: an unset variable, a missing file or key. */
export class ConfigProviderError extends RuntimeError {
  override readonly name = 'ConfigProviderError'
  constructor(message: string) {
    super('PIPE_UNRESOLVED_CONFIG', message)
  }
}

function unresolvedMessage(key: string, placeholder: string, provider: string, path: string | undefined, name: string): string {
  if (provider === 'env' && path === undefined) {
    return `environment variable ${name} is not set ('${key}' is ${placeholder}): set it where pipe runs, e.g. export ${name}=<value>`
  }
  if (provider === 'file' && path !== undefined) {
    return `no key '${name}' in properties file '${path}' ('${key}' is ${placeholder}): add the line ${name}=<value> to that file`
  }
  return `config provider '${provider}' of ${placeholder} ('${key}') is not known to pipe: use \${env:VAR} or \${file:/path.properties:key}`
}

/**
 * Resolves a task's config when it starts (pipe run, the engine): like {@link resolveConfig}, but a
 * placeholder that cannot be resolved is an error naming the variable and how to set it.
 *
 * @example
 * ```ts
 * resolveTaskConfig({ 'bearer.token': '${env:T}' }, {}) // throws: environment variable T is not set ...
 * ```
 */
export function resolveTaskConfig(config: ConnectorConfig, env: EnvSource): ResolvedConfig {
  for (const [key, value] of Object.entries(config)) {
    for (const [placeholder, provider = '', path, name = ''] of value.matchAll(PLACEHOLDER)) {
      if (lookup(provider, path, name, env) === undefined) throw new ConfigProviderError(unresolvedMessage(key, placeholder, provider, path, name))
    }
  }
  return resolveConfig(config, env)
}

/**
 * Replaces every occurrence of a secret value in `text` with `[hidden]`.
 *
 * @example
 * ```ts
 * redact('token abc rejected', ['abc']) // 'token [hidden] rejected'
 * ```
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('[hidden]')
  return out
}
