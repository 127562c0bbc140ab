/**
 * A module `pipe plugins pull` wrote: the class it types, its factory and the kinds of its fields.
 *
 * @example
 * ```ts
 * const m: PulledModule = { kind: 'connector', className: 'io.debezium...PostgresConnector', factory: 'postgresConnector', specifier: '../connectors/postgres-connector.js', fields: { 'database.port': 'int' } }
 * ```
 */
export interface PulledModule {
  readonly kind: 'connector' | 'transform'
  readonly className: string
  readonly factory: string
  /** Import specifier from the written pipeline files, e.g. `../connectors/postgres-connector.js`. */
  readonly specifier: string
  readonly fields: Readonly<Record<string, string>>
}
