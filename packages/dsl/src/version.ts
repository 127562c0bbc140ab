/**
 * The version of the pipeline language and its IR schema that this package produces.
 *
 * @example
 * ```ts
 * DSL_VERSION // 1
 * ```
 */
export const DSL_VERSION = 1
