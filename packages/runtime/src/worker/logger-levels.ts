import type { Clock } from '../tasks/task-context.js'
import { InvalidLogLevelError, LoggerLevelMissingError, LoggerNotFoundError } from './worker-errors.js'

/** `LoggerLevel`: `{"level": "INFO", "last_modified": null | epoch ms}`. */
export interface LoggerLevel {
  readonly level: string
  readonly last_modified: number | null
}

const isJsonObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const LEVELS = ['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL'] as const

/** Log levels by logger name, as `/admin/loggers` reads and sets them (log4j's hierarchy by dots). */
export interface LoggerLevels {
  /** Loggers with a level of their own. */
  all(): Readonly<Record<string, LoggerLevel>>
  get(name: string): LoggerLevel
  /** Sets `name` and its descendants; returns the names that were set, sorted. */
  set(name: string, body: unknown): readonly string[]
}

function parseLevel(body: unknown): string {
  const level = isJsonObject(body) ? body['level'] : undefined
  if (typeof level !== 'string') throw new LoggerLevelMissingError()
  if (!(LEVELS as readonly string[]).includes(level.toUpperCase())) throw new InvalidLogLevelError(level)
  return level.toUpperCase()
}

export function createLoggerLevels(clock: Clock, initial: Readonly<Record<string, string>> = { root: 'INFO' }): LoggerLevels {
  const levels = new Map<string, LoggerLevel>(Object.entries(initial).map(([n, level]) => [n, { level, last_modified: null }]))
  // loggers that exist without a level of their own (log4j creates them on first use)
  const inheriting = new Set<string>()
  const effective = (name: string): string => {
    for (let n = name; n !== ''; n = n.includes('.') ? n.slice(0, n.lastIndexOf('.')) : '') {
      const found = levels.get(n)
      if (found !== undefined) return found.level
    }
    return levels.get('root')?.level ?? 'INFO'
  }
  return {
    all: () => Object.fromEntries([...levels.entries()].sort(([a], [b]) => a.localeCompare(b))),
    get(name) {
      const found = levels.get(name)
      if (found !== undefined) return found
      if (inheriting.has(name)) return { level: effective(name), last_modified: null }
      throw new LoggerNotFoundError(name)
    },
    set(name, body) {
      const level = parseLevel(body)
      if (!levels.has(name) && effective(name) === level) {
        inheriting.add(name)
        return [name]
      }
      const changed = [...levels.keys()].filter((n) => name === 'root' || n === name || n.startsWith(`${name}.`))
      if (!changed.includes(name)) changed.push(name)
      const entry = { level, last_modified: clock.now() }
      for (const n of changed) levels.set(n, entry)
      return changed.sort()
    },
  }
}
