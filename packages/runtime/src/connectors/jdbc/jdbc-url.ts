import { RuntimeError } from '../../errors.js'

/** A bad config or a refusal of the database: the task fails with this one line. */
export class JdbcError extends RuntimeError {
  override readonly name = 'JdbcError'
  constructor(what: string, message: string, options?: { readonly cause?: unknown }) {
    super('JDBC', `${what}: ${message}`, options)
  }
}

export type JdbcKind = 'postgresql' | 'mariadb'

/** What pipe takes from a JDBC URL: the database kind, where it is, and which database. */
export interface JdbcTarget {
  readonly kind: JdbcKind
  readonly host: string
  readonly port: number
  readonly database: string
}

const URL_PATTERN = /^jdbc:(postgresql|mariadb|mysql):\/\/([^/:?]+)(?::(\d+))?\/([^?;]+)/

/**
 * Reads `jdbc:postgresql://host:5432/db` and `jdbc:mariadb://host:3306/db` (or `jdbc:mysql:`);
 * the databases pipe's JDBC connectors speak.
 *
 * @example
 * parseJdbcUrl('jdbc:mariadb://127.0.0.1/shop', 'jdbc sink') // { kind: 'mariadb', host: '127.0.0.1', port: 3306, database: 'shop' }
 */
export function parseJdbcUrl(url: string | undefined, what: string): JdbcTarget {
  const match = URL_PATTERN.exec(url?.trim() ?? '')
  if (match === null) {
    throw new JdbcError(what, `'connection.url' must be jdbc:postgresql://host:port/database or jdbc:mariadb://host:port/database, got '${url ?? ''}'`)
  }
  const kind: JdbcKind = match[1] === 'postgresql' ? 'postgresql' : 'mariadb'
  return { kind, host: match[2] ?? '', port: match[3] === undefined ? (kind === 'postgresql' ? 5432 : 3306) : Number(match[3]), database: decodeURIComponent(match[4] ?? '') }
}

/**
 * One line for what the database (or the network) refused, with the fix.
 *
 * @example
 * describeDbError(error, target, 'app', 'jdbc sink') // "jdbc sink: cannot log in to mariadb at 127.0.0.1:3306 as 'app': ..."
 */
export function describeDbError(error: unknown, target: JdbcTarget, user: string, what: string): JdbcError {
  if (error instanceof JdbcError) return error
  const e = error as { code?: string; errno?: number; message?: string }
  const at = `${target.kind} at ${target.host}:${String(target.port)}`
  const message = (e.message ?? String(error)).split('\n')[0] ?? ''
  if (e.code === '28P01' || e.code === '28000' || (e.code?.startsWith('ER_ACCESS_DENIED') ?? false) || e.errno === 1045 || e.errno === 1698) {
    return new JdbcError(what, `cannot log in to ${at} as '${user}': ${message} (check connection.username and connection.password)`, { cause: error })
  }
  if (e.code === '3D000' || e.code === 'ER_BAD_DB_ERROR') {
    return new JdbcError(what, `${at} has no database '${target.database}' (check connection.url)`, { cause: error })
  }
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'ETIMEDOUT') {
    return new JdbcError(what, `cannot connect to ${at}: ${e.code} (is the server running? check connection.url)`, { cause: error })
  }
  return new JdbcError(what, `${at}: ${message}`, { cause: error })
}
