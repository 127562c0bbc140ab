import { readFileSync } from 'node:fs'
import type { RawConfig } from './herder.js'

/** Where `${env:VAR}` reads from: the worker's environment. */
export type EnvSource = Readonly<Record<string, string | undefined>>

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

/**
 * Resolves config-provider placeholders (`${env:VAR}`, `${file:/path.properties:key}`) for the
 * engine only; unresolvable ones stay as written, as in Kafka Connect. Also returns the resolved
 * values, so that anything shown to users can be scrubbed of them.
 */
export function resolveConfig(config: RawConfig, env: EnvSource): { readonly config: RawConfig; readonly secrets: readonly string[] } {
  const secrets: string[] = []
  const resolved: Record<string, string> = {}
  for (const [k, v] of Object.entries(config)) {
    resolved[k] = v.replace(PLACEHOLDER, (whole, provider: string, path: string | undefined, key: string) => {
      const value = lookup(provider, path, key, env)
      if (value === undefined) return whole
      if (value !== '') secrets.push(value)
      return value
    })
  }
  return { config: resolved, secrets }
}

/** Replaces every occurrence of a secret value in `text` with `[hidden]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('[hidden]')
  return out
}
