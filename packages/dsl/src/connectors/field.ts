import type { Secret } from '../ir/secret.js'

/**
 * The kinds of connector option fields.
 *
 * @example
 * ```ts
 * field.enum(['a', 'b'], { doc: 'x' }).kind // 'enum'
 * ```
 */
export type FieldKind = 'string' | 'int' | 'double' | 'bool' | 'enum' | 'list' | 'class' | 'secret' | 'mapping'

/**
 * The ranges of Kafka Connect's integer types (ConfigDef INT, SHORT, LONG), for `field.int({ min, max })`.
 * LONG's bounds are the nearest doubles (JavaScript numbers are exact up to 2^53 only).
 *
 * @example
 * ```ts
 * field.int({ key: 'database.port', doc: 'port', ...JAVA_RANGES.int, optional: true })
 * ```
 */
export const JAVA_RANGES = {
  short: { min: -32768, max: 32767 },
  int: { min: -2147483648, max: 2147483647 },
  long: { min: -(2 ** 63), max: 2 ** 63 },
} as const

/**
 * What every field factory accepts.
 *
 * @example
 * ```ts
 * field.int({ key: 'batch.size', doc: 'max records per poll', min: 1, default: 2000 })
 * ```
 */
export interface FieldInit<T> {
  /** One line of documentation; shown in docs and in diagnostics. */
  readonly doc: string
  /**
   * The Kafka Connect key this option compiles to; absent when the connector compiles it itself
   * (in a definition with `unknownKeys`, absent means the option's name is the key).
   */
  readonly key?: string
  /** Whether the option may be left out. @default false */
  readonly optional?: boolean
  /** The value used when left out (implies optional); compiled explicitly. */
  readonly default?: T
}

/**
 * One typed option of a connector: drives its TypeScript type, its validation, its Kafka Connect
 * key and its docs. `T` is the option's TypeScript type, `R` whether it is required.
 *
 * @example
 * ```ts
 * const f: Field<string, true> = field.string({ key: 'file', doc: 'path' })
 * ```
 */
export interface Field<T, R extends boolean> {
  readonly kind: FieldKind
  readonly doc: string
  readonly key: string | undefined
  readonly required: R
  readonly default: T | undefined
  readonly min?: number
  readonly max?: number
  readonly values?: readonly string[]
  /** Lists: compiled comma-separated (Kafka Connect's LIST type, the default) or as a JSON array string. */
  readonly encoding?: ListEncoding
  /** Phantom: the option's TypeScript type. */
  readonly __type?: T
}

/**
 * How a list option is written into the flat Kafka Connect config: `comma` (Kafka Connect's LIST
 * type; entries must not hold commas) or `json` (a JSON array string, for entries that may).
 *
 * @example
 * ```ts
 * field.list({ key: 'rules', doc: 'rules', encoding: 'json' }).encoding // 'json'
 * ```
 */
export type ListEncoding = 'comma' | 'json'

/** Any field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any field type is acceptable here
export type AnyField = Field<any, boolean>

type IsRequired<I> = I extends { optional: true } ? false : I extends { default: unknown } ? false : true

/**
 * The option object type given by a record of fields.
 *
 * @example
 * ```ts
 * type O = OptionsOf<{ file: Field<string, true>; size: Field<number, false> }> // { file: string; size?: number }
 * ```
 */
export type OptionsOf<F extends Readonly<Record<string, AnyField>>> = {
  readonly [K in keyof F as F[K]['required'] extends true ? K : never]: NonNullable<F[K]['__type']>
} & {
  readonly [K in keyof F as F[K]['required'] extends true ? never : K]?: NonNullable<F[K]['__type']>
}

function make<T, I extends FieldInit<T>>(kind: FieldKind, init: I, extra: object = {}): Field<T, IsRequired<I>> {
  const required = init.optional !== true && init.default === undefined
  // `required` is computed from `init` exactly as IsRequired<I> is
  return Object.freeze({ kind, doc: init.doc, key: init.key, required, default: init.default, ...extra }) as Field<
    T,
    IsRequired<I>
  >
}

/**
 * Field factories for connector definitions.
 *
 * @example
 * ```ts
 * const fields = {
 *   file: field.string({ key: 'file', doc: 'path of the file to read' }),
 *   batchSize: field.int({ key: 'batch.size', doc: 'max records per poll', min: 1, default: 2000 }),
 *   password: field.secret({ key: 'connection.password', doc: 'database password' }),
 * }
 * ```
 */
export const field = {
  /** A string option. */
  string<const I extends FieldInit<string>>(init: I): Field<string, IsRequired<I>> {
    return make('string', init)
  },
  /**
   * An integer option with optional bounds: Kafka Connect's INT, SHORT and LONG (give the Java
   * type's range as min/max, e.g. {@link JAVA_RANGES}). Compiled as its decimal string.
   */
  int<const I extends FieldInit<number> & { readonly min?: number; readonly max?: number }>(
    init: I,
  ): Field<number, IsRequired<I>> {
    return make('int', init, { min: init.min, max: init.max })
  },
  /** A floating-point option with optional bounds (Kafka Connect's DOUBLE). Compiled as its decimal string. */
  double<const I extends FieldInit<number> & { readonly min?: number; readonly max?: number }>(
    init: I,
  ): Field<number, IsRequired<I>> {
    return make('double', init, { min: init.min, max: init.max })
  },
  /** A Java class name (Kafka Connect's CLASS), e.g. `io.debezium.connector.postgresql.PostgresConnector`. */
  class<const I extends FieldInit<string>>(init: I): Field<string, IsRequired<I>> {
    return make('class', init)
  },
  /** A boolean option. */
  bool<const I extends FieldInit<boolean>>(init: I): Field<boolean, IsRequired<I>> {
    return make('bool', init)
  },
  /** One of a finite set of strings. */
  enum<const V extends readonly string[], const I extends FieldInit<V[number]>>(
    values: V,
    init: I,
  ): Field<V[number], IsRequired<I>> {
    return make('enum', init, { values })
  },
  /** A list of strings, compiled comma-separated, or as a JSON array string with `encoding: 'json'`. */
  list<const I extends FieldInit<readonly string[]> & { readonly encoding?: ListEncoding }>(init: I): Field<readonly string[], IsRequired<I>> {
    return make('list', init, init.encoding === undefined ? {} : { encoding: init.encoding })
  },
  /** A password-typed option: must be `env()` or `secret()`; a literal is PIPE_LITERAL_SECRET. */
  secret<const I extends FieldInit<never>>(init: I): Field<Secret | string, IsRequired<I>> {
    return make('secret', init)
  },
  /**
   * Kafka Connect's PASSWORD type for generated modules: typed to take only `env()` / `secret()`,
   * so a literal is a tsc error (and, from untyped code, PIPE_LITERAL_SECRET).
   */
  password<const I extends FieldInit<never>>(init: I): Field<Secret, IsRequired<I>> {
    return make('secret', init)
  },
  /** A mapping of target names (columns) to record field names. */
  mapping<const I extends FieldInit<never>>(init: I): Field<Readonly<Record<string, string>>, IsRequired<I>> {
    return make('mapping', init)
  },
} as const
