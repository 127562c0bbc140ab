/**
 * The one registry of diagnostic and error codes (SCREAMING_SNAKE), shared by the library and the CLI.
 *
 * @example
 * ```ts
 * import { ERROR_CODES, type ErrorCode } from '@pipe/dsl'
 * const code: ErrorCode = 'PIPE_LITERAL_SECRET'
 * ERROR_CODES.includes(code) // true
 * ```
 */
export const ERROR_CODES = [
  // --- dsl: pipeline structure (validate/validate.ts) ---
  'PIPE_INVALID_IR',
  'PIPE_UNSUPPORTED_SCHEMA_VERSION',
  'PIPE_INVALID_NAME',
  'PIPE_INVALID_TOPIC_NAME',
  'PIPE_SOURCE_FORK',
  'PIPE_DANGLING_NODE',
  // --- dsl: connector options (connectors/validate-options.ts) ---
  'PIPE_UNKNOWN_CONNECTOR',
  'PIPE_MISSING_OPTION',
  'PIPE_UNKNOWN_OPTION',
  'PIPE_INVALID_OPTION',
  'PIPE_LITERAL_SECRET',
  // --- dsl: transforms ---
  'PIPE_INVALID_TRANSFORM',
  // --- dsl: compilation (compile/) ---
  'PIPE_NOT_PORTABLE_STEP',
  'PIPE_NOT_PORTABLE_CONNECTOR',
  'PIPE_FORMAT_MISMATCH',
  'PIPE_DLQ_ON_SOURCE',
  'PIPE_CASSANDRA_ARRAY_VALUE',
  // --- dsl: across files (validate-project.ts) ---
  'PIPE_DUPLICATE_PIPELINE',
  'PIPE_DUPLICATE_CONNECTOR',
  'PIPE_TOPIC_CONFLICT',
  // --- dsl: internal ---
  'PIPE_INTERNAL',
  // --- cli: codes owned by packages/cli (add below this line) ---
  'PIPE_NO_RUNTIME_IMPLEMENTATION',
  // finding and loading pipeline files (cli/load)
  'PIPE_FILE_NOT_FOUND',
  'PIPE_NO_PIPELINES',
  'PIPE_SYNTAX_ERROR',
  'PIPE_MODULE_NOT_FOUND',
  'PIPE_LOAD_FAILED',
  'PIPE_BUNDLE_WRITE_FAILED',
  'PIPE_NO_DEFAULT_EXPORT',
  'PIPE_INVALID_DEFAULT_EXPORT',
  // type-checking with the project's tsconfig (cli/load/type-check.ts); the TS code is in the message
  'PIPE_TYPE_ERROR',
  // writing compiled configs (cli/output)
  'PIPE_OUTPUT_CONFLICT',
  // pipe check --connect: a live worker's validate endpoint (cli/connect)
  'PIPE_CONNECT_UNREACHABLE',
  'PIPE_CONNECT_PLUGIN_MISSING',
  'PIPE_CONNECT_INVALID_CONFIG',
  'PIPE_CONNECT_PLUGIN_VERSION',
  'PIPE_DLQ_REPLICATION_FACTOR',
  // --- end of cli codes ---
] as const

/**
 * A code from {@link ERROR_CODES}.
 *
 * @example
 * ```ts
 * const code: ErrorCode = 'PIPE_MISSING_OPTION'
 * ```
 */
export type ErrorCode = (typeof ERROR_CODES)[number]

/**
 * Whether a string is a registered code.
 *
 * @example
 * ```ts
 * isErrorCode('PIPE_LITERAL_SECRET') // true
 * ```
 */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}
